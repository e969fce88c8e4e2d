import type { Readable } from 'node:stream';
import {
  type Assessment,
  assess,
  createScanner,
  type LocatedFinding,
  type Scanner,
} from '@phiguard/core';
import {
  type AttachmentInfo,
  type Extraction,
  extractFile,
  extractMessage,
  type LimitsInput,
  type StructuredMessage,
  type Unscannable,
} from '@phiguard/extract';
import { type Decision, decide, type MessageContext, reduceLocation } from '@phiguard/policy';
import { type CompiledPolicy, loadPolicy, PACKS, scannerDetectors } from '@phiguard/rules';

export interface GuardOptions {
  /** The compiled policy; the `hipaa-baseline` pack when absent. */
  readonly policy?: CompiledPolicy;
  /** The organisation's own domains, added to the policy's internal domains. */
  readonly internalDomains?: readonly string[];
  /**
   * Secret key for finding fingerprints (16 bytes or more). Give one to compare
   * fingerprints across processes; a random one is made otherwise.
   */
  readonly fingerprintKey?: string | Uint8Array;
  /**
   * Secret key for the hashed addresses and Message-ID in audit records (16 bytes or more).
   * Give one to compare audit records across processes; a random one per process otherwise.
   */
  readonly auditKey?: string | Uint8Array;
  /** Extraction limits; the documented defaults when absent. */
  readonly limits?: LimitsInput;
  /**
   * Keep each segment's text, and full file names in locations, in the inspection. Off by
   * default, and only for local debugging (the CLI's `--show-values`): the text is the
   * message content, and a file name can itself be PHI (`Jane_Doe_HIV.pdf`). Without it,
   * locations name files by extension only: `attachment[0]:*.pdf#page=2`.
   */
  readonly includeSegmentText?: boolean;
  /**
   * Receives one `debug` event per step (`extracted`, `decided`) with codes, counts, types
   * and timings only: never text, values, file names or addresses. The library is silent
   * without it.
   */
  readonly logger?: GuardLogger;
}

/** Shortest secret key accepted, as for fingerprint keys. */
const MIN_KEY_BYTES = 16;

/** A caller-supplied audit key is too short to resist guessing. */
export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
  constructor(readonly length: number) {
    super(
      `audit key has ${length} bytes; pass at least ${MIN_KEY_BYTES} random bytes ` +
        '(for example crypto.randomBytes(32)) or omit the key to get a random one',
    );
  }
}

/** Fields of a log event: codes and counts, never content. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where a guard sends its debug events; the CLI's logger has this shape. */
export interface GuardLogger {
  log(level: 'debug', event: string, fields?: LogFields): void;
}

/** The envelope, when the caller knows it: it wins over the message headers. */
export interface Envelope {
  readonly sender?: string;
  readonly recipients?: readonly string[];
}

/** What a mail adapter needs from a decision: codes only, never content. */
export interface Verdict {
  readonly action: 'allow' | 'encrypt' | 'quarantine' | 'block';
  readonly reasons: readonly string[];
  readonly encryption?: 'transport' | 'end-to-end';
}

/** A segment as reported back: where it is and how long, never its text. */
export interface SegmentSummary {
  readonly location: string;
  readonly area: string;
  readonly via: string;
  readonly length: number;
  /** Only with `includeSegmentText`. */
  readonly text?: string;
}

/** Everything known about one message or file after the whole pipeline, with no values. */
export interface Inspection {
  readonly decision: Decision;
  readonly findings: readonly LocatedFinding[];
  readonly assessment: Assessment;
  readonly unscannable: readonly Unscannable[];
  readonly attachments: readonly AttachmentInfo[];
  readonly segments: readonly SegmentSummary[];
  /** Size of the input in bytes. */
  readonly size: number;
  /** The context the decision was made in. Addresses in it are personal data: do not log. */
  readonly context: MessageContext;
}

/**
 * The whole pipeline in one object: extraction, the scanner, the assessment and the
 * policy decision. Build one and reuse it; compiling detectors and the policy is the
 * expensive part.
 *
 * @example
 * const guard = createGuard({ internalDomains: ['example-hospital.org'] });
 * const { decision } = await guard.inspectMessage(rawMessage);
 * if (decision.action !== 'allow') console.log(explainDecision(decision));
 */
export class Guard {
  readonly policy: CompiledPolicy;
  readonly scanner: Scanner;
  private readonly options: GuardOptions;

  constructor(options: GuardOptions = {}) {
    // A short audit key would let anyone who reads the records hash guessed addresses and
    // compare; the fingerprint key is checked the same way by the scanner.
    const auditKeyBytes =
      typeof options.auditKey === 'string'
        ? Buffer.byteLength(options.auditKey, 'utf8')
        : options.auditKey?.length;
    if (auditKeyBytes !== undefined && auditKeyBytes < MIN_KEY_BYTES) {
      throw new AuditKeyError(auditKeyBytes);
    }
    this.options = options;
    this.policy =
      options.policy ?? loadPolicy(PACKS['hipaa-baseline']!, { name: 'hipaa-baseline' });
    this.scanner = createScanner({
      detectors: scannerDetectors(this.policy),
      fingerprintKey: options.fingerprintKey,
    });
  }

