import type { DetectorDefinition } from '../../detector/types.js';

/** Person names. */
export const peopleDetectors: readonly DetectorDefinition[] = [];
