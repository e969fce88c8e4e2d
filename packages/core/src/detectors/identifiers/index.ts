import type { DetectorDefinition } from '../../detector/types.js';
import { ssn } from './ssn.js';

/** Government, insurance, provider and financial identifiers. */
export const identifierDetectors: readonly DetectorDefinition[] = [ssn];
