import type { DetectorDefinition } from '../../detector/types.js';
import { personName } from './person-name.js';

/** Person names. */
export const peopleDetectors: readonly DetectorDefinition[] = [personName];