  /** Inspects a raw RFC 5322 message (bytes, string or stream) or a parsed one. */
  async inspectMessage(
    input: Buffer | Uint8Array | string | Readable | StructuredMessage,
    envelope: Envelope = {},
  ): Promise<Inspection> {
    const started = performance.now();
    const extraction = await extractMessage(input, { limits: this.options.limits });
    this.logExtraction('message', extraction, started);
    const headers = extraction.headers;
    const fromHeaders = [
      ...(headers?.to ?? []),
      ...(headers?.cc ?? []),
      ...(headers?.bcc ?? []),
    ].map((m) => m.address);
    return this.finish(extraction, {
      messageId: headers?.messageId,
      sender: envelope.sender ?? headers?.from?.[0]?.address,
      recipients: envelope.recipients ?? fromHeaders,
    });
  }

  /**
   * Inspects one file outside mail (a PDF, a spreadsheet, a text export). With no
   * recipients given, the policy sees a message to nobody: rules about external
   * recipients do not fire, rules about content and unreadable parts do.
   */
  async inspectFile(
    bytes: Uint8Array,
    file: { filename?: string } = {},
    envelope: Envelope = {},
  ): Promise<Inspection> {
    const started = performance.now();
    const extraction = await extractFile(bytes, {
      filename: file.filename,
      limits: this.options.limits,
    });
    this.logExtraction('file', extraction, started);
    return this.finish(extraction, {
      sender: envelope.sender,
      recipients: envelope.recipients ?? [],
    });
  }

  /**
   * Inspects a message and returns only what a mail adapter needs: the action, the reason
   * codes and, for `encrypt`, the strength. Rejects only on a bug; adapters fail closed then.
   */
  async verdict(input: Buffer | Uint8Array | string, envelope: Envelope = {}): Promise<Verdict> {
    const { decision } = await this.inspectMessage(input, envelope);
    return {
      action: decision.action,
      reasons: [...new Set(decision.reasons.map((r) => r.code))],
      ...(decision.strength ? { encryption: decision.strength } : {}),
    };
  }

  /** Counts, types and reason codes of an extraction; its text and names stay out. */
  private logExtraction(kind: 'message' | 'file', extraction: Extraction, started: number) {
    this.options.logger?.log('debug', 'extracted', {
      kind,
      bytes: extraction.size,
      segments: extraction.segments.length,
      attachments: extraction.attachments.length,
      types: [...new Set(extraction.attachments.map((a) => a.detectedType))].join(','),
      unscannable: extraction.unscannable.map((u) => u.reason).join(','),
      ms: Math.round(performance.now() - started),
    });
  }

  private finish(extraction: Extraction, given: MessageContext): Inspection {
    const { findings, failures } = this.scanner.scanSegments(extraction.segments);
    const assessment = assess(findings);
    // A detector that broke leaves its segment not fully scanned: report it as unreadable,
    // so policy treats it as risk rather than as clean.
    const unscannable: Unscannable[] = [
      ...extraction.unscannable,
      ...failures.map((failure) => ({
        location: extraction.segments[failure.segment ?? 0]?.location ?? 'message',
        reason: 'scanner_failed' as const,
        detail: `detector ${failure.detector} failed in ${failure.stage} ${failure.count} times`,
      })),
    ];
    const context = { ...given, internalDomains: this.options.internalDomains };
    const decision = decide(
      {
        findings,
        unscannable,
        attachments: extraction.attachments,
        assessment,
        size: extraction.size,
      },
      context,
      this.policy,
      { fingerprintKey: this.options.fingerprintKey, auditKey: this.options.auditKey },
    );
    this.options.logger?.log('debug', 'decided', {
      action: decision.action,
      mode: decision.mode,
      reasons: decision.reasons.map((r) => r.code).join(','),
      findings: findings.length,
      detectors: [...new Set(findings.map((f) => f.detector))].join(','),
      scanner_failures: failures.length,
    });
    const place = this.options.includeSegmentText ? (l: string) => l : placeReducer();
    return {
      decision,
      // Most findings sit in a place whose name holds nothing to reduce (`body`): those are
      // handed on as they are rather than copied, a message holding thousands.
      findings: findings.map((f) => {
        const location = place(f.location);
        return location === f.location ? f : { ...f, location };
      }),
      assessment,
      unscannable: unscannable.map((u) => ({ ...u, location: place(u.location) })),
      attachments: extraction.attachments.map(({ filename, ...rest }) => ({
        ...rest,
        location: place(rest.location),
        ...(this.options.includeSegmentText && filename !== undefined ? { filename } : {}),
      })),
      segments: extraction.segments.map((s) => ({
        location: place(s.location),
        area: s.area,
        via: s.via,
        length: s.text.length,
        ...(this.options.includeSegmentText ? { text: s.text } : {}),
      })),
      size: extraction.size,
      context,
    };
  }
}

/** `reduceLocation`, reducing each distinct place once. */
function placeReducer(): (location: string) => string {
  const reduced = new Map<string, string>();
  return (location) => {
    let place = reduced.get(location);
    if (place === undefined) {
      place = reduceLocation(location);
      reduced.set(location, place);
    }
    return place;
  };
}

/** Builds a `Guard`; see its documentation. */
export function createGuard(options: GuardOptions = {}): Guard {
  return new Guard(options);
}
