import type { DetectorDefinition } from '../detector/types.js';
import { ssn } from './identifiers/ssn.js';

/**
 * Every built-in detector, in priority order: when two overlapping findings tie on
 * confidence and length, the earlier detector in this list wins.
 */
export const builtInDetectors: readonly DetectorDefinition[] = [ssn];
