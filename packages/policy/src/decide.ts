import { createHmac, randomBytes } from 'node:crypto';
import { Fingerprinter } from '@phiguard/core';
import type {
  Action,
  CompiledPolicy,
  CompiledRule,
  Mode,
  OverrideKind,
  Strength,
} from '@phiguard/rules';
import {
  ACTION_RANK,
  type AuditRecord,
  type Decision,
  type DetectorCount,
  type Evidence,
  MAX_EVIDENCE_VALUES,
  type Reason,
  type UnscannableEvidence,
} from './decision.js';
import {
  addressMatches,
  type Collected,
  domainOf,
  emptyCollected,
  evaluate,
  type Facts,
  type Party,
  select,
} from './evaluate.js';
import type { MessageContext, ScanFinding, ScanInput, UnscannablePart } from './input.js';
import { reduceLocation } from './locations.js';

/** How `decide` hashes, matches allow lists and tells the time. */
export interface DecideOptions {
  /**
   * The scanner's fingerprint key. With it, allow-listed literal values are also matched by
   * fingerprint, for scanners not built with `scannerDetectors(policy)`.
   */
  readonly fingerprintKey?: string | Uint8Array;
  /**
   * Key for the HMACs of addresses and the Message-ID in audit records. Without one, a
   * random key is made per process, and hashes cannot be compared across restarts.
   */
  readonly auditKey?: string | Uint8Array;
  /** Store the Message-ID as given rather than hashed (it can name a host or a person). */
  readonly keepMessageId?: boolean;
  /** The clock, for audit timestamps. */
  readonly now?: () => Date;
}

let processAuditKey: Buffer | undefined;

/**
 * Decides what happens to a message: the strictest action among the rules that fire
 * (block > quarantine > encrypt > allow), with every reason and an audit record.
 *
 * It fails closed: a rule that cannot be evaluated adds `evaluation_failed` and quarantines,
 * and unreadable parts that no rule handled add `unscannable_unhandled`, so content that
 * could not be read is never allowed silently.
 *
 * @example
 * const decision = decide(scanResult, { recipients: ['dr.lee@clinic.example'] }, policy);
 * if (decision.action === 'block') reject(explainDecision(decision));
 */
export function decide(
  scan: ScanInput,
  context: MessageContext,
  policy: CompiledPolicy,
  options: DecideOptions = {},
): Decision {
  processAuditKey ??= randomBytes(32);
  const auditKey = options.auditKey ?? processAuditKey;
  const now = (options.now ?? (() => new Date()))();
  let facts: Facts;
  let allowListed = 0;
  try {
    const prepared = prepare(scan, context, policy, options);
    facts = prepared.facts;
    allowListed = prepared.allowListed;
  } catch {
    // Input that cannot even be read is the scanner or the caller breaking: fail closed.
    const failed = systemReason('evaluation_failed', 'quarantine', 'enforce', undefined);
    return finish([failed], emptyFacts(context), policy, context, scan, {
      auditKey,
      now,
      options,
      allowListed: 0,
    });
  }

  const reasons: Reason[] = [];
  const handled = new Set<UnscannablePart>();
  for (const rule of policy.rules) {
    const collected = emptyCollected();
    let fired: boolean;
    try {
      fired =
        evaluate(rule.when, facts, collected) &&
        !(rule.unless && evaluate(rule.unless, facts, emptyCollected()));
    } catch {
      // A rule that throws is a bug in the policy engine; the message does not pass for it.
      reasons.push(systemReason('evaluation_failed', 'quarantine', 'enforce', rule.id));
      continue;
    }
    if (!fired) continue;
    // A part counts as handled when an enforcing rule (or any rule of an audit policy) saw it.
    if (rule.mode === 'enforce' || policy.mode === 'audit') {
      for (const part of collected.unscannable) handled.add(part);
    }
    reasons.push(ruleReason(rule, collected, facts));
  }

  // Unreadable content must show in the decision even if no rule looked at it.
  const unhandled = facts.unscannable.filter((part) => !handled.has(part));
  if (unhandled.length > 0) {
    reasons.push({
      ...systemReason('unscannable_unhandled', 'quarantine', policy.mode, undefined),
      override: 'with_justification',
      evidence: evidenceOf({ findings: new Set(), unscannable: new Set(unhandled) }, facts),
    });
  }
  return finish(reasons, facts, policy, context, scan, { auditKey, now, options, allowListed });
}

