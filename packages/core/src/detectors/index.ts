import type { DetectorDefinition } from '../detector/types.js';
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
