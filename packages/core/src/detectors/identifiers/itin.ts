import type { DetectorDefinition } from '../../detector/types.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';

/**
 * The IRS issues ITINs as nine digits starting with 9, with the fourth and fifth digits (the
 * "group") in 50-65, 70-88, 90-92 or 94-99. Other 9xx numbers are not ITINs: the IRS keeps
 * 93 and the groups below 50 for other uses (adoption numbers, advertising).
 */
export function isPossibleItin(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const group = Number(digits.slice(3, 5));
  return (
    (group >= 50 && group <= 65) ||
    (group >= 70 && group <= 88) ||
    (group >= 90 && group <= 92) ||
    group >= 94
  );
}

export const itin: DetectorDefinition = {
  id: 'itin',
  class: 'other_id',
  authority: 'IRS',
  summary:
    'US Individual Taxpayer Identification Numbers: nine digits starting with 9, written like an SSN.',
  limitations:
    'Nine bare digits count only with a taxpayer word nearby; a 9xx number in a valid group is taken as an ITIN even when it is something else with the same shape.',
  patterns: [
    { name: 'dashed', regex: '\\b(?P<value>9\\d{2}-\\d{2}-\\d{4})\\b', confidence: 0.6 },
    { name: 'spaced', regex: '\\b(?P<value>9\\d{2} \\d{2} \\d{4})\\b', confidence: 0.4 },
    { name: 'bare', regex: '\\b(?P<value>9\\d{8})\\b', confidence: 0.35, requiresContext: true },
  ],
  validate: (value, facts) => isPossibleItin(digitsOf(value)) && standsAlone(facts),
  context: [
    {
      words: [
        'itin',
        'itin#',
        'individual taxpayer',
        'taxpayer id',
        'taxpayer identification',
        'tax id',
        'tin',
        'w 7',
        'irs',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: [
        'zip',
        'zip code',
        'postal',
        'order',
        'invoice',
        'tracking',
        'part no',
        'serial',
        'sku',
        'routing',
        'phone',
        'tel',
        'fax',
        'ticket',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'ITIN: 912-70-1234', value: '912-70-1234' },
      { text: 'Taxpayer ID 900 94 5521', value: '900 94 5521', why: 'spaced with a label' },
      { text: 'ITIN 955881234', value: '955881234', why: 'bare nine digits next to the label' },
      { text: 'Patient has no SSN, ITIN 987-65-4321.', value: '987-65-4321' },
      { text: 'Billing uses 934-50-1122 for the guarantor.', value: '934-50-1122' },
      { text: 'Individual taxpayer number: 970-88-0031', value: '970-88-0031' },
      { text: 'itin# 999-99-1234', value: '999-99-1234', why: 'highest group' },
      { text: 'TIN 966 90 4410 (W-7 approved)', value: '966 90 4410' },
      {
        text: 'ITIN: ９１２-７９-１２３４',
        value: '９１２-７９-１２３４',
        why: 'full-width digits',
      },
      { text: 'ITIN 912 - 65 - 0007', value: '912 - 65 - 0007', why: 'spaced separators' },
      { text: 'tax id\n912-81-7777', value: '912-81-7777', why: 'label on the line above' },
    ],
    negative: [
      { text: 'ITIN 912-45-1234', why: 'group 45 is not an ITIN group' },
      { text: 'ITIN 912-93-1234', why: 'group 93 is kept out of ITINs' },
      { text: 'ITIN 912-66-1234', why: 'group 66 lies between the ranges' },
      { text: 'ITIN 912-89-1234', why: 'group 89 lies between the ranges' },
      { text: 'SSN 536-22-8714', why: 'an SSN area, not 9xx' },
      { text: 'Order 912701234 shipped today', why: 'nine digits without a taxpayer word' },
      { text: 'Our ZIP is 955881234 for the tax id form', why: 'ZIP+4 next to a tax word' },
      { text: 'Ref 1912-70-1234', why: 'tail of a longer number' },
      { text: 'Call 912-70-12345 now', why: 'serial too long' },
      { text: 'Version 9.12.70.1234 ships', why: 'dotted version number' },
      { text: 'Tracking 912 70 1234 arrived', why: 'spaced number with a lowering word' },
    ],
  },
};
