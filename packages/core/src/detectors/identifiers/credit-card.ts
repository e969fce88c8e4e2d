import type { DetectorDefinition } from '../../detector/types.js';
import { luhnValid } from '../../validate/checksums.js';
import { isPlaceholderDigits } from '../../validate/repeats.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';

/** An issuer's number range: prefixes from `low` to `high` of the same length, and lengths. */
interface IssuerRange {
  readonly issuer: string;
  readonly low: number;
  readonly high: number;
  readonly lengths: readonly number[];
  /**
   * Set for ranges too broad to trust alone (Maestro spans whole prefixes and 12-digit
   * numbers): the confidence used instead, which a card word nearby must raise.
   */
  readonly confidence?: number;
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];
const MAESTRO_LENGTHS = [12, 13, 14, 15, 16, 17, 18, 19];

/** Low on its own; a card word nearby lifts a Maestro number to medium. */
const MAESTRO_CONFIDENCE = 0.4;

/** The ranges the card networks publish for their issuer identification numbers. */
const ISSUER_RANGES: readonly IssuerRange[] = [
  { issuer: 'visa', low: 4, high: 4, lengths: [13, 16, 19] },
  { issuer: 'mastercard', low: 51, high: 55, lengths: [16] },
  { issuer: 'mastercard', low: 2221, high: 2720, lengths: [16] },
  { issuer: 'amex', low: 34, high: 34, lengths: [15] },
  { issuer: 'amex', low: 37, high: 37, lengths: [15] },
  { issuer: 'discover', low: 6011, high: 6011, lengths: SIXTEEN_TO_NINETEEN },
  { issuer: 'discover', low: 644, high: 649, lengths: SIXTEEN_TO_NINETEEN },
  { issuer: 'discover', low: 65, high: 65, lengths: SIXTEEN_TO_NINETEEN },
  { issuer: 'discover', low: 622126, high: 622925, lengths: SIXTEEN_TO_NINETEEN },
  { issuer: 'jcb', low: 3528, high: 3589, lengths: SIXTEEN_TO_NINETEEN },
  { issuer: 'jcb', low: 1800, high: 1800, lengths: [15] },
  { issuer: 'jcb', low: 2131, high: 2131, lengths: [15] },
  { issuer: 'diners', low: 300, high: 305, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', low: 36, high: 36, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', low: 38, high: 39, lengths: [16, 17, 18, 19] },
  ...[5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].map((prefix) => ({
    issuer: 'maestro',
    low: prefix,
    high: prefix,
    lengths: MAESTRO_LENGTHS,
    confidence: MAESTRO_CONFIDENCE,
  })),
  {
    issuer: 'maestro',
    low: 56,
    high: 58,
    lengths: MAESTRO_LENGTHS,
    confidence: MAESTRO_CONFIDENCE,
  },
];

/**
 * Numbers the networks and payment processors publish for testing. They are kept as
 * findings, because a message holding one looks exactly like one holding a real card and
 * policy cannot tell the sender's intent; this list lets a caller recognise them later.
 */
const PUBLISHED_TEST_NUMBERS = new Set([
  '4111111111111111',
  '4012888888881881',
  '4222222222222',
  '5555555555554444',
  '5105105105105100',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
]);

function rangeOf(digits: string): IssuerRange | undefined {
  for (const range of ISSUER_RANGES) {
    if (!range.lengths.includes(digits.length)) continue;
    const width = String(range.low).length;
    const prefix = Number(digits.slice(0, width));
    if (prefix >= range.low && prefix <= range.high) return range;
  }
  return undefined;
}

/** The network a card number belongs to by its prefix and length, or undefined. */
export function issuerOf(digits: string): string | undefined {
  return rangeOf(digits)?.issuer;
}

/** True for a number a card network or processor publishes for testing payments. */
export function isPublishedTestCard(digits: string): boolean {
  return PUBLISHED_TEST_NUMBERS.has(digits);
}

/**
 * True when a card number belongs to a known issuer range, has a length that issuer uses,
 * passes Luhn and is not a placeholder (one digit repeated, or a straight run).
 */
export function isValidCardNumber(digits: string): boolean {
  return (
    /^\d{12,19}$/.test(digits) &&
    issuerOf(digits) !== undefined &&
    luhnValid(digits) &&
    !isPlaceholderDigits(digits)
  );
}

/** Cards are written with one kind of separator throughout, or none. */
function separatorsAgree(value: string): boolean {
  return new Set(value.replace(/\d/g, '')).size <= 1;
}

