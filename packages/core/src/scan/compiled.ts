import { ContextWords } from '../context/context-words.js';
import type { DetectorDefinition, PatternDefinition } from '../detector/types.js';
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
  readonly regex: RE2;
  readonly hasValueGroup: boolean;
}

/** A detector with its context words indexed by the key the context pass reports. */
export interface CompiledDetector {
  readonly definition: DetectorDefinition;
  readonly window: { readonly before: number; readonly after: number };
  readonly context: ContextWords;
  readonly priority: number;
}

/**
 * The detectors of one scanner, compiled once: every pattern as its own re2 program, all
 * of them in one re2 set that tells in a single pass which can match a text.
 */
export class CompiledDetectors {
  readonly detectors: readonly CompiledDetector[];
  readonly patterns: readonly CompiledPattern[];
  readonly finders: readonly CompiledDetector[];
  readonly prefilter: InstanceType<typeof RE2Class.Set> | undefined;

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
    this.prefilter =
      patterns.length > 0
        ? new RE2Class.Set(
            patterns.map((p) =>
              p.definition.ignoreCase ? `(?i:${p.definition.regex})` : p.definition.regex,
            ),
          )
        : undefined;
  }
}

function compileDetector(definition: DetectorDefinition, index: number): CompiledDetector {
  const window = definition.window ?? DEFAULT_WINDOW;
  if (window.before > MAX_WINDOW || window.after > MAX_WINDOW) {
    throw new RangeError(
      `detector '${definition.id}': context window ${window.before}/${window.after} is over ` +
        `${MAX_WINDOW} characters; context further away than that says little about a match`,
    );
  }
  const context = new ContextWords(definition.context ?? []);
  // Earlier detectors in the list win ties unless a detector sets its own priority.
  return { definition, window, context, priority: definition.priority ?? -index };
}

/** Two detectors with one id: findings and rules could not tell them apart. */
export class DuplicateDetectorError extends Error {
  override readonly name = 'DuplicateDetectorError';
  constructor(readonly detector: string) {
    super(`detector id '${detector}' is used twice; give each detector its own id`);
  }
}
