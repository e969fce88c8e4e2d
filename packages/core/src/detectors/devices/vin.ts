import type { DetectorDefinition } from '../../detector/types.js';
import { vinValid } from '../../validate/check-characters.js';

/**
 * Europe (world manufacturer identifiers starting S to Z) does not require the check
 * digit, so a European VIN that fails it is kept, low, and needs a vehicle word to reach
 * medium. Elsewhere the check digit is mandatory and a failing value is no VIN.
 */
const EUROPEAN_WMI = /^[S-Z]/;
const UNCHECKED_CONFIDENCE = 0.2;

/** Position 10 is the model year: U, Z and 0 are never used there. */
const NO_MODEL_YEAR = /^.{9}[UZ0]/;

export const vin: DetectorDefinition = {
  id: 'vin',
  class: 'vehicle_id',
  authority: 'ISO 3779 / NHTSA',
  summary:
    'Vehicle identification numbers: 17 letters and digits without I, O or Q, whose check ' +
    'digit at position 9 agrees with the rest.',
  limitations:
    'VINs before 1981 (shorter, free-form) and VINs typed in lower case are not found; a ' +
    'European VIN without a valid check digit is reported only beside a vehicle word.',
  patterns: [
    { name: 'seventeen', regex: '\\b(?P<value>[A-HJ-NPR-Z0-9]{17})\\b', confidence: 0.85 },
  ],
  validate: (value) => {
    // A VIN mixes letters (the manufacturer code) and digits (the serial).
    if (!/[A-Z]/.test(value) || (value.match(/\d/g) ?? []).length < 3) return false;
    if (NO_MODEL_YEAR.test(value)) return false;
    if (vinValid(value)) return true;
    return EUROPEAN_WMI.test(value) ? UNCHECKED_CONFIDENCE : false;
  },
  context: [
    {
      words: ['vin', 'vehicle identification number', 'vehicle', 'chassis', 'car', 'truck', 'auto'],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: [
        'tracking',
        'order',
        'sku',
        'part',
        'license key',
        'product key',
        'confirmation',
        'token',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'VIN: 1M8GDM9AXKP042788', value: '1M8GDM9AXKP042788', why: 'check digit X' },
      { text: 'car 1HGCM82633A004352 towed', value: '1HGCM82633A004352' },
      { text: 'JH4KA7561PC008269', value: 'JH4KA7561PC008269', why: 'alone on a line' },
      { text: 'vehicle (1FTFW1ET9DFC10312) at the ER', value: '1FTFW1ET9DFC10312' },
      { text: 'VIN 2T1BURHEXJC043821.', value: '2T1BURHEXJC043821' },
      { text: 'Tesla 5YJ3E1EA2KF317000', value: '5YJ3E1EA2KF317000' },
      { text: 'vin=1G1ZD5STXJF123456;', value: '1G1ZD5STXJF123456' },
      { text: 'Her BMW, VIN WBA3A5C50DF123456', value: 'WBA3A5C50DF123456' },
      { text: 'Kia KNDJP3A51H7412345 in lot', value: 'KNDJP3A51H7412345' },
      {
        text: 'Vehicle VIN SALGS2SE1LA123456',
        value: 'SALGS2SE1LA123456',
        why: 'European, check digit not kept, vehicle words',
      },
      { text: 'VIN: ３FA6P0H78HR123456', value: '３FA6P0H78HR123456', why: 'a full-width digit' },
    ],
    negative: [
      { text: 'VIN: 1M8GDM9A1KP042788', why: 'wrong check digit on a North American VIN' },
      { text: 'ref 1HGCM82633A00435', why: 'sixteen characters' },
      { text: 'VIN 1HGCM82633AO04352', why: 'contains the letter O' },
      { text: 'Order 12345678901234567', why: 'seventeen digits, no letters' },
      { text: 'Token ABCDEFGHJKLMNPRST', why: 'letters only' },
      { text: 'key 1HGCM82633A0043521', why: 'part of a longer token' },
      { text: 'SALGS2SE1LA123456', why: 'European without check digit or vehicle word' },
      { text: 'VIN 1HGCM8263UA004352', why: 'wrong check digit (and U cannot start a year)' },
      { text: 'VIN 1FTFW1ET9DFZ10312', why: 'Z cannot be a model year' },
      { text: 'Tracking 1Z999AA10123456784', why: 'a UPS tracking number of 18 characters' },
      { text: 'case 4T1BF1FK1CU512345', why: 'one digit off the check digit' },
    ],
  },
};
