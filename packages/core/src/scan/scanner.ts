import type { DateRole } from '../classes.js';
import type { ContextIndex } from '../context/context-index.js';
import type {
  DetectorDefinition,
  FoundCandidate,
  MatchFacts,
  TextMemo,
  Verdict,
} from '../detector/types.js';
import { type ContextEvidence, type Finding, type LocatedFinding, levelOf } from '../finding.js';
import { canonicalForm, Fingerprinter } from '../output/fingerprint.js';
import { defaultMask } from '../output/mask.js';
import { normalizeText } from '../text/normalize.js';
import { Utf8Text } from '../text/utf8.js';
import {
  type CompiledDetector,
  CompiledDetectors,
  type CompiledPattern,
  DEFAULT_LOWER_WEIGHT,
  DEFAULT_RAISE_WEIGHT,
  MAX_WINDOW,
  type MatchGroups,
  type SplitPattern,
} from './compiled.js';
import { resolveOverlaps } from './overlaps.js';

/** Texts longer than this are scanned in pieces, so memory stays flat in input size. */
export const CHUNK_LENGTH = 1 << 20;

/**
 * Extra text read past the end of a chunk so that a match that starts in the chunk is seen
 * whole. Matches longer than this are not reported when they cross a chunk boundary.
 */
export const MAX_MATCH_LENGTH = 1024;

/** The default lowest confidence a finding is reported at. */
export const DEFAULT_MIN_CONFIDENCE = 0.3;

export interface ScannerOptions {
  /** The detectors to run; `defaultDetectors()` when absent. */
  readonly detectors: readonly DetectorDefinition[];
  /**
   * Secret key for fingerprints, at least 16 bytes. Pass one to compare fingerprints
   * across scanners or runs; a random key is made otherwise.
   */
  readonly fingerprintKey?: string | Uint8Array;
  /** Findings below this confidence are dropped; 0.3 unless set. */
  readonly minConfidence?: number;
}

/** A piece of a larger input, such as a message part or a PDF page. */
export interface TextSegment {
  /** Where the segment is, for example `body:text` or `attachment[2]:a.pdf`. */
  readonly location: string;
  /**
   * What kind of place the segment is, copied to its findings so rules can filter on it.
   * `@phiguard/extract` uses `subject`, `header`, `body`, `attachment` and `filename`.
   */
  readonly area?: string;
  readonly text: string;
  /**
   * Finer locations inside the segment (a page, a sheet cell), by offset. A finding gets
   * the innermost region that contains its start, or the segment's location.
   */
  readonly regions?: readonly {
    readonly start: number;
    readonly end: number;
    readonly location: string;
  }[];
}

/**
 * A detector hook (validator, pruning, dictionary search) that threw. The scan goes on:
 * a match whose check failed is kept at its pattern's confidence, and a failed search is
 * reported here, so callers can treat the text as not fully scanned.
 */
export interface DetectorFailure {
  readonly detector: string;
  readonly stage: 'prune' | 'validate' | 'find';
  /** Segment index, for `scanSegments`. */
  readonly segment?: number;
  /** How many times it failed. */
  readonly count: number;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Length of the scanned text in UTF-16 units. */
  readonly length: number;
  /** Detector hooks that threw; empty when every detector ran as it should. */
  readonly failures: readonly DetectorFailure[];
}

export interface SegmentScanResult {
  readonly findings: readonly LocatedFinding[];
  /** Total length of all segments in UTF-16 units. */
  readonly length: number;
  readonly failures: readonly DetectorFailure[];
}

interface Candidate {
  readonly compiled: CompiledDetector;
  readonly detector: string;
  readonly pattern: string;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly confidence: number;
  readonly priority: number;
  readonly context: readonly ContextEvidence[];
  readonly role: DateRole | undefined;
}

/**
 * Finds what a set of detectors looks for. Build one and reuse it: compiling patterns costs
 * far more than scanning a message. A scanner holds no state between calls, so one
 * instance serves any number of callers.
 */
export class Scanner {
  private readonly compiled: CompiledDetectors;
  private readonly fingerprinter: Fingerprinter;
  private readonly minConfidence: number;

