import { ContextVocabulary } from '../context/context-index.js';
import { ContextWords } from '../context/context-words.js';
import type { DetectorDefinition, PatternDefinition } from '../detector/types.js';
import { isBuiltInPattern } from '../detectors/index.js';
import { canMatchEmpty, positionalGroups, type SplitForm, splitForm } from '../regex/groups.js';
import { maxMatchBytes } from '../regex/length.js';
import { compilePattern, type RE2, RE2 as RE2Class } from '../regex/re2.js';

/** Default reach of context words, in characters of normalised text. */
export const DEFAULT_WINDOW = { before: 60, after: 30 } as const;

/** How far context words may reach; the scanner's chunk overlap depends on it. */
export const MAX_WINDOW = 200;

export const DEFAULT_RAISE_WEIGHT = 0.3;
export const DEFAULT_LOWER_WEIGHT = 0.35;

/** A pattern ready to run, with the detector it belongs to. */
export interface CompiledPattern {
  readonly detector: CompiledDetector;
  readonly definition: PatternDefinition;
  /**
   * The pattern for one `exec` per match, compiled on first use: only a pattern without a
   * split form, or a region `split` cannot read, needs it.
   */
  readonly regex: () => RE2;
  /** Where a match's value and named groups are. */
  readonly groups: MatchGroups;
  /**
   * The pattern rewritten so that `split` returns all its matches in one call, when that
   * can be done with certainty; the scanner reads matches with `exec` otherwise.
   */
  readonly split: SplitPattern | undefined;
}

/** A pattern in its split form, with the piece of each named group. */
export interface SplitPattern {
  readonly regex: RE2;
  readonly form: SplitForm;
  /** The named groups a validator sees, with the piece that holds each. */
  readonly named: readonly { readonly name: string; readonly piece: number }[];
  /**
   * The most UTF-16 units a match spans, read from the pattern's syntax (a code point
   * takes at most two); undefined when a repetition has no bound.
   */
  readonly longestMatch: number | undefined;
}

/**
 * How a match of a compiled pattern gives its value and named groups. Built-in patterns
 * run with their groups made positional (see `positionalGroups`); a pattern that cannot be
 * rewritten with certainty runs as written and its groups are read by name.
 */
export type MatchGroups =
  | {
      readonly by: 'number';
      /** Number of the group holding the value; 0 when the value is the whole match. */
      readonly value: number;
      /** The named groups a validator sees, with their numbers (0 is the whole match). */
      readonly named: readonly { readonly name: string; readonly group: number }[];
    }
  | { readonly by: 'name'; readonly hasValueGroup: boolean };

/** A detector with its context words indexed by the key the context pass reports. */
export interface CompiledDetector {
  readonly definition: DetectorDefinition;
  readonly window: { readonly before: number; readonly after: number };
  readonly context: ContextWords;
  readonly priority: number;
  /**
   * True when one of its patterns needs a raise word and it has some: such a pattern only
   * runs near these words instead of over the whole text.
   */
  readonly runsNearRaiseWords: boolean;
  /**
   * The most bytes a match of its context-only patterns spans, read from their syntax;
   * undefined when one of them has no bound. It tells how far before a raise word such a
   * match can start.
   */
  readonly contextMatchBytes: number | undefined;
}

/**
 * The detectors of one scanner, compiled once: every pattern as its own re2 program, all
 * of them in one re2 set that tells in a single pass which can match a text.
 */
export class CompiledDetectors {
  readonly detectors: readonly CompiledDetector[];
  readonly patterns: readonly CompiledPattern[];
  readonly finders: readonly CompiledDetector[];
  /** Sets of at most `PREFILTER_GROUP` patterns, in pattern order. */
  readonly prefilter: readonly InstanceType<typeof RE2Class.Set>[];
  /** The context words of every detector, found in a text in one pass. */
  readonly vocabulary: ContextVocabulary;

  constructor(definitions: readonly DetectorDefinition[]) {
    const ids = new Set<string>();
    const detectors: CompiledDetector[] = [];
    const patterns: CompiledPattern[] = [];
    for (const [index, definition] of definitions.entries()) {
      if (ids.has(definition.id)) {
        throw new DuplicateDetectorError(definition.id);
      }
      ids.add(definition.id);
      const detector = compileDetector(definition, index);
      detectors.push(detector);
      for (const pattern of definition.patterns) {
        patterns.push({
          detector,
          definition: pattern,
          ...compileForMatching(definition, pattern),
        });
      }
    }
    this.detectors = detectors;
    this.patterns = patterns;
    this.finders = detectors.filter((d) => d.definition.find !== undefined);
    const sources = patterns.map((p) =>
      p.definition.ignoreCase ? `(?i:${p.definition.regex})` : p.definition.regex,
    );
    const sets = [];
    for (let i = 0; i < sources.length; i += PREFILTER_GROUP) {
      sets.push(new RE2Class.Set(sources.slice(i, i + PREFILTER_GROUP)));
    }
    this.prefilter = sets;
    this.vocabulary = new ContextVocabulary(detectors.flatMap((d) => [...d.context.keys()]));
  }

  /** Indices of the patterns that match somewhere in `bytes`, ascending. */
  presentIn(bytes: Buffer): number[] {
    const present: number[] = [];
    this.prefilter.forEach((set, group) => {
      for (const index of set.match(bytes)) present.push(group * PREFILTER_GROUP + index);
    });
    return present;
  }
}

