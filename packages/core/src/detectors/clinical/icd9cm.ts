import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';
import { icd9cmSet } from './codesets.js';
import { contextHint, DIAGNOSIS_WORDS, NOT_CLINICAL, notAfterCurrency } from './context.js';

/**
 * Checks a code against ICD-9-CM v32, with or without its decimal point. Category heads
 * (`250`, `250.0`, `V58`) count when the set lists codes under them: records cite them.
 */
export function isIcd9cmCode(value: string): boolean {
  const dot = value.indexOf('.');
  const head = dot < 0 ? value : value.slice(0, dot);
  // The point sits after the category: three characters, four for E codes (E800.0).
  if (dot >= 0 && head.length !== (head.startsWith('E') ? 4 : 3)) return false;
  const code = value.replace('.', '');
  const { codes, heads } = icd9cmSet();
  return codes.has(code) || heads.has(code);
}

const WINDOW = { before: 60, after: 80 } as const;

/** A fragment of every raise word below: see `contextHint`. */
const hintNear = contextHint(/dx|diagnos|assessment|problem|icd|113883/i, WINDOW);

/** Four-digit numbers from 1900 to 2099 are years far more often than neoplasm codes. */
function looksLikeYear(value: string): boolean {
  return /^(?:19|20)\d\d$/.test(value);
}

function verdict(value: string, facts: MatchFacts): boolean {
  // The supplementary dotted pattern alone stands without context; the others need a hint.
  if (facts.pattern !== 'supplementary_dotted' && !hintNear(facts.text, facts.start, facts.end)) {
    return false;
  }
  return (
    standsAlone(facts) &&
    notAfterCurrency(facts.text, facts.start) &&
    !looksLikeYear(value) &&
    isIcd9cmCode(value)
  );
}

export const icd9cm: DetectorDefinition = {
  id: 'icd9cm',
  class: 'diagnosis_code',
  authority: 'CMS',
  summary:
    'ICD-9-CM diagnosis codes (250.00, 25000, V58.11, E880.9), with or without the point, ' +
    'checked against the final CMS code set (v32).',
  limitations:
    'Numeric codes and undotted V and E codes count only next to a diagnosis or ICD-9 word, ' +
    'since bare numbers collide with everything; undotted 1900 to 2099 are taken for years, ' +
    'and ICD-9 procedure codes are not covered.',
  patterns: [
    {
      name: 'numeric',
      regex: '\\b(?P<value>\\d{3}(?:\\.\\d{1,2}|\\d{1,2})?)\\b',
      confidence: 0.45,
      requiresContext: true,
    },
    {
      name: 'supplementary_dotted',
      regex: '\\b(?P<value>V\\d{2}\\.\\d{1,2}|E\\d{3}\\.\\d)\\b',
      confidence: 0.4,
    },
    {
      name: 'supplementary_bare',
      regex: '\\b(?P<value>V\\d{2,4}|E\\d{3,4})\\b',
      confidence: 0.4,
      requiresContext: true,
    },
  ],
  validate: verdict,
  context: [
    {
      words: [...DIAGNOSIS_WORDS, 'icd 9', 'icd9', 'icd 9 cm', 'icd9cm', '2.16.840.1.113883.6.103'],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
  ],
  window: WINDOW,
  samples: {
    positive: [
      { text: 'ICD-9: 250.00', value: '250.00' },
      { text: 'Dx 25000 on the old claim', value: '25000', why: 'undotted with context' },
      { text: 'diagnosis V58.11', value: 'V58.11' },
      { text: 'ICD-9 code 401.9 (hypertension)', value: '401.9' },
      { text: 'Diagnosis: 4019', value: '4019', why: 'undotted four digits' },
      { text: 'dx code E880.9', value: 'E880.9', why: 'external cause code' },
      { text: 'icd9 V5811', value: 'V5811', why: 'undotted V code with context' },
      { text: 'Primary diagnosis 486', value: '486', why: 'three-digit code' },
      { text: 'Diagnoses: 428.0, 584.9', value: '584.9', why: 'second of a list' },
      { text: 'Admitting diagnosis 038.9', value: '038.9', why: 'leading zero' },
      { text: 'ICD-9-CM 715.96', value: '715.96' },
    ],
    negative: [
      { text: 'Total due: $250.00', why: 'a price' },
      { text: 'We shipped 250 units', why: 'a count without context' },
      { text: 'Diagnosis 999.99', why: 'not in the code set' },
      { text: 'Dx 250.000', why: 'too many decimals' },
      { text: 'diagnosis 25.00', why: 'point in the wrong place' },
      { text: 'Call 401-9123 for the diagnosis', why: 'part of a phone number' },
      { text: 'Diagnosis code #401.9', why: 'after a number sign' },
      { text: 'Version V58.11 of the firmware', why: 'a version' },
      { text: 'Room 428 at the diagnosis centre', why: 'a room, lowered' },
      { text: 'The 2002 release notes', why: 'a year without context' },
      { text: 'diagnosed on 12.05.2002', why: 'a date with a diagnosis word' },
      { text: 'Assessment of the 2002 season', why: 'a year, though 200.2 is a code' },
      {
        text: 'On Sun, Aug 11, 2002 at 11:17:47AM +0100, wintermute mentioned:\n> > The impression',
        why: 'a date line of a quoted reply (SpamAssassin easy_ham)',
      },
      {
        text: 'http://online.securityfocus.com/infocus/1613\n\n2.  Assessing Internet',
        why: 'a URL path next to an assessment word (SpamAssassin easy_ham)',
      },
    ],
  },
};