interface Prepared {
  readonly facts: Facts;
  readonly allowListed: number;
}

function prepare(
  scan: ScanInput,
  context: MessageContext,
  policy: CompiledPolicy,
  options: DecideOptions,
): Prepared {
  const internal = new Set(
    [...policy.internalDomains, ...(context.internalDomains ?? [])].map((d) => d.toLowerCase()),
  );
  const party = (address: string): Party => ({
    address,
    external:
      !isInternal(address, internal) &&
      !policy.allowRecipients.some((p) => addressMatches(address, p)),
  });

  let findings = [...scan.findings];
  const before = findings.length;
  if (options.fingerprintKey !== undefined && policy.allowValues.length > 0) {
    const fingerprinter = new Fingerprinter(options.fingerprintKey);
    const allowed = policy.allowValues.map((list) => ({
      ref: list.ref,
      prints: new Set(list.canonical.map((c) => fingerprinter.of(list.class, c))),
    }));
    findings = findings.filter(
      (f) =>
        !allowed.some(
          (a) => (a.ref === f.detector || a.ref === f.class) && a.prints.has(f.fingerprint),
        ),
    );
  }

  // An assessment made before allow-listed findings were dropped may count them: when any
  // were dropped, PHI is judged again from what is left.
  const assessment = findings.length === before ? scan.assessment : undefined;
  const phi =
    assessment?.phi ??
    (select(findings, { ref: 'identifier' }).length > 0 &&
      select(findings, { ref: 'health_information' }).length > 0);
  return {
    facts: {
      findings,
      unscannable: [...(scan.unscannable ?? [])],
      attachments: [...(scan.attachments ?? [])],
      phi,
      size: scan.size,
      recipients: context.recipients.map(party),
      sender: context.sender === undefined ? undefined : party(context.sender),
    },
    allowListed: before - findings.length,
  };
}

/** A domain is internal when it is, or is under, one of the internal domains. */
function isInternal(address: string, internal: ReadonlySet<string>): boolean {
  const domain = domainOf(address);
  if (!address.includes('@') || domain === '') return false;
  for (const d of internal) if (domain === d || domain.endsWith(`.${d}`)) return true;
  return false;
}

function ruleReason(rule: CompiledRule, collected: Collected, facts: Facts): Reason {
  return {
    code: rule.reason,
    rule: rule.id,
    action: rule.action,
    ...(rule.strength ? { strength: rule.strength } : {}),
    override: rule.override,
    mode: rule.mode,
    evidence: evidenceOf(collected, facts),
  };
}

function systemReason(code: string, action: Action, mode: Mode, rule: string | undefined): Reason {
  return {
    code,
    ...(rule === undefined ? {} : { rule }),
    action,
    override: 'none',
    mode,
    evidence: {
      detectors: [],
      locations: [],
      masked: [],
      fingerprints: [],
      unscannable: [],
      externalRecipients: 0,
    },
  };
}

function evidenceOf(collected: Collected, facts: Facts): Evidence {
  const findings = [...collected.findings];
  return {
    detectors: countByDetector(findings),
    // A message holds thousands of findings in a few places: each place is reduced once.
    locations: [
      ...new Set(
        [...new Set(findings.map((f) => f.location ?? f.area ?? 'text'))].map(reduceLocation),
      ),
    ],
    masked: findings.slice(0, MAX_EVIDENCE_VALUES).map((f) => f.masked),
    fingerprints: [...new Set(findings.map((f) => f.fingerprint))].slice(0, MAX_EVIDENCE_VALUES),
    unscannable: reduceParts([...collected.unscannable]),
    externalRecipients: facts.recipients.filter((r) => r.external).length,
  };
}

