import type { DetectorDefinition } from '../../detector/types.js';

/** Clinical codes and vocabulary: the health information that makes identifiers PHI. */
export const clinicalDetectors: readonly DetectorDefinition[] = [];
