import type { DetectorDefinition } from '../../detector/types.js';
import { email } from './email.js';
import { fax } from './fax.js';
import { ipv4 } from './ipv4.js';
import { ipv6 } from './ipv6.js';
import { phone } from './phone.js';
import { url } from './url.js';

/**
 * Phone and fax numbers, email addresses, URLs and IP addresses. `fax` comes before
 * `phone` so that it wins a tie on the same span; `url` before `email` and the IP
 * detectors so that a whole address wins over a piece of it.
 */
export const contactDetectors: readonly DetectorDefinition[] = [fax, phone, url, email, ipv6, ipv4];