/**
 * Compiles a pattern for the scanner's exec loop. Positions of groups ('d' flag) are asked
 * for only when a group other than the whole match must be located, since they cost re2
 * another array per match.
 */
function compileForMatching(
  detector: DetectorDefinition,
  pattern: PatternDefinition,
): Pick<CompiledPattern, 'regex' | 'groups' | 'split'> {
  const caseFlag = pattern.ignoreCase ? 'i' : '';
  // Compiling the pattern as written first reports its errors as the author wrote it.
  const asWritten = compilePattern(detector.id, pattern.name, pattern.regex, `gd${caseFlag}`);
  // A built-in pattern's forms are confirmed against re2 by a test; any other is
  // confirmed here, which costs each pattern a few more compilations.
  const confirm = !isBuiltInPattern(pattern);
  const positional = positionalGroups(pattern.regex, caseFlag, confirm);
  if (!positional) {
    const hasValueGroup = /\(\?P?<value>/.test(pattern.regex);
    return { regex: () => asWritten, groups: { by: 'name', hasValueGroup }, split: undefined };
  }
  if (positional.valueIsWholeMatch) {
    const regex = compileOnce(detector, pattern, positional.source, `g${caseFlag}`);
    const groups: MatchGroups = { by: 'number', value: 0, named: [{ name: 'value', group: 0 }] };
    const split = compileSplit(detector, pattern, positional.source, groups, confirm);
    return { regex, groups, split };
  }
  const named = positional.names.flatMap((name, k) => (name ? [{ name, group: k + 1 }] : []));
  const value = named.find((g) => g.name === 'value')?.group ?? 0;
  const flags = `${named.length > 0 ? 'gd' : 'g'}${caseFlag}`;
  const regex = compileOnce(detector, pattern, positional.source, flags);
  const groups: MatchGroups = { by: 'number', value, named };
  return {
    regex,
    groups,
    split: compileSplit(detector, pattern, positional.source, groups, confirm),
  };
}

/** A compiler of `source` that compiles on its first call and then returns that program. */
function compileOnce(
  detector: DetectorDefinition,
  pattern: PatternDefinition,
  source: string,
  flags: string,
): () => RE2 {
  let compiled: RE2 | undefined;
  return () => {
    compiled ??= compilePattern(detector.id, pattern.name, source, flags);
    return compiled;
  };
}

function compileSplit(
  detector: DetectorDefinition,
  pattern: PatternDefinition,
  positional: string,
  groups: MatchGroups & { by: 'number' },
  confirm: boolean,
): SplitPattern | undefined {
  const caseFlag = pattern.ignoreCase ? 'i' : '';
  if (canMatchEmpty(positional, caseFlag)) return undefined;
  const form = splitForm(positional, caseFlag, groups.value, confirm);
  if (!form) return undefined;
  const regex = compilePattern(detector.id, pattern.name, form.source, `g${caseFlag}`);
  const named = groups.named.map(({ name, group }) => ({
    name,
    piece: group === 0 ? form.value : form.groupPieces[group - 1]!,
  }));
  const bytes = maxMatchBytes(positional);
  // maxMatchBytes counts 4 bytes for each code point, which takes 1 or 2 UTF-16 units.
  return { regex, form, named, longestMatch: bytes === undefined ? undefined : bytes / 2 };
}

/**
 * Patterns per re2 set. One set over all ~90 built-in patterns outgrows re2's DFA cache
 * and slows to 2.7 MB/s on clinical notes. Measured over the PhysioNet notes and the
 * SpamAssassin mail, sets of 12 were the best compromise (about 100 MB/s on notes, 25 MB/s
 * on raw spam full of HTML and base64, for all sets together).
 */
export const PREFILTER_GROUP = 12;

function compileDetector(definition: DetectorDefinition, index: number): CompiledDetector {
  const window = definition.window ?? DEFAULT_WINDOW;
  if (window.before > MAX_WINDOW || window.after > MAX_WINDOW) {
    throw new RangeError(
      `detector '${definition.id}': context window ${window.before}/${window.after} is over ` +
        `${MAX_WINDOW} characters; context further away than that says little about a match`,
    );
  }
  const context = new ContextWords(definition.context ?? []);
  const needsWords = definition.patterns.some((p) => p.requiresContext);
  // Earlier detectors in the list win ties unless a detector sets its own priority.
  return {
    definition,
    window,
    context,
    priority: definition.priority ?? -index,
    runsNearRaiseWords: needsWords && context.raiseKeys.size > 0,
    contextMatchBytes: longestMatchBytes(definition.patterns.filter((p) => p.requiresContext)),
  };
}

/** The most bytes a match of any of `patterns` spans; undefined when one has no bound. */
function longestMatchBytes(patterns: readonly PatternDefinition[]): number | undefined {
  let longest = 0;
  for (const pattern of patterns) {
    const bytes = maxMatchBytes(pattern.regex);
    if (bytes === undefined) return undefined;
    longest = Math.max(longest, bytes);
  }
  return longest;
}

/** Two detectors with one id: findings and rules could not tell them apart. */
export class DuplicateDetectorError extends Error {
  override readonly name = 'DuplicateDetectorError';
  constructor(readonly detector: string) {
    super(`detector id '${detector}' is used twice; give each detector its own id`);
  }
}
