import { describeError } from './errors.js';
import { formatExtractors } from './formats/index.js';
import type { Limits } from './limits.js';
import { sniffType } from './sniff.js';
import type {
  AttachmentInfo,
  ExtractContext,
  FileExtractor,
  FileInput,
  Segment,
  Unscannable,
  UnscannableReason,
} from './types.js';

/**
 * The state of one extraction: what was found so far and the budgets that every part of
 * the input draws on together (parts, decompressed bytes, time). Readers get an
 * `ExtractContext` view of it, scoped to their file.
 *
 * Failure direction: every limit, error or timeout becomes an `Unscannable` entry and the
 * walk goes on with the next part. Nothing is ever dropped silently, because policy treats
 * what could not be read as risk, never as clean.
 */
export class Run {
  readonly segments: Segment[] = [];
  readonly unscannable: Unscannable[] = [];
  readonly attachments: AttachmentInfo[] = [];
  /** Files dispatched so far, the input itself not counted. */
  parts = 0;
  /** Bytes all archives inflated to so far. */
  decompressed = 0;
  private partsReported = false;
  private decompressionReported = false;

  constructor(
    readonly limits: Limits,
    /** Readers by type; built-in readers first, the format readers fill in the rest. */
    readonly readers: ReadonlyMap<string, FileExtractor>,
  ) {}

  addUnscannable(location: string, reason: UnscannableReason, detail: string): void {
    this.unscannable.push({ location, reason, detail });
  }

  /** True once the part limit has been passed: callers stop walking their parts. */
  get partsExhausted(): boolean {
    return this.parts >= this.limits.maxParts;
  }

  /** Counts one more part; false (and reported once) when the part limit is passed. */
  takePart(location: string): boolean {
    this.parts++;
    if (this.parts <= this.limits.maxParts) return true;
    if (!this.partsReported) {
      this.partsReported = true;
      this.addUnscannable(
        location,
        'too_many_parts',
        `over maxParts (${this.limits.maxParts}); this part and every later one were not read`,
      );
    }
    return false;
  }

  /** Counts inflated bytes; false (and reported once) past `maxDecompressedBytes`. */
  takeDecompressed(bytes: number, location: string): boolean {
    this.decompressed += bytes;
    if (this.decompressed <= this.limits.maxDecompressedBytes) return true;
    if (!this.decompressionReported) {
      this.decompressionReported = true;
      this.addUnscannable(
        location,
        'decompression_limit',
        `archives inflate past maxDecompressedBytes (${this.limits.maxDecompressedBytes})`,
      );
    }
    return false;
  }
}

/**
 * A piece of work with its own time limit, inside its parent's. When it closes (its time
 * ran out or its parent closed), whatever its reader reports afterwards is ignored: the
 * result has already been handed on with a `timeout` entry in its place.
 */
export class Scope {
  readonly signal: AbortSignal;
  readonly deadline: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly detach: () => void;

  constructor(
    timeoutMs: number,
    readonly parent?: Scope,
  ) {
    this.deadline = Math.min(Date.now() + timeoutMs, parent?.deadline ?? Number.POSITIVE_INFINITY);
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => this.controller.abort(), Math.max(0, this.deadline - Date.now()));
    this.timer.unref();
    const onParentAbort = () => this.controller.abort();
    parent?.signal.addEventListener('abort', onParentAbort, { once: true });
    this.detach = () => parent?.signal.removeEventListener('abort', onParentAbort);
    if (parent?.signal.aborted) this.controller.abort();
  }

  get open(): boolean {
    return !this.signal.aborted;
  }

  /** Resolves when the scope's time runs out (never, if it is closed first). */
  expired(): Promise<'timeout'> {
    return new Promise((resolve) => {
      if (this.signal.aborted) resolve('timeout');
      else this.signal.addEventListener('abort', () => resolve('timeout'), { once: true });
    });
  }

  /** Ends the scope: stops its timer and aborts work still running under it. */
  close(): void {
    clearTimeout(this.timer);
    this.detach();
    this.controller.abort();
  }
}

/** The context built-in readers get: the public one plus the run's shared budgets. */
export interface RunContext extends ExtractContext {
  readonly run: Run;
  readonly scope: Scope;
}

/** Builds the context for a reader working on a file at `depth` inside `scope`. */
export function makeContext(run: Run, depth: number, scope: Scope): RunContext {
  const maxChars = run.limits.maxSegmentChars;
  return {
    run,
    scope,
    limits: run.limits,
    depth,
    signal: scope.signal,
    deadline: scope.deadline,
    addSegment(segment) {
      if (!scope.open) return;
      if (segment.text.length <= maxChars) {
        run.segments.push(segment);
        return;
      }
      // The kept part is still scanned; the rest is reported so policy sees the gap.
      const regions = segment.regions?.filter((r) => r.start < maxChars);
      run.segments.push({ ...segment, text: segment.text.slice(0, maxChars), regions });
      run.addUnscannable(
        segment.location,
        'too_large',
        `text over maxSegmentChars (${maxChars}); the characters after that were not read`,
      );
    },
    addUnscannable(location, reason, detail) {
      if (scope.open) run.addUnscannable(location, reason, detail);
    },
    nested(file) {
      return dispatch(run, file, depth + 1, scope);
    },
  };
}