  constructor(options: ScannerOptions) {
    this.compiled = new CompiledDetectors(options.detectors);
    this.fingerprinter = new Fingerprinter(options.fingerprintKey);
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  }

  /** The detectors this scanner runs. */
  get detectors(): readonly DetectorDefinition[] {
    return this.compiled.detectors.map((d) => d.definition);
  }

  /** Scans one text. Offsets in the findings are UTF-16 positions in `text`. */
  scan(text: string): ScanResult {
    const findings: Finding[] = [];
    const failures = new Failures();
    for (let ownStart = 0; ; ) {
      const chunk = planChunk(text, 0, ownStart, true)!;
      this.scanChunk(
        text.slice(chunk.from, chunk.to),
        chunk.from,
        ownStart,
        chunk.ownEnd,
        findings,
        failures,
      );
      if (chunk.ownEnd >= text.length) break;
      ownStart = chunk.ownEnd;
    }
    return { findings, length: text.length, failures: failures.list() };
  }

  /**
   * Scans a text that arrives in pieces (a file read as a stream, a large export), holding
   * only the current chunk of about a megabyte and its findings. Yields, chunk by chunk,
   * the findings that are final, with offsets in the whole text; `length` says how much of
   * the text is scanned so far. The findings are those `scan` gives for the joined text,
   * however the pieces are cut. Bytes are read as UTF-8, a character split between two
   * pieces included.
   *
   * @example
   * for await (const part of scanner.scanStream(createReadStream('export.txt'))) {
   *   for (const finding of part.findings) report(finding);
   * }
   */
  async *scanStream(
    source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  ): AsyncGenerator<ScanResult, void, undefined> {
    const decoder = new TextDecoder('utf-8');
    // `held` is the text from offset `base` on: the lead a chunk's context needs and what
    // has arrived since.
    let held = '';
    let base = 0;
    let ownStart = 0;
    const scanReady = (final: boolean): ScanResult[] => {
      const results: ScanResult[] = [];
      for (;;) {
        const chunk = planChunk(held, base, ownStart, final);
        if (!chunk) break;
        const findings: Finding[] = [];
        const failures = new Failures();
        const text = held.slice(chunk.from - base, chunk.to - base);
        this.scanChunk(text, chunk.from, ownStart, chunk.ownEnd, findings, failures);
        results.push({ findings, length: chunk.ownEnd, failures: failures.list() });
        ownStart = chunk.ownEnd;
        const keepFrom = Math.max(0, ownStart - MAX_WINDOW);
        held = held.slice(keepFrom - base);
        base = keepFrom;
        if (ownStart >= base + held.length) break;
      }
      return results;
    };
    for await (const piece of source) {
      held += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
      yield* scanReady(false);
    }
    held += decoder.decode();
    if (ownStart === 0 || ownStart < base + held.length) yield* scanReady(true);
  }

  /** Scans each segment and tells where every finding is. */
  scanSegments(segments: readonly TextSegment[]): SegmentScanResult {
    const findings: LocatedFinding[] = [];
    const failures: DetectorFailure[] = [];
    let length = 0;
    segments.forEach((segment, index) => {
      const result = this.scan(segment.text);
      length += result.length;
      for (const failure of result.failures) failures.push({ ...failure, segment: index });
      for (const finding of result.findings) findings.push(located(finding, index, segment));
    });
    return { findings, length, failures };
  }

