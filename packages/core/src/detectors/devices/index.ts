import type { DetectorDefinition } from '../../detector/types.js';

/** Vehicle identifiers, licence plates and device identifiers. */
export const deviceDetectors: readonly DetectorDefinition[] = [];
