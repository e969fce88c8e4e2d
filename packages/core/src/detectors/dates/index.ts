import type { DetectorDefinition } from '../../detector/types.js';

/** Dates and ages over 89. */
export const dateDetectors: readonly DetectorDefinition[] = [];