  /**
   * Scans `chunk`, which starts at `base` in the whole text, and keeps the findings that
   * start in [ownStart, ownEnd): the rest belong to a neighbouring chunk.
   */
  private scanChunk(
    chunk: string,
    base: number,
    ownStart: number,
    ownEnd: number,
    out: Finding[],
    failures: Failures,
  ): void {
    const normalized = normalizeText(chunk);
    const utf8 = new Utf8Text(normalized.text);
    const text = new ChunkText(utf8, this.compiled);
    const candidates: Candidate[] = [];

    // The re2 sets tell, block by block, which patterns can match; each pattern then runs
    // only over the blocks where it can.
    const nearWords = new Map<CompiledDetector, ByteBlock[]>();
    for (const [index, blocks] of this.presentByPattern(utf8.bytes)) {
      const pattern = this.compiled.patterns[index]!;
      const { detector } = pattern;
      // A pattern that needs a context word only runs near the detector's raise words.
      let where: readonly ByteBlock[] = blocks;
      if (pattern.definition.requiresContext && detector.runsNearRaiseWords) {
        let windows = nearWords.get(detector);
        if (!windows) {
          windows = windowsAroundWords(detector, text);
          nearWords.set(detector, windows);
        }
        where = windows;
      }
      this.runPattern(pattern, text, where, candidates, failures);
    }
    for (const detector of this.compiled.finders) {
      let foundList: FoundCandidate[];
      try {
        foundList = [...detector.definition.find!(text.text, text)];
      } catch {
        failures.add(detector.definition.id, 'find');
        continue;
      }
      for (const found of foundList) {
        const value = text.text.slice(found.start, found.end);
        const candidate = this.weigh(
          detector,
          text,
          found.pattern,
          found.start,
          found.end,
          value,
          found.confidence,
          false,
        );
        if (candidate) candidates.push(candidate);
      }
    }

    // A value found again in the chunk (a quoted reply, a signature) is hashed once; the
    // memo lives as long as the chunk's own text.
    const fingerprints = new Map<string, string>();
    for (const candidate of resolveOverlaps(candidates)) {
      const start = base + normalized.offsets.toOriginal(candidate.start);
      if (start < ownStart || start >= ownEnd) continue;
      const end =
        base + avoidSplittingPair(chunk, normalized.offsets.toOriginal(candidate.end - 1) + 1);
      out.push(this.toFinding(candidate, start, end, fingerprints));
    }
  }

  /** For each pattern that can match, the blocks of `bytes` where it can, in order. */
  private presentByPattern(bytes: Buffer): Map<number, ByteBlock[]> {
    const byPattern = new Map<number, ByteBlock[]>();
    for (const block of splitIntoBlocks(bytes)) {
      // The set sees a block plus the overlap, so a match that starts in the block and runs
      // past its end is still seen; blocks start after white space, so `\b` reads the same.
      const region = bytes.subarray(
        block.start,
        Math.min(bytes.length, block.end + BLOCK_OVERLAP_BYTES),
      );
      for (const index of this.compiled.presentIn(region)) {
        const list = byPattern.get(index);
        if (list) list.push(block);
        else byPattern.set(index, [block]);
      }
    }
    return byPattern;
  }

  private runPattern(
    pattern: CompiledPattern,
    text: ChunkText,
    blocks: readonly ByteBlock[],
    out: Candidate[],
    failures: Failures,
  ): void {
    if (!pattern.split) {
      this.execOver(pattern, text, blocks, out, failures);
      return;
    }
    const { utf8 } = text;
    let first = 0;
    while (first < blocks.length) {
      // Blocks that touch make one region, read in one call.
      let last = first;
      while (last + 1 < blocks.length && blocks[last + 1]!.start <= blocks[last]!.end) last++;
      const region = { start: blocks[first]!.start, end: blocks[last]!.end };
      const start = utf8.toIndex(region.start);
      const end = utf8.toIndex(region.end);
      if (!this.splitOver(pattern, pattern.split, text, start, end, out, failures)) {
        this.execOver(pattern, text, [region], out, failures);
      }
      first = last + 1;
    }
  }

