import type { DetectorDefinition } from '../../detector/types.js';
import {
  digitCount,
  isYearOrSpan,
  LABELLED_TOKEN,
  labelledPattern,
} from '../../validate/labels.js';
import { isPlaceholderDigits } from '../../validate/repeats.js';
import { standsAlone } from '../../validate/standalone.js';

/**
 * Shapes US states use for driver's license numbers, from the most to the least specific.
 * None is distinctive alone (many are plain digits), so every shape needs a license word.
 */
const SHAPES = [
  // Florida prints A123-456-78-901-0, Illinois A123-4567-8901, Wisconsin A123-4567-8901-23.
  {
    name: 'letter-dashed',
    regex: '[A-Z]\\d{3}-\\d{3}-\\d{2}-\\d{3}-\\d|[A-Z]\\d{3}-\\d{4}-\\d{4}(?:-\\d{2})?',
  },
  // California, Illinois, Florida and others: one letter and 4 to 14 digits.
  { name: 'letter-digits', regex: '[A-Z]\\d{4,14}' },
  // Two or three letters and digits (Iowa, Kansas, New Jersey, Washington's newer numbers).
  { name: 'letters-digits', regex: '[A-Z]{2,3}\\d{4,9}' },
  // Texas, New York, Pennsylvania and others: 7 to 12 digits, sometimes grouped by spaces.
  { name: 'digits', regex: '\\d{7,12}|\\d{3} \\d{3} \\d{3}' },
  // Digits in dashed groups, as printed on some cards (2270-66-1551) or copied from an SSN.
  { name: 'digits-dashed', regex: '\\d{3,4}-\\d{2,4}-\\d{3,4}' },
];

/** Confidence before context; the patterns require a license word, which adds the rest. */
const BASE_CONFIDENCE = 0.45;

/**
 * Labels after which any letters-and-digits value is a license number, whatever its shape
 * (`License No: CLN-112233`): professional and state licenses share the class.
 */
const LABELS = [
  "Driver's License",
  "Driver's License No",
  "Driver's License Number",
  'Drivers License',
  'Driver License',
  'DL',
  'DL #',
  'DL No',
  'DLN',
  'License No',
  'License Number',
  'License #',
  'Licence No',
  'Lic No',
  'Lic #',
];

/** Confidence of a value right after a license label. */
const LABELLED_CONFIDENCE = 0.8;

/** A date such as an expiry (`2031-05-01`, `05/01/2031`) is not a license number. */
const DATE_SHAPED = /^(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4})$/;

/** True when a labelled value is long enough, digit-bearing and not a year or a date. */
export function isPlausibleLicense(value: string): boolean {
  return (
    value.length >= 5 && digitCount(value) >= 4 && !isYearOrSpan(value) && !DATE_SHAPED.test(value)
  );
}

export const driversLicense: DetectorDefinition = {
  id: 'drivers_license',
  class: 'license_number',
  authority: 'convention',
  summary:
    "US driver's license numbers in the common state shapes, near words such as driver's license, DL# or license no.",
  limitations:
    "State formats are matched by shape only, with no per-state check digits, and only with a license word nearby; Washington's legacy name-based numbers are not found.",
  patterns: [
    ...SHAPES.map((shape) => ({
      name: shape.name,
      regex: `\\b(?P<value>${shape.regex})\\b`,
      confidence: BASE_CONFIDENCE,
      requiresContext: true,
    })),
    {
      name: 'labelled',
      regex: labelledPattern(LABELS, LABELLED_TOKEN),
      ignoreCase: true,
      confidence: LABELLED_CONFIDENCE,
    },
  ],
  prune: (value) => isPlaceholderDigits(value),
  validate: (value, facts) =>
    standsAlone(facts) && (facts.pattern !== 'labelled' || isPlausibleLicense(value)),
  context: [
    {
      // Words are compared with punctuation folded away, so `license #` would read as the
      // bare word `license`, which is too common to raise anything; labels cover it.
      words: [
        "driver's license",
        'drivers license',
        'driver license',
        "driver's licence",
        'driving licence',
        'dl',
        'dl#',
        'dl no',
        'dln',
        'license no',
        'license number',
        'licence no',
        'lic no',
        'operator license',
        'state id',
      ],
      effect: 'raise',
      weight: 0.4,
    },
    {
      words: [
        'software',
        'product key',
        'serial',
        'order',
        'invoice',
        'tracking',
        'plate',
        'phone',
        'call',
        'cell',
        'mobile',
        'tel',
        'fax',
        'zip',
      ],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: "Driver's license: D3846201", value: 'D3846201', why: 'California shape' },
      { text: 'DL# 731029458', value: '731029458', why: 'New York, nine digits' },
      { text: 'DLN 24681357', value: '24681357', why: 'Texas, eight digits' },
      { text: 'Drivers license S530-4601-2233', value: 'S530-4601-2233', why: 'Illinois shape' },
      { text: 'DL: W426-545-30-761-0 (FL)', value: 'W426-545-30-761-0', why: 'Florida shape' },
      { text: 'license no. 876 543 219', value: '876 543 219', why: 'spaced nine digits' },
      { text: 'Driver license #: K20938471655', value: 'K20938471655' },
      { text: 'NJ driver license SW40938127', value: 'SW40938127', why: 'two letters' },
      { text: 'Copy of driving licence 30291847 attached', value: '30291847' },
      { text: 'State ID / DL 99302176', value: '99302176' },
      { text: 'treated at UCSF (License No: CLN-112233)', value: 'CLN-112233', why: 'labelled' },
      {
        text: "my driver's license number is 2270-66-1551",
        value: '2270-66-1551',
        why: 'dashed digit groups',
      },
      { text: "dl\n4455667788 (patient's)", value: '4455667788', why: 'label on the line above' },
    ],
    negative: [
      { text: 'License no. 1111111', why: 'one digit repeated' },
      { text: 'Software license key 83920174 activated', why: 'a software key' },
      { text: 'Order D3846201 shipped', why: 'no license word' },
      { text: 'Driver license plate 7ABC123', why: 'a licence plate' },
      { text: 'DL 12345', why: 'five digits' },
      { text: 'Download DL 2.0.12345678 build', why: 'a version string' },
      { text: 'Drivers license renewal fee $32.50', why: 'an amount' },
      { text: "Driver's license exp 2031-05-01", why: 'a date' },
      { text: 'DL phone 5551234567', why: 'a phone number' },
      { text: 'DL 1-23456789-0', why: 'inside a longer number' },
      { text: 'License no. 2024', why: 'a year after a label' },
      { text: "Driver's license 2031-05-01 expiry", why: 'a date right after the label' },
    ],
  },
};
