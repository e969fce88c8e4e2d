import type { DetectorDefinition } from '../../detector/types.js';

/** Street addresses, cities and ZIP codes. */
export const placeDetectors: readonly DetectorDefinition[] = [];
