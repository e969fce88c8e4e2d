import type { DetectorDefinition } from '../../detector/types.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';

/**
 * Numbers the SSA or others published as examples, which appear in forms and training
 * material and belong to nobody (078-05-1120 was printed on wallet inserts in 1938).
 */
const PUBLISHED_SAMPLES = new Set(['078051120', '219099999', '457555462']);

/**
 * The SSA's structural rules since randomisation (2011): the area is never 000, 666 or in
 * 900-999 (those are ITINs and advertising numbers), the group never 00, the serial
 * never 0000.
 */
export function isPossibleSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return true;
}

export const ssn: DetectorDefinition = {
  id: 'ssn',
  class: 'ssn',
  authority: 'SSA',
  summary:
    'US Social Security numbers, written 123-45-6789, 123 45 6789 or, near SSN words, as nine digits.',
  limitations:
    'Nine bare digits count only with an SSN word nearby; numbers the SSA has not issued yet but could are accepted.',
  patterns: [
    { name: 'dashed', regex: '\\b(?P<value>\\d{3}-\\d{2}-\\d{4})\\b', confidence: 0.6 },
    { name: 'spaced', regex: '\\b(?P<value>\\d{3} \\d{2} \\d{4})\\b', confidence: 0.4 },
    { name: 'dotted', regex: '\\b(?P<value>\\d{3}\\.\\d{2}\\.\\d{4})\\b', confidence: 0.35 },
    { name: 'bare', regex: '\\b(?P<value>\\d{9})\\b', confidence: 0.35, requiresContext: true },
  ],
  prune: (value) => PUBLISHED_SAMPLES.has(digitsOf(value)),
  validate: (value, facts) => isPossibleSsn(digitsOf(value)) && standsAlone(facts),
  context: [
    {
      words: [
        'ssn',
        'ssns',
        'ss#',
        'ssn#',
        'soc sec',
        'social security',
        'social security number',
        'social sec',
        'ss no',
        'ss number',
        'taxpayer id',
        'tin',
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
        'part number',
        'serial',
        'sku',
        'isbn',
        'routing',
        'phone',
        'tel',
        'fax',
        'ticket',
        'case no',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'SSN: 219-45-6789', value: '219-45-6789' },
      { text: 'Patient social security number 536 22 8714 on file.', value: '536 22 8714' },
      { text: 'SSN 536228714', value: '536228714', why: 'bare nine digits next to the label' },
      { text: 'ss# 412.81.3307', value: '412.81.3307' },
      {
        text: 'Please verify 601-33-2914 before the visit.',
        value: '601-33-2914',
        why: 'dashed form alone is enough',
      },
      { text: 'Soc Sec: 772-14-0093 (patient)', value: '772-14-0093' },
      { text: 'social security no. 123-45-6780', value: '123-45-6780' },
      {
        text: 'SSN: 123 - 45 - 6781',
        value: '123 - 45 - 6781',
        why: 'spaces around separators are normalised',
      },
      {
        text: 'SSN: ５３６-２２-８７１４',
        value: '５３６-２２-８７１４',
        why: 'full-width digits',
      },
      {
        text: 'SSN: 536\u200B-22-8714',
        value: '536\u200B-22-8714',
        why: 'zero-width space inside',
      },
      { text: 'ssn:\n536-22-\n8714', value: '536-22-\n8714', why: 'line break after a separator' },
    ],
    negative: [
      { text: 'SSN: 000-12-3456', why: 'area 000 is never issued' },
      { text: 'SSN: 666-12-3456', why: 'area 666 is never issued' },
      { text: 'SSN 912-70-1234', why: 'area 9xx belongs to ITINs' },
      { text: 'SSN 123-00-4567', why: 'group 00 is never issued' },
      { text: 'SSN 123-45-0000', why: 'serial 0000 is never issued' },
      { text: 'Sample card: 078-05-1120', why: 'the Woolworth wallet-insert number' },
      { text: 'Order 538217743 shipped today', why: 'nine digits without an SSN word' },
      {
        text: 'Our ZIP code is 941031234, SSN form attached',
        why: 'nine-digit ZIP next to an SSN word',
      },
      { text: 'Claim ref 2023-123-45-6789', why: 'tail of a longer reference number' },
      { text: 'Build 2024.11.3456 released', why: 'version-like dotted number' },
      { text: 'Part no 123-45-6789-01', why: 'longer part number' },
      { text: 'Price $123.45 for 6789 units', why: 'price and a count' },
    ],
  },
};
