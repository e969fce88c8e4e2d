import type { DetectorDefinition } from '../../detector/types.js';
import {
  digitCount,
  insideUrl,
  isYearOrSpan,
  LABELLED_TOKEN,
  labelledPattern,
} from '../../validate/labels.js';
import { isOneDigitRepeated } from '../../validate/repeats.js';

/**
 * Labels for patient billing, bank and claim accounts. Hospital systems add their own
 * names for a visit's account: HAR (hospital account record), FIN, CSN, encounter number.
 */
const LABELS = [
  'Account',
  'Account #',
  'Account No',
  'Account Number',
  'Account ID',
  'Acct',
  'Acct #',
  'Acct No',
  'Acct Number',
  'A/C',
  'A/C No',
  'Patient Account',
  'Patient Account Number',
  'Billing Account',
  'Billing Account Number',
  'Guarantor Account',
  'Hospital Account',
  'HAR',
  'FIN',
  'FIN #',
  'CSN',
  'Encounter #',
  'Encounter No',
  'Encounter Number',
  'Visit #',
  'Visit No',
  'Visit Number',
  'Claim',
  'Claim #',
  'Claim No',
  'Claim Number',
  'Claim ID',
  'Statement #',
];

/** A labelled account holds at least this many digits and characters. */
const MIN_DIGITS = 4;
const MIN_LENGTH = 5;

/** True when a labelled value is long enough and digit-bearing enough to be an account. */
export function isPlausibleAccount(value: string): boolean {
  return (
    value.length >= MIN_LENGTH &&
    digitCount(value) >= MIN_DIGITS &&
    !isOneDigitRepeated(value) &&
    !isYearOrSpan(value)
  );
}

export const accountNumber: DetectorDefinition = {
  id: 'account_number',
  class: 'account_number',
  authority: 'convention',
  summary:
    'Patient billing, claim, encounter and bank account numbers written after an account label.',
  limitations:
    'Digits without a label are never taken for an account, because nothing in their shape says so; account numbers split by spaces are found only up to the first space.',
  patterns: [
    {
      name: 'labelled',
      regex: labelledPattern(LABELS, LABELLED_TOKEN),
      ignoreCase: true,
      confidence: 0.8,
    },
  ],
  validate: (value, facts) =>
    isPlausibleAccount(value) &&
    !insideUrl(facts) &&
    !/[A-Za-z0-9]/.test(facts.text[facts.end] ?? ''),
  context: [
    {
      words: [
        'billing',
        'balance',
        'statement',
        'bank',
        'checking',
        'savings',
        'payment',
        'patient',
      ],
      effect: 'raise',
      weight: 0.1,
    },
    {
      words: [
        'order',
        'invoice',
        'tracking',
        'sku',
        'serial',
        'flight',
        'booking',
        'ticket',
        'twitter',
        'instagram',
        'username',
      ],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Account #: 004417829', value: '004417829' },
      { text: 'Acct#: GRM-998877', value: 'GRM-998877' },
      { text: 'Patient account number 7734120056', value: '7734120056' },
      { text: 'Billing account 2210-884-1', value: '2210-884-1' },
      { text: 'Claim #: 23A1187745', value: '23A1187745' },
      { text: 'claim no. 0091123344', value: '0091123344' },
      { text: 'HAR 40012387 opened on admission', value: '40012387' },
      { text: 'Your acct 48812 is past due', value: '48812', why: 'short label' },
      { text: 'Encounter number: E55120931', value: 'E55120931' },
      { text: 'A/C No: 000123456789 at First Bank', value: '000123456789' },
      { text: 'Account:\n5519-0042-77', value: '5519-0042-77', why: 'label on the line above' },
    ],
    negative: [
      { text: 'Account 12 of 40 closed', why: 'two digits' },
      { text: 'Claim # 2024', why: 'four characters' },
      { text: 'Claim 2023-2024 season report', why: 'a span of years' },
      { text: 'Account number below, see attached', why: 'label without a value' },
      { text: 'Account #: 00000000', why: 'placeholder' },
      { text: 'Order 5512345678 shipped', why: 'no account label' },
      { text: 'Account locked for order 55123456', why: 'an order number' },
      { text: 'Your account balance is $1,234.56', why: 'an amount, not an account' },
      { text: 'Visit us at 1200 Main Street', why: 'visit without a number label' },
      { text: 'Acct team meeting at 10:30', why: 'a time' },
      { text: 'Twitter account @clinic2024', why: 'a handle' },
      { text: 'Claim your reward today', why: 'no digits' },
    ],
  },
};