/** Types whose content is encrypted for its recipient: nothing can be read from them. */
const ENCRYPTED_TYPES = new Set(['smime', 'pgp-encrypted']);

/**
 * Declared types that settle what the bytes leave open: text that could be a message or
 * HTML, and binary data that only its declared type names (S/MIME content, signatures).
 * A declared type never overrides a type the bytes show.
 */
function refineType(sniffed: string, declaredType: string | undefined): string {
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  const opaque = sniffed === 'binary' || sniffed === 'text' || sniffed === 'pgp-encrypted';
  if (opaque && /^application\/(?:x-)?pkcs7-mime$/.test(declared ?? '')) return 'smime';
  // A detached signature holds a digest and certificates, no message content.
  if (opaque && /^application\/(?:(?:x-)?pkcs7-signature|pgp-signature)$/.test(declared ?? '')) {
    return 'signature';
  }
  if (sniffed === 'text' && (declared === 'message/rfc822' || declared === 'message/global')) {
    return 'message';
  }
  if (sniffed === 'text' && declared === 'text/html') return 'html';
  return sniffed;
}

/**
 * Types one file, records it among the attachments, checks the limits that apply before
 * reading, and hands it to the reader of its type under its own time limit. Never throws.
 */
export async function dispatch(run: Run, file: FileInput, depth: number, parent: Scope) {
  if (!parent.open) return;
  const { limits } = run;
  const size = file.bytes.length;
  // Past the part limit nothing more is typed or recorded: the limit entry says it all, and
  // a message with 100,000 parts must not cost 100,000 sniffs.
  if (!run.takePart(file.location)) return;
  let detectedType = 'unknown';
  try {
    detectedType = refineType(
      await sniffType(file.bytes, file.filename, file.declaredType),
      file.declaredType,
    );
  } catch {
    // sniffType does not throw; an unknown type is reported below if it ever does.
  }
  run.attachments.push({
    location: file.location,
    filename: file.filename,
    declaredType: file.declaredType,
    detectedType,
    size,
  });
  if (file.filename && file.filename.trim() !== '' && parent.open) {
    // File names are written by the sender and carry PHI often enough to be scanned.
    run.segments.push({
      location: file.location,
      area: 'filename',
      text: file.filename,
      via: 'filename',
    });
  }

  // Limits that are known before reading: each one ends this part only.
  if (depth > limits.maxDepth) {
    run.addUnscannable(
      file.location,
      'too_deep',
      `nested deeper than maxDepth (${limits.maxDepth})`,
    );
    return;
  }
  if (size > limits.maxPartBytes) {
    run.addUnscannable(
      file.location,
      'too_large',
      `${size} bytes, over maxPartBytes (${limits.maxPartBytes})`,
    );
    return;
  }
  if (detectedType === 'empty' || detectedType === 'signature') return;
  if (ENCRYPTED_TYPES.has(detectedType)) {
    run.addUnscannable(
      file.location,
      'encrypted',
      `${detectedType} content is encrypted for its recipient`,
    );
    return;
  }
  const reader = run.readers.get(detectedType);
  if (!reader) {
    run.addUnscannable(file.location, 'unsupported_type', `no reader for type ${detectedType}`);
    return;
  }
  await runReader(run, reader, file, depth, parent);
}

/** Runs `reader` on `file` under a scope limited to `attachmentTimeoutMs`. */
async function runReader(
  run: Run,
  reader: FileExtractor,
  file: FileInput,
  depth: number,
  parent: Scope,
) {
  const scope = new Scope(run.limits.attachmentTimeoutMs, parent);
  const context = makeContext(run, depth, scope);
  const work = reader.extract(file, context).then(
    () => 'done' as const,
    (error: unknown) => describeError(error),
  );
  const outcome = await Promise.race([work, scope.expired()]);
  scope.close();
  if (outcome === 'done') return;
  if (outcome === 'timeout') {
    const total = !parent.open;
    run.addUnscannable(
      file.location,
      'timeout',
      total
        ? 'the time limit for the whole input ran out while this part was read'
        : `reading took longer than attachmentTimeoutMs (${run.limits.attachmentTimeoutMs})`,
    );
    return;
  }
  run.addUnscannable(file.location, outcome.reason, outcome.detail);
}

/** The readers by type: built-in ones, overridden by the format readers for their types. */
export function readerMap(builtins: readonly FileExtractor[]): Map<string, FileExtractor> {
  const map = new Map<string, FileExtractor>();
  for (const reader of [...builtins, ...formatExtractors]) {
    for (const type of reader.types) map.set(type, reader);
  }
  return map;
}
