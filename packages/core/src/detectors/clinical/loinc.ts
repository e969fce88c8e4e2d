import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { luhnValid } from '../../validate/checksums.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';
import { contextHint, NOT_CLINICAL } from './context.js';

/**
 * LOINC codes end in a mod-10 check digit after a hyphen (`2345-7`). Regenstrief's
 * procedure, doubling the digits in odd places from the right and adding the digits of the
 * result, is the Luhn check applied to the code with its check digit.
 */
export function isLoincCode(value: string): boolean {
  return /^\d{3,5}-\d$/.test(value) && luhnValid(digitsOf(value));
}

const WINDOW = { before: 60, after: 80 } as const;

/** A fragment of every raise word below: see `contextHint`. */
const hintNear = contextHint(/loinc|lab|test|result|observation|113883/i, WINDOW);

function verdict(value: string, facts: MatchFacts): boolean {
  if (!hintNear(facts.text, facts.start, facts.end)) return false;
  return standsAlone(facts) && isLoincCode(value);
}

export const loinc: DetectorDefinition = {
  id: 'loinc',
  class: 'lab_code',
  authority: 'Regenstrief',
  summary:
    'LOINC laboratory and observation codes (2345-7, 4548-4) with a valid check digit, next ' +
    'to a LOINC word.',
  limitations:
    'No LOINC table is shipped, so a number with a valid check digit counts when the context ' +
    'says LOINC; codes with fewer than three digits before the hyphen and LOINC parts (LP) ' +
    'are not covered.',
  patterns: [
    {
      name: 'code',
      regex: '\\b(?P<value>\\d{3,5}-\\d)\\b',
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  validate: verdict,
  context: [
    {
      words: [
        'loinc',
        'loinc code',
        'loinc codes',
        'lab code',
        'test code',
        'result code',
        'observation code',
        '2.16.840.1.113883.6.1',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
  ],
  window: WINDOW,
  samples: {
    positive: [
      { text: 'LOINC 2345-7 glucose', value: '2345-7' },
      { text: 'loinc code 4548-4 (HbA1c)', value: '4548-4' },
      { text: 'LOINC: 718-7', value: '718-7', why: 'three digits' },
      { text: 'lab code 2160-0 creatinine', value: '2160-0' },
      { text: 'LOINC 94500-6 SARS-CoV-2 RNA', value: '94500-6', why: 'five digits' },
      { text: 'test code 2093-3 cholesterol', value: '2093-3' },
      { text: 'LOINC codes 8480-6 and 8462-4', value: '8462-4', why: 'second of two' },
      {
        text: '<code code="30313-1" codeSystem="2.16.840.1.113883.6.1"/>',
        value: '30313-1',
        why: 'LOINC code-system id',
      },
      { text: 'result code 2951-2 sodium', value: '2951-2' },
      { text: 'LOINC 33914-3 eGFR', value: '33914-3' },
    ],
    negative: [
      { text: 'LOINC 2345-8', why: 'wrong check digit' },
      { text: 'Scores 2345-7 in the final', why: 'no LOINC word' },
      { text: 'LOINC 12-3', why: 'too short' },
      { text: 'LOINC 123456-7', why: 'too long' },
      { text: 'LOINC 2345-7-1', why: 'part of a longer number' },
      { text: 'loinc 555-1212', why: 'a phone number' },
      { text: 'Room 2345-7 near the LOINC office', why: 'a room, lowered' },
      { text: 'LOINC 2345-77', why: 'check digit is one digit' },
      { text: 'LOINC 4548-5', why: 'wrong check digit' },
      { text: 'loinc: 1-800-555-0199', why: 'a toll-free number' },
    ],
  },
};
