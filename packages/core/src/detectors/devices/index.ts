import type { DetectorDefinition } from '../../detector/types.js';
import { deviceId } from './device-id.js';
import { licensePlate } from './license-plate.js';
import { vin } from './vin.js';

/** Vehicle identifiers, licence plates and device identifiers. */
export const deviceDetectors: readonly DetectorDefinition[] = [vin, licensePlate, deviceId];
