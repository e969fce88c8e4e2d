import { ContextWords, contextKey } from '../context/context-words.js';
import type { DetectorDefinition, PatternDefinition } from '../detector/types.js';
import { compilePattern, escapeLiteral, type RE2, RE2 as RE2Class } from '../regex/re2.js';

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
  readonly regex: RE2;
  readonly hasValueGroup: boolean;
}

/** A detector with its context words indexed by the key the context pass reports. */
export interface CompiledDetector {
  readonly definition: DetectorDefinition;
  readonly window: { readonly before: number; readonly after: number };
  readonly context: ContextWords;
  readonly priority: number;
  /**
   * Finds the detector's raise words, when one of its patterns needs one: such a pattern
   * only runs near these words instead of over the whole text.
   */
  readonly raiseWords?: RE2;
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
        const regex = compilePattern(
          definition.id,
          pattern.name,
          pattern.regex,
          pattern.ignoreCase ? 'gdi' : 'gd',
        );
        patterns.push({
          detector,
          definition: pattern,
          regex,
          hasValueGroup: /\(\?P?<value>/.test(pattern.regex),
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
  const raiseWords = needsWords ? raiseWordPattern(definition) : undefined;
  // Earlier detectors in the list win ties unless a detector sets its own priority.
  return {
    definition,
    window,
    context,
    priority: definition.priority ?? -index,
    ...(raiseWords ? { raiseWords } : {}),
  };
}

/**
 * One re2 pattern for a detector's raise words, written the way context words are compared:
 * letters and digits as given (any case), anything else between them as any run of
 * non-alphanumerics, so the key `d o b` (from `D.O.B.`) finds `D.O.B.` and `d-o-b`.
 */
function raiseWordPattern(definition: DetectorDefinition): RE2 | undefined {
  const keys = new Set<string>();
  for (const group of definition.context ?? []) {
    if (group.effect !== 'raise') continue;
    for (const word of group.words) {
      const key = contextKey(word);
      if (key !== '') keys.add(key);
    }
  }
  if (keys.size === 0) return undefined;
  const alternatives = [...keys].map(
    (key) => `\\b${key.split(' ').map(escapeLiteral).join('[^\\pL\\pN]+')}\\b`,
  );
  return new RE2Class(alternatives.join('|'), 'gi');
}

/** Two detectors with one id: findings and rules could not tell them apart. */
export class DuplicateDetectorError extends Error {
  override readonly name = 'DuplicateDetectorError';
  constructor(readonly detector: string) {
    super(`detector id '${detector}' is used twice; give each detector its own id`);
  }
}
