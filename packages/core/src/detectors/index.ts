import type { DetectorDefinition, PatternDefinition } from '../detector/types.js';
import { clinicalDetectors } from './clinical/index.js';
import { contactDetectors } from './contact/index.js';
import { dateDetectors } from './dates/index.js';
import { deviceDetectors } from './devices/index.js';
import { identifierDetectors } from './identifiers/index.js';
import { peopleDetectors } from './people/index.js';
import { placeDetectors } from './places/index.js';

/**
 * Every built-in detector, in priority order: when two overlapping findings tie on
 * confidence and length, the earlier detector in this list wins.
 */
export const builtInDetectors: readonly DetectorDefinition[] = [
  ...identifierDetectors,
  ...contactDetectors,
  ...dateDetectors,
  ...deviceDetectors,
  ...peopleDetectors,
  ...placeDetectors,
  ...clinicalDetectors,
];

/** A pattern as re2 reads it: its source and whether case is ignored. */
function patternKey(pattern: PatternDefinition): string {
  return `${pattern.ignoreCase ? 'i' : '-'}${pattern.regex}`;
}

// Taken when this module loads: a built-in pattern object changed afterwards, or a site
// detector's own pattern, is not one of these and gets confirmed when a scanner is built.
const BUILT_IN_PATTERNS: ReadonlySet<string> = new Set(
  builtInDetectors.flatMap((detector) => detector.patterns.map(patternKey)),
);

/**
 * True for a pattern whose source and case flag are those of a built-in pattern as shipped.
 * Their positional and split forms are confirmed against re2 by a test
 * (`builtin-forms.test.ts`), so building a scanner need not confirm them again.
 */
export function isBuiltInPattern(pattern: PatternDefinition): boolean {
  return BUILT_IN_PATTERNS.has(patternKey(pattern));
}