  /**
   * Reads the matches of `pattern` that start in [start, end) of the chunk text with one
   * `split` call. Returns false, having taken nothing, when the region cannot be cut out of
   * the text without changing what the pattern sees there; `exec` reads it then.
   */
  private splitOver(
    pattern: CompiledPattern,
    split: SplitPattern,
    chunkText: ChunkText,
    start: number,
    end: number,
    out: Candidate[],
    failures: Failures,
  ): boolean {
    const { text } = chunkText;
    // The piece must begin where the text before it cannot change a match: at the start or
    // after white space, where `\b` and `^` read as they do in the whole text.
    let from = start;
    const earliest = Math.max(0, start - MAX_BACKTRACK_FOR_SPACE);
    while (from > earliest && !isSpaceCode(text.charCodeAt(from - 1))) from--;
    if (from > 0 && !isSpaceCode(text.charCodeAt(from - 1))) return false;
    // A match that starts before `end` ends before `to`, so cutting there changes none.
    const to = Math.min(text.length, end + (split.longestMatch ?? SPLIT_OVERLAP) + 1);
    const pieces = split.regex.split(
      from === 0 && to === text.length ? text : text.slice(from, to),
    );
    const { width, head, tail, value } = split.form;
    const step = width + 1;
    const validates = pattern.detector.definition.validate !== undefined;
    let cursor = from;
    for (let i = 0; i + width < pieces.length; i += step) {
      cursor += (pieces[i] as string).length;
      const matchStart = cursor;
      const headLength = head < 0 ? 0 : (pieces[i + 1 + head] as string).length;
      cursor += headLength + (pieces[i + 1 + tail] as string).length;
      if (matchStart >= end) break;
      if (matchStart < start) continue;
      const valueText = pieces[i + 1 + value];
      if (valueText === undefined) continue;
      const valueStart = matchStart + headLength;
      const facts = validates
        ? new FactsOfPieces(pattern.definition.name, split, pieces, i + 1, text, valueStart)
        : undefined;
      this.takeMatch(pattern, chunkText, valueStart, valueText, facts, out, failures);
    }
    return true;
  }

