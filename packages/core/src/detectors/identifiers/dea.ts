import type { DetectorDefinition } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';

/**
 * The first letter of a DEA registration number is the registrant type the DEA assigns
 * (A, B, F and G for practitioners and hospitals, M for mid-level practitioners, P to U and
 * X for distributors, importers and narcotic treatment programs, and so on).
 */
const REGISTRANT_TYPES = 'ABCDEFGHJKLMPRSTUX';

/**
 * True when a DEA number has a known registrant type, a second letter or 9, and a valid
 * check digit: the sum of digits 1, 3 and 5 plus twice the sum of digits 2, 4 and 6 ends
 * in digit 7.
 */
export function isValidDea(value: string): boolean {
  const upper = value.toUpperCase();
  if (!/^[A-Z][A-Z9]\d{7}$/.test(upper)) return false;
  if (!REGISTRANT_TYPES.includes(upper[0]!)) return false;
  const d = [...upper.slice(2)].map(Number);
  const sum = d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!);
  return sum % 10 === d[6];
}

export const dea: DetectorDefinition = {
  id: 'dea',
  class: 'license_number',
  authority: 'DEA',
  summary:
    'DEA registration numbers: a registrant-type letter, a second letter or 9, and seven digits with a valid check digit.',
  limitations:
    'Numbers written with a space or dash after the letters, and lower-case numbers, are not found; one random code of this shape in ten passes the check, so without a DEA word the confidence is medium.',
  patterns: [
    {
      name: 'letters-digits',
      regex: `\\b(?P<value>[${REGISTRANT_TYPES}][A-Z9]\\d{7})\\b`,
      confidence: 0.55,
    },
  ],
  validate: (value, facts) => isValidDea(value) && standsAlone(facts),
  context: [
    {
      words: [
        'dea',
        'dea#',
        'dea no',
        'dea number',
        'dea registration',
        'registration number',
        'controlled substance',
        'schedule ii',
        'prescriber',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: [
        'order',
        'invoice',
        'tracking',
        'confirmation',
        'booking',
        'flight',
        'ref',
        'reference',
        'part',
        'sku',
        'serial',
        'model',
        'ticket',
        'po',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'DEA: BJ6135746', value: 'BJ6135746' },
      { text: 'Prescriber DEA# FM9204188, NPI on file', value: 'FM9204188' },
      { text: 'dea number MS5551230', value: 'MS5551230' },
      { text: 'Dr. Kim (DEA XK3011222) signed.', value: 'XK3011222' },
      { text: 'DEA registration A98761238', value: 'A98761238', why: 'second character 9' },
      { text: 'Schedule II script, DEA CR2468103', value: 'CR2468103' },
      { text: 'DEA GT1112224 expires soon', value: 'GT1112224' },
      { text: 'Use PL9873212 for the controlled substance form', value: 'PL9873212' },
      { text: 'Registrant RW4500129 renewed', value: 'RW4500129', why: 'shape and check alone' },
      { text: 'DEA:\nM93141594', value: 'M93141594', why: 'label on the line above' },
      {
        text: 'DEA ＢＺ７００３４１９',
        value: 'ＢＺ７００３４１９',
        why: 'full-width letters and digits',
      },
    ],
    negative: [
      { text: 'DEA: BJ6135745', why: 'check digit is wrong' },
      { text: 'DEA: IJ6135746', why: 'I is not a registrant type' },
      { text: 'DEA: OB6135746', why: 'O is not a registrant type' },
      { text: 'DEA BJ613574', why: 'six digits' },
      { text: 'DEA BJ61357461', why: 'eight digits' },
      { text: 'Order AB1234563 shipped', why: 'an order code that passes the check' },
      { text: 'Flight booking ref BA1234563', why: 'a booking reference' },
      { text: 'Part XBJ6135746 in stock', why: 'inside a longer code' },
      { text: 'Model FM9204188-2 recalled', why: 'a model number with a suffix' },
      { text: 'Tracking PL9873212 delivered', why: 'a tracking code that passes the check' },
      { text: 'SKU bj6135746 on sale', why: 'lower case, and a SKU' },
    ],
  },
};