export const creditCard: DetectorDefinition = {
  id: 'credit_card',
  class: 'account_number',
  authority: 'ISO/IEC 7812',
  summary:
    'Payment card numbers of Visa, Mastercard, American Express, Discover, JCB, Diners Club and Maestro, with valid Luhn digits, whole or grouped by spaces or dashes.',
  limitations:
    'Networks outside those seven are not recognised, Maestro numbers need a card word nearby, and published test numbers such as 4111 1111 1111 1111 are reported like real cards (isPublishedTestCard tells them apart).',
  patterns: [
    {
      name: 'groups-of-four',
      regex: '\\b(?P<value>\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{1,7})\\b',
      confidence: 0.75,
    },
    {
      // American Express (4-6-5) and Diners Club (4-6-4) print three groups.
      name: 'groups-4-6-5',
      regex: '\\b(?P<value>\\d{4}[ -]\\d{6}[ -]\\d{4,5})\\b',
      confidence: 0.75,
    },
    { name: 'whole', regex: '\\b(?P<value>\\d{12,19})\\b', confidence: 0.6 },
  ],
  validate: (value, facts) => {
    const digits = digitsOf(value);
    if (!separatorsAgree(value) || !isValidCardNumber(digits) || !standsAlone(facts)) return false;
    return rangeOf(digits)?.confidence ?? true;
  },
  canonical: digitsOf,
  context: [
    {
      words: [
        'card',
        'credit card',
        'debit card',
        'cc',
        'cc#',
        'visa',
        'mastercard',
        'amex',
        'american express',
        'discover',
        'jcb',
        'diners',
        'exp',
        'expiry',
        'expires',
        'cvv',
        'cvc',
        'payment',
        'pan',
      ],
      effect: 'raise',
      weight: 0.2,
    },
    {
      words: [
        'tracking',
        'order',
        'invoice',
        'imei',
        'iccid',
        'sim',
        'serial',
        'timestamp',
        'epoch',
        'isbn',
        'ean',
        'upc',
        'barcode',
        'transaction id',
      ],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Card: 4539 1488 0343 6467', value: '4539 1488 0343 6467' },
      { text: 'Paid with 5425-2334-3010-9903 on file', value: '5425-2334-3010-9903' },
      { text: 'Mastercard 2221000000000009 expires 04/27', value: '2221000000000009' },
      { text: 'Amex 3782 822463 10005', value: '3782 822463 10005', why: 'Amex grouping' },
      { text: 'cc# 6011000990139424', value: '6011000990139424', why: 'published test number' },
      { text: 'JCB 3530 1113 3330 0000 on the form', value: '3530 1113 3330 0000' },
      { text: 'Diners 3056 930902 5904', value: '3056 930902 5904', why: 'Diners 14 digits' },
      { text: 'Visa 4111111111111111 exp 12/26', value: '4111111111111111' },
      { text: 'Card number:\n4012888888881881', value: '4012888888881881' },
      { text: 'I have lost my card 180016070420458', value: '180016070420458', why: 'old JCB' },
      { text: 'credit card 587428561654 points', value: '587428561654', why: 'Maestro, card word' },
      {
        text: 'card ４５３９１４８８０３４３６４６７',
        value: '４５３９１４８８０３４３６４６７',
        why: 'full-width',
      },
      {
        text: 'Card 4539 - 1488 - 0343 - 6467',
        value: '4539 - 1488 - 0343 - 6467',
        why: 'spaces around the dashes',
      },
    ],
    negative: [
      { text: 'Card: 4539 1488 0343 6468', why: 'Luhn fails' },
      { text: 'Tracking 1Z999AA10123456784 in transit', why: 'a parcel tracking code' },
      { text: 'Created 1699999999999 ms', why: 'a millisecond timestamp, no issuer' },
      { text: 'Card 4444 4444 4444 4444', why: 'one digit repeated' },
      { text: 'Card 9539 1488 0343 6467', why: 'no issuer starts with 9' },
      { text: 'Card 4539-1488 0343-6467', why: 'mixed separators' },
      { text: 'Amex 37828224631000 on file', why: 'fourteen digits; Amex numbers have fifteen' },
      { text: 'IMEI 490154203237518', why: 'a phone IMEI that passes Luhn' },
      { text: 'Order 5425233430109903 shipped', why: 'an order number with a lowering word' },
      { text: 'Ref 1-4539-1488-0343-6467', why: 'inside a longer reference' },
      { text: 'Card ending 6467, exp 04/27', why: 'only the last four digits' },
      {
        text: 'Reference 587428561654 attached',
        why: 'Maestro-shaped twelve digits, no card word',
      },
    ],
  },
};
