import type { DetectorDefinition } from '../../detector/types.js';
import { canonicalForm } from '../../output/fingerprint.js';
import { standsAlone } from '../../validate/standalone.js';

/** Letters CMS uses in MBIs: A to Z without S, L, O, I, B and Z, which read like digits. */
const ALPHA = '[AC-HJKMNP-RT-Y]';
const DIGIT = '[0-9]';
const ALNUM = '[0-9AC-HJKMNP-RT-Y]';

/**
 * The eleven positions CMS defines, in three parts that may be joined by dashes
 * (`1EG4-TE5-MK73`): 1 digit 1-9, 2 letter, 3 either, 4 digit | 5 letter, 6 either,
 * 7 digit | 8 letter, 9 letter, 10 digit, 11 digit.
 */
const PART_1 = `[1-9]${ALPHA}${ALNUM}${DIGIT}`;
const PART_2 = `${ALPHA}${ALNUM}${DIGIT}`;
const PART_3 = `${ALPHA}${ALPHA}${DIGIT}${DIGIT}`;
const MBI_SHAPE = new RegExp(`^${PART_1}-?${PART_2}-?${PART_3}$`);

/**
 * The example CMS prints in its own MBI guidance; it appears in training material and
 * belongs to nobody.
 */
const PUBLISHED_SAMPLES = new Set(['1EG4TE5MK73']);

/** True when a value has the MBI shape, with or without the two dashes, in any case. */
export function isValidMbi(value: string): boolean {
  return MBI_SHAPE.test(value.toUpperCase());
}

export const mbi: DetectorDefinition = {
  id: 'mbi',
  class: 'health_plan_id',
  authority: 'CMS',
  summary:
    'Medicare Beneficiary Identifiers: eleven characters in the CMS letter and digit positions, dashes optional.',
  limitations:
    'An MBI has no check digit, so a product key or tracking code of the same shape is taken as an MBI unless words nearby say otherwise; MBIs split by spaces are not found.',
  patterns: [
    {
      name: 'positions',
      regex: `\\b(?P<value>${PART_1}-?${PART_2}-?${PART_3})\\b`,
      ignoreCase: true,
      confidence: 0.6,
    },
  ],
  prune: (value) => PUBLISHED_SAMPLES.has(canonicalForm(value)),
  // A dash in only one of the two places is still an MBI; a dash just outside is not.
  validate: (value, facts) => isValidMbi(value) && standsAlone(facts),
  canonical: canonicalForm,
  context: [
    {
      words: [
        'mbi',
        'medicare',
        'medicare number',
        'medicare id',
        'beneficiary',
        'beneficiary id',
        'red white and blue',
        'cms',
        'part a',
        'part b',
      ],
      effect: 'raise',
      weight: 0.3,
    },
    {
      words: [
        'tracking',
        'order',
        'serial',
        'product key',
        'license key',
        'activation',
        'coupon',
        'promo',
        'confirmation',
        'part no',
        'sku',
        'model',
      ],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Medicare MBI: 1EG4-TE5-MK72', value: '1EG4-TE5-MK72' },
      { text: 'MBI 2QX7RA4HJ19 verified', value: '2QX7RA4HJ19' },
      { text: 'Beneficiary id 9AA0-CC0-AA00.', value: '9AA0-CC0-AA00' },
      { text: 'Medicare number is 5T29-W81-YK63', value: '5T29-W81-YK63' },
      { text: 'New card: 3C87NP4RT45', value: '3C87NP4RT45', why: 'shape alone' },
      { text: 'mbi 7gq2-mx3-jp81', value: '7gq2-mx3-jp81', why: 'typed in lower case' },
      { text: 'MBI 1EG4TE5-MK72', value: '1EG4TE5-MK72', why: 'only the second dash' },
      { text: 'Medicare ID:\n4HN6-D22-VW90', value: '4HN6-D22-VW90' },
      { text: 'MBI ８ＫＡ３ＵＵ７ＧＧ１２', value: '８ＫＡ３ＵＵ７ＧＧ１２', why: 'full-width' },
      { text: '(Part B, 6FD1-EX9-CA55)', value: '6FD1-EX9-CA55' },
    ],
    negative: [
      { text: 'MBI 1EG4-TE5-MK73', why: 'the example CMS publishes' },
      { text: 'MBI 0EG4-TE5-MK72', why: 'position 1 is never 0' },
      { text: 'MBI 1SG4-TE5-MK72', why: 'S is never used' },
      { text: 'MBI 1EG4-TE5-MZ72', why: 'Z is never used' },
      { text: 'MBI 1EG4-TE5-M172', why: 'position 9 must be a letter' },
      { text: 'MBI 1EG4-TE5-MK7', why: 'ten characters' },
      { text: 'Product key 2QX7RA4HJ19 activated', why: 'a product key of the same shape' },
      { text: 'Tracking 3C87NP4RT45 in transit', why: 'a tracking code of the same shape' },
      { text: 'Serial X2QX7RA4HJ19 logged', why: 'inside a longer code' },
      { text: 'Ref 1EG4-TE5-MK72-9', why: 'followed by another part' },
      { text: 'Build 1.4.5-MK72 tagged', why: 'a version string' },
    ],
  },
};
