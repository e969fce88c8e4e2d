import type { DetectorDefinition } from '../../detector/types.js';
import { age } from './age.js';
import { date } from './date.js';

/** Dates and ages over 89. */
export const dateDetectors: readonly DetectorDefinition[] = [date, age];