  /** Reads the matches of a pattern block by block, one `exec` call per match. */
  private execOver(
    pattern: CompiledPattern,
    text: ChunkText,
    blocks: readonly ByteBlock[],
    out: Candidate[],
    failures: Failures,
  ): void {
    const regex = pattern.regex();
    const { utf8 } = text;
    const bytes = utf8.bytes;
    const validates = pattern.detector.definition.validate !== undefined;
    regex.lastIndex = 0;
    for (const block of blocks) {
      // Run on the whole buffer from the block's start, so the pattern sees the real text
      // before and after; stop at the first match that starts past the block.
      if (regex.lastIndex < block.start) regex.lastIndex = block.start;
      for (let match = regex.exec(bytes); match !== null; match = regex.exec(bytes)) {
        if (match[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        if (match.index >= block.end) {
          regex.lastIndex = match.index;
          break;
        }
        const range = valueRange(pattern.groups, match);
        if (!range) continue;
        const start = utf8.toIndex(range[0]);
        const end = utf8.toIndex(range[1]);
        const facts = validates
          ? new FactsOfMatch(pattern.definition.name, pattern.groups, match, utf8, start, end)
          : undefined;
        this.takeMatch(pattern, text, start, utf8.text.slice(start, end), facts, out, failures);
      }
    }
  }

  /** Validates one match and, when it survives, weighs its context into a candidate. */
  private takeMatch(
    pattern: CompiledPattern,
    chunkText: ChunkText,
    start: number,
    value: string,
    facts: MatchFacts | undefined,
    out: Candidate[],
    failures: Failures,
  ): void {
    const { detector, definition } = pattern;
    const { prune, validate } = detector.definition;
    if (value.length > MAX_MATCH_LENGTH) return;
    const end = start + value.length;
    // A hook that throws must not lose the match: keep it at the pattern's confidence
    // (fail closed) and report the failure.
    const id = detector.definition.id;
    try {
      if (prune?.(value)) return;
    } catch {
      failures.add(id, 'prune');
    }
    let confidence = definition.confidence;
    if (validate && facts) {
      let verdict: Verdict = true;
      try {
        verdict = validate(value, facts);
      } catch {
        failures.add(id, 'validate');
      }
      if (verdict === false) return;
      if (typeof verdict === 'number') confidence = verdict;
    }
    const candidate = this.weigh(
      detector,
      chunkText,
      definition.name,
      start,
      end,
      value,
      confidence,
      definition.requiresContext === true,
    );
    if (candidate) out.push(candidate);
  }

  /** Applies context words to a match; undefined when it is dropped. */
  private weigh(
    detector: CompiledDetector,
    text: ChunkText,
    pattern: string,
    start: number,
    end: number,
    value: string,
    base: number,
    requiresContext: boolean,
  ): Candidate | undefined {
    let raise = 0;
    let lower = 0;
    let role: DateRole | undefined;
    let roleDistance = Number.POSITIVE_INFINITY;
    const evidence: ContextEvidence[] = [];

    if (!detector.context.isEmpty) {
      const { before, after } = detector.window;
      for (const { key, group, distance } of detector.context.sightings(
        text.context,
        text.text.length,
        start,
        end,
        before,
        after,
      )) {
        if (group.effect === 'raise') raise = Math.max(raise, group.weight ?? DEFAULT_RAISE_WEIGHT);
        else lower = Math.max(lower, group.weight ?? DEFAULT_LOWER_WEIGHT);
        if (!evidence.some((e) => e.word === key && e.effect === group.effect)) {
          evidence.push({ word: key, effect: group.effect });
        }
        if (group.role && distance < roleDistance) {
          roleDistance = distance;
          role = group.role;
        }
      }
    }

    if (requiresContext && raise === 0) return undefined;
    const confidence = clamp(base + raise - lower);
    if (confidence < this.minConfidence) return undefined;
    return {
      compiled: detector,
      detector: detector.definition.id,
      pattern,
      start,
      end,
      value,
      confidence,
      priority: detector.priority,
      context: evidence,
      role,
    };
  }

  private fingerprintOf(kind: string, canonical: string, memo: Map<string, string>): string {
    const key = `${kind}\u0000${canonical}`;
    let fingerprint = memo.get(key);
    if (fingerprint === undefined) {
      fingerprint = this.fingerprinter.of(kind, canonical);
      memo.set(key, fingerprint);
    }
    return fingerprint;
  }

  private toFinding(
    candidate: Candidate,
    start: number,
    end: number,
    fingerprints: Map<string, string>,
  ): Finding {
    const definition = candidate.compiled.definition;
    const canonical = (definition.canonical ?? canonicalForm)(candidate.value);
    const finding: Finding = {
      detector: definition.id,
      pattern: candidate.pattern,
      class: definition.class,
      start,
      end,
      confidence: round(candidate.confidence),
      level: levelOf(candidate.confidence),
      context: candidate.context,
      masked: (definition.mask ?? ((v: string) => defaultMask(definition.class, v)))(
        candidate.value,
      ),
      fingerprint: this.fingerprintOf(definition.class, canonical, fingerprints),
    };
    return candidate.role ? { ...finding, role: candidate.role } : finding;
  }
}

/**
 * How far before a region `split` may start to begin after white space. A region starts
 * after white space unless text runs this long without any (base64, long URLs); `exec`
 * reads such a region.
 */
const MAX_BACKTRACK_FOR_SPACE = 256;

/**
 * Text read past the end of a region, for a pattern without a bound on its length, so that
 * a match that starts in the region is seen whole, in UTF-16 units: as far as the
 * prefilter looks past a block.
 */
const SPLIT_OVERLAP = 4 * MAX_MATCH_LENGTH;

function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c;
}

/** What re2 returns for a match on bytes. */
type RE2BufferExecArray = NonNullable<ReturnType<ReturnType<CompiledPattern['regex']>['exec']>> & {
  index: number;
};

/** A stretch of the UTF-8 bytes, in byte offsets. */
interface ByteBlock {
  readonly start: number;
  readonly end: number;
}

/** Nominal size of a prefilter block. Small enough to skip most text, big enough to amortise calls. */
const BLOCK_BYTES = 16 * 1024;

/** How far past a block's end the sets look, so a match that starts in it is seen whole. */
const BLOCK_OVERLAP_BYTES = 4 * MAX_MATCH_LENGTH;

/** How far past the nominal end a block may stretch to end after white space. */
const BLOCK_SLACK_BYTES = 512;

function isSpaceByte(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c;
}

/** UTF-8 bytes per character at most: character windows become byte windows with it. */
const MAX_BYTES_PER_CHAR = 4;

/**
 * Byte ranges where a match of `detector` may start and still have one of its raise words
 * within its context window: before a word by up to the `after` window plus a match's
 * length (as read from its patterns, or the longest match the scanner reports), after it
 * by up to the `before` window. Overlapping ranges are merged.
 */
function windowsAroundWords(detector: CompiledDetector, text: ChunkText): ByteBlock[] {
  const { raiseKeys } = detector.context;
  const { context, utf8 } = text;
  const matchBytes = Math.min(
    detector.contextMatchBytes ?? BLOCK_OVERLAP_BYTES,
    BLOCK_OVERLAP_BYTES,
  );
  const lead = MAX_BYTES_PER_CHAR * detector.window.after + matchBytes;
  const trail = MAX_BYTES_PER_CHAR * detector.window.before;
  const windows: { start: number; end: number }[] = [];
  for (const sighting of context.sightings) {
    if (!raiseKeys.has(sighting.key)) continue;
    const start = Math.max(0, utf8.toByte(sighting.start) - lead);
    const end = Math.min(utf8.bytes.length, utf8.toByte(sighting.end) + trail);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

/** Splits `bytes` into blocks that end just after white space where there is some. */
function splitIntoBlocks(bytes: Buffer): ByteBlock[] {
  const blocks: ByteBlock[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + BLOCK_BYTES);
    const limit = Math.min(bytes.length, end + BLOCK_SLACK_BYTES);
    while (end < limit && !isSpaceByte(bytes[end - 1]!)) end++;
    blocks.push({ start, end });
    start = end;
  }
  if (blocks.length === 0) blocks.push({ start: 0, end: 0 });
  return blocks;
}

/** The byte range of a match's value; undefined when its value group took no part. */
function valueRange(
  groups: MatchGroups,
  match: RE2BufferExecArray,
): readonly [number, number] | undefined {
  if (groups.by === 'name') {
    return groups.hasValueGroup ? match.indices?.groups?.value : match.indices?.[0];
  }
  if (groups.value === 0) return [match.index, match.index + match[0].length];
  return match.indices?.[groups.value];
}

/** The byte range of each named group of a match, undefined for a group that took no part. */
function namedRanges(
  groups: MatchGroups,
  match: RE2BufferExecArray,
): [string, readonly [number, number] | undefined][] {
  if (groups.by === 'name') return Object.entries(match.indices?.groups ?? {});
  return groups.named.map(({ name, group }) => [
    name,
    group === 0 ? [match.index, match.index + match[0].length] : match.indices?.[group],
  ]);
}

/**
 * What a validator learns about a match. Few validators read the named groups, so their
 * text is cut out of the chunk only when one does; a class keeps that getter on its
 * prototype instead of making one per match.
 */
class FactsOfMatch implements MatchFacts {
  private named: Record<string, string | undefined> | undefined;

  constructor(
    readonly pattern: string,
    private readonly groupsOfPattern: MatchGroups,
    private readonly match: RE2BufferExecArray,
    private readonly utf8: Utf8Text,
    readonly start: number,
    readonly end: number,
  ) {}

  get text(): string {
    return this.utf8.text;
  }

  get groups(): Record<string, string | undefined> {
    if (this.named) return this.named;
    const { utf8 } = this;
    this.named = {};
    for (const [name, range] of namedRanges(this.groupsOfPattern, this.match)) {
      this.named[name] = range
        ? utf8.text.slice(utf8.toIndex(range[0]), utf8.toIndex(range[1]))
        : undefined;
    }
    return this.named;
  }
}

/**
 * What a validator learns about a match read by `split`: its groups are pieces of the
 * split result, named on first use.
 */
class FactsOfPieces implements MatchFacts {
  private named: Record<string, string | undefined> | undefined;

  constructor(
    readonly pattern: string,
    private readonly split: SplitPattern,
    private readonly pieces: readonly (string | undefined)[],
    private readonly first: number,
    readonly text: string,
    readonly start: number,
  ) {}

  get end(): number {
    return this.start + (this.pieces[this.first + this.split.form.value] as string).length;
  }

  get groups(): Record<string, string | undefined> {
    if (this.named) return this.named;
    this.named = {};
    for (const { name, piece } of this.split.named) {
      this.named[name] = this.pieces[this.first + piece];
    }
    return this.named;
  }
}

/**
 * The normalised text of a chunk, its UTF-8 bytes, its context words, and what the
 * detectors' searches derive from it, each made on first use and then shared by every
 * detector.
 */
class ChunkText implements TextMemo {
  private contextIndex: ContextIndex | undefined;
  private readonly derived = new Map<(text: string, memo: TextMemo) => unknown, unknown>();

  constructor(
    readonly utf8: Utf8Text,
    private readonly compiled: CompiledDetectors,
  ) {}

  get text(): string {
    return this.utf8.text;
  }

  get context(): ContextIndex {
    this.contextIndex ??= this.compiled.vocabulary.index(this.utf8.text);
    return this.contextIndex;
  }

  of<T>(derive: (text: string, memo: TextMemo) => T): T {
    if (this.derived.has(derive)) return this.derived.get(derive) as T;
    const made = derive(this.utf8.text, this);
    this.derived.set(derive, made);
    return made;
  }
}

/** Counts hook failures per detector and stage. */
class Failures {
  private readonly counts = new Map<string, DetectorFailure>();

  add(detector: string, stage: DetectorFailure['stage']): void {
    const key = `${detector}\u0000${stage}`;
    const current = this.counts.get(key);
    this.counts.set(key, { detector, stage, count: (current?.count ?? 0) + 1 });
  }

  list(): DetectorFailure[] {
    return [...this.counts.values()];
  }
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Where a chunk lies in the whole text, in UTF-16 offsets. */
interface ChunkPlan {
  /** Start of the text the chunk is scanned with: its own part and the lead before it. */
  readonly from: number;
  /** End of that text: its own part and the look-ahead after it. */
  readonly to: number;
  /** End of its own part, which starts where the previous chunk's ended. */
  readonly ownEnd: number;
}

/**
 * The chunk whose own part starts at `ownStart`, for `text` holding the whole text from
 * offset `base` on (with at least the lead before `ownStart`). Unless `final` says no more
 * text comes, undefined while too little has arrived to cut the chunk where it would be
 * cut in the whole text.
 */
function planChunk(
  text: string,
  base: number,
  ownStart: number,
  final: boolean,
): ChunkPlan | undefined {
  const length = base + text.length;
  // One character more than the look-ahead, so the cut never depends on what comes next.
  if (!final && length < ownStart + CHUNK_LENGTH + MAX_MATCH_LENGTH + 2) return undefined;
  const ownEnd = base + avoidSplittingPair(text, Math.min(length, ownStart + CHUNK_LENGTH) - base);
  const to = base + avoidSplittingPair(text, Math.min(length, ownEnd + MAX_MATCH_LENGTH) - base);
  return { from: Math.max(0, ownStart - MAX_WINDOW), to, ownEnd };
}

/** Moves a chunk boundary off the middle of a surrogate pair. */
function avoidSplittingPair(text: string, position: number): number {
  const code = text.charCodeAt(position);
  return code >= 0xdc00 && code <= 0xdfff ? position + 1 : position;
}

/**
 * `finding` with where it is. The fields are copied by name: a spread of a finding costs
 * three times as much, and a message holds thousands of findings.
 */
function located(finding: Finding, index: number, segment: TextSegment): LocatedFinding {
  const out: LocatedFinding = {
    detector: finding.detector,
    pattern: finding.pattern,
    class: finding.class,
    start: finding.start,
    end: finding.end,
    confidence: finding.confidence,
    level: finding.level,
    context: finding.context,
    masked: finding.masked,
    fingerprint: finding.fingerprint,
    segment: index,
    location: locate(segment, finding.start),
    area: segment.area ?? 'text',
  };
  return finding.role === undefined ? out : { ...out, role: finding.role };
}

function locate(segment: TextSegment, offset: number): string {
  let best: { start: number; end: number; location: string } | undefined;
  for (const region of segment.regions ?? []) {
    if (offset < region.start || offset >= region.end) continue;
    if (!best || region.end - region.start < best.end - best.start) best = region;
  }
  return best?.location ?? segment.location;
}
