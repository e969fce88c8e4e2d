import type { DetectorDefinition } from '../../detector/types.js';

/** Phone and fax numbers, email addresses, URLs and IP addresses. */
export const contactDetectors: readonly DetectorDefinition[] = [];
