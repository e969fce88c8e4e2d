import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';
import { contextHint, NOT_CLINICAL } from './context.js';

/**
 * An NDC names labeler, product and package. The FDA writes it 4-4-2, 5-3-2 or 5-4-1 (ten
 * digits); billing pads it to 5-4-2 or eleven bare digits. A labeler of zeros is never
 * assigned, and a run of one repeated digit is filler.
 */
export function isPossibleNdc(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 10 && digits.length !== 11) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  const labeler = value.includes('-') ? value.split('-')[0]! : digits.slice(0, 5);
  return !/^0+$/.test(labeler);
}

// A medication table names "NDC" once, in its header: the codes stand rows below it (as
// far as the scanner's widest window, 200 characters, reaches).
const WINDOW = { before: 200, after: 80 } as const;

/** A fragment of every raise word below: see `contextHint`. */
const hintNear = contextHint(/ndc|drug|113883/i, WINDOW);

function verdict(value: string, facts: MatchFacts): boolean {
  if (!hintNear(facts.text, facts.start, facts.end)) return false;
  return standsAlone(facts) && isPossibleNdc(value);
}

export const ndc: DetectorDefinition = {
  id: 'ndc',
  class: 'drug_code',
  authority: 'FDA',
  summary:
    'National Drug Codes in the 4-4-2, 5-3-2, 5-4-1, 5-4-2 and eleven-digit forms, next to ' +
    'an NDC word.',
  limitations:
    'No NDC directory is shipped, so a well-formed number that names no product counts when ' +
    'the context says NDC, and an NDC without that context is missed.',
  patterns: [
    {
      name: 'hyphenated',
      regex: '\\b(?P<value>\\d{4}-\\d{4}-\\d{2}|\\d{5}-\\d{3}-\\d{2}|\\d{5}-\\d{4}-\\d{1,2})\\b',
      confidence: 0.45,
      requiresContext: true,
    },
    {
      name: 'bare',
      regex: '\\b(?P<value>\\d{11})\\b',
      confidence: 0.4,
      requiresContext: true,
    },
  ],
  validate: verdict,
  context: [
    {
      words: [
        'ndc',
        'ndcs',
        'ndc code',
        'ndc number',
        'ndc no',
        'national drug code',
        'drug code',
        '2.16.840.1.113883.6.69',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
    { words: ['account', 'acct', 'routing', 'card', 'isbn', 'upc'], effect: 'lower' },
  ],
  window: WINDOW,
  samples: {
    positive: [
      { text: 'NDC 0002-3227-30 Prozac 20 mg', value: '0002-3227-30', why: '4-4-2' },
      {
        text:
          'Medication Instructions NDC\nalbuterol HFA 90 mcg inhaler inhale 2 puffs every 4-6 ' +
          'hours 33008-1229-50\nomeprazole 20 mg capsule take 1 capsule by mouth before ' +
          'breakfast 19599-7638-68',
        value: '19599-7638-68',
        why: 'the second row of a table whose header says NDC',
      },
      { text: 'NDC: 50580-506-02', value: '50580-506-02', why: '5-3-2' },
      { text: 'ndc 00378-1805-1', value: '00378-1805-1', why: '5-4-1' },
      { text: 'NDC 00002322730 billed', value: '00002322730', why: 'eleven digits' },
      { text: 'National Drug Code 0173-0682-20', value: '0173-0682-20' },
      { text: 'NDC# 00093-7214-01', value: '00093-7214-01', why: '5-4-2 billing form' },
      { text: 'drug code 68180-513-01 dispensed', value: '68180-513-01' },
      { text: 'NDCs: 0069-0150-01, 0069-0150-30', value: '0069-0150-30', why: 'a list' },
      { text: 'NDC number\n59762-3304-1', value: '59762-3304-1', why: 'on the next line' },
      {
        text: '<code code="0006-0749-54" codeSystem="2.16.840.1.113883.6.69"/>',
        value: '0006-0749-54',
        why: 'NDC code-system id',
      },
    ],
    negative: [
      { text: 'Call 1234-5678-90 today', why: 'no NDC word' },
      { text: 'NDC 00000-123-45', why: 'labeler of zeros' },
      { text: 'NDC 11111111111', why: 'one digit repeated' },
      { text: 'NDC 1234-56789-0', why: 'no NDC form is 4-5-1' },
      { text: 'NDC 123456789012', why: 'twelve digits' },
      { text: 'NDC forms; account 12345678901', why: 'an account number' },
      { text: 'NDC 2002-1234-56-7', why: 'part of a longer number' },
      { text: 'ISBN 0-306-40615-2', why: 'a book number' },
      { text: 'Tracking 12345678901 for the NDC shipment', why: 'a tracking number' },
      { text: 'ndc 5058-0506-0', why: 'no NDC form is 4-4-1' },
    ],
  },
};
