import type { DetectorDefinition } from '../../detector/types.js';
import { luhnValid } from '../../validate/checksums.js';
import { isPlaceholderDigits } from '../../validate/repeats.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';

/**
 * The NPI check digit is Luhn computed as if the number carried the prefix 80840, the ISO
 * 7812 issuer code CMS registered for US health care providers.
 */
const NPI_ISSUER_PREFIX = '80840';

/** True when ten digits start with 1 or 2 and carry a valid NPI check digit. */
export function isValidNpi(digits: string): boolean {
  return /^[12]\d{9}$/.test(digits) && luhnValid(NPI_ISSUER_PREFIX + digits);
}

export const npi: DetectorDefinition = {
  id: 'npi',
  class: 'other_id',
  authority: 'CMS',
  summary:
    'National Provider Identifiers: ten digits starting with 1 or 2 whose check digit is valid.',
  limitations:
    'Without an NPI word the confidence stays low, because one random ten-digit number in ten passes the check; NPIs written with spaces or dashes inside are not found.',
  patterns: [{ name: 'ten-digits', regex: '\\b(?P<value>[12]\\d{9})\\b', confidence: 0.4 }],
  prune: (value) => isPlaceholderDigits(value),
  validate: (value, facts) => isValidNpi(digitsOf(value)) && standsAlone(facts),
  canonical: digitsOf,
  context: [
    {
      words: [
        'npi',
        'npi#',
        'npi no',
        'national provider',
        'national provider identifier',
        'provider id',
        'provider number',
        'prescriber',
        'rendering provider',
        'billing provider',
        'referring provider',
        'attending',
      ],
      effect: 'raise',
      weight: 0.45,
    },
    {
      words: [
        'phone',
        'tel',
        'fax',
        'call',
        'cell',
        'mobile',
        'order',
        'invoice',
        'tracking',
        'confirmation',
        'timestamp',
        'epoch',
        'isbn',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'NPI: 1234567893', value: '1234567893' },
      { text: 'Rendering provider NPI 1987654328 on the claim.', value: '1987654328' },
      { text: 'Prescriber 1452033982 signed the script', value: '1452033982' },
      { text: 'npi#2345678918', value: '2345678918', why: 'no space after the label' },
      { text: 'National Provider Identifier (1760543219)', value: '1760543219' },
      { text: 'NPI ２０９８７６５４３３', value: '２０９８７６５４３３', why: 'full-width digits' },
      { text: 'Billing provider: 1546372818', value: '1546372818' },
      { text: 'Referring provider is Dr. Lee, 1672839408', value: '1672839408' },
      { text: 'NPI 2O98765433', value: '2O98765433', why: 'letter O typed for a zero' },
      { text: 'provider id 1313131314.', value: '1313131314', why: 'full stop after it' },
      { text: 'Attending NPI:\n1000000004', value: '1000000004', why: 'label on the line above' },
    ],
    negative: [
      { text: 'NPI: 1234567890', why: 'check digit is wrong' },
      { text: 'NPI 3234567893', why: 'NPIs start with 1 or 2' },
      { text: 'NPI 123456789', why: 'nine digits' },
      { text: 'NPI 12345678930', why: 'eleven digits' },
      { text: 'Call 2098765433 after noon', why: 'a phone number that happens to pass the check' },
      { text: 'Created at 1700000000 epoch seconds', why: 'a Unix timestamp' },
      { text: 'Order 1122334455 shipped', why: 'an order number with a lowering word' },
      { text: 'Ref 1-1234567893', why: 'part of a longer reference' },
      { text: 'NPI 1111111111', why: 'one digit repeated' },
      { text: 'ISBN 1234567893 on the cover', why: 'an ISBN-10 beside its label' },
      { text: 'Version 1.234.567.893 released', why: 'a dotted version number' },
    ],
  },
};