/** Findings counted per detector, with distinct values by fingerprint. */
export function countByDetector(findings: readonly ScanFinding[]): DetectorCount[] {
  const byId = new Map<string, { cls: string; count: number; prints: Set<string> }>();
  for (const f of findings) {
    const entry = byId.get(f.detector) ?? { cls: f.class, count: 0, prints: new Set<string>() };
    entry.count++;
    entry.prints.add(f.fingerprint);
    byId.set(f.detector, entry);
  }
  return [...byId].map(([detector, e]) => ({
    detector,
    class: e.cls,
    count: e.count,
    distinct: e.prints.size,
  }));
}

function reduceParts(parts: readonly UnscannablePart[]): UnscannableEvidence[] {
  return parts.map((p) => ({ location: reduceLocation(p.location), reason: p.reason }));
}

function emptyFacts(context: MessageContext): Facts {
  return {
    findings: [],
    unscannable: [],
    attachments: [],
    phi: false,
    size: undefined,
    recipients: Array.isArray(context?.recipients)
      ? context.recipients.map((address) => ({ address: String(address), external: true }))
      : [],
    sender: undefined,
  };
}

function strictest(reasons: readonly Reason[]): Action {
  let action: Action = 'allow';
  for (const r of reasons) if (ACTION_RANK[r.action] > ACTION_RANK[action]) action = r.action;
  return action;
}

interface FinishOptions {
  readonly auditKey: string | Uint8Array;
  readonly now: Date;
  readonly options: DecideOptions;
  readonly allowListed: number;
}

function finish(
  reasons: readonly Reason[],
  facts: Facts,
  policy: CompiledPolicy,
  context: MessageContext,
  scan: ScanInput,
  extra: FinishOptions,
): Decision {
  const enforced = reasons.filter((r) => r.mode === 'enforce');
  const action = strictest(enforced);
  const auditAction = strictest(reasons);
  const deciding = enforced.filter((r) => r.action === action);
  const override: OverrideKind =
    deciding.length > 0 && deciding.every((r) => r.override === 'with_justification')
      ? 'with_justification'
      : 'none';
  const strength: Strength | undefined =
    action === 'encrypt'
      ? deciding.some((r) => r.strength === 'end-to-end')
        ? 'end-to-end'
        : 'transport'
      : undefined;
  const mode: Mode = ACTION_RANK[auditAction] > ACTION_RANK[action] ? 'audit' : 'enforce';
  const unscannable = reduceParts(facts.unscannable);

  const hash = (value: string) =>
    `hmac:${createHmac('sha256', extra.auditKey).update(value).digest('hex')}`;
  const messageId = typeof context?.messageId === 'string' ? context.messageId : undefined;
  const audit: AuditRecord = {
    version: 1,
    decidedAt: extra.now.toISOString(),
    policy: { name: policy.name, digest: policy.digest },
    ...(messageId === undefined
      ? {}
      : { messageId: extra.options.keepMessageId ? messageId : hash(messageId) }),
    action,
    mode,
    auditAction,
    ...(strength ? { strength } : {}),
    override,
    rules: reasons.map((r) => ({
      ...(r.rule ? { rule: r.rule } : {}),
      code: r.code,
      action: r.action,
      mode: r.mode,
    })),
    findings: countByDetector(facts.findings),
    allowListed: extra.allowListed,
    unscannable,
    recipients: {
      count: facts.recipients.length,
      external: facts.recipients.filter((r) => r.external).length,
      hashed: facts.recipients.map((r) => hash(r.address.toLowerCase())),
    },
    ...(facts.sender ? { sender: hash(facts.sender.address.toLowerCase()) } : {}),
    ...(typeof scan?.size === 'number' ? { size: scan.size } : {}),
  };
  return {
    action,
    mode,
    auditAction,
    ...(strength ? { strength } : {}),
    override,
    reasons,
    unscannable,
    audit,
  };
}
