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

const BUILT_IN_PATTERNS: ReadonlySet<PatternDefinition> = new Set(
  builtInDetectors.flatMap((detector) => detector.patterns),
);

/**
 * True for a pattern object of a built-in detector. Their positional and split forms are
 * confirmed against re2 by a test, so building a scanner need not confirm them again.
 */
export function isBuiltInPattern(pattern: PatternDefinition): boolean {
  return BUILT_IN_PATTERNS.has(pattern);
}
