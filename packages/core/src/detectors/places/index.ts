import type { DetectorDefinition } from '../../detector/types.js';
import { cityState } from './city-state.js';
import { facilityName } from './facility-name.js';
import { streetAddress } from './street-address.js';
import { zipCode } from './zip-code.js';

/** Street addresses, ZIP codes, cities and health facilities. */
export const placeDetectors: readonly DetectorDefinition[] = [
  streetAddress,
  zipCode,
  facilityName,
  cityState,
];
