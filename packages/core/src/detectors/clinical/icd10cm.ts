import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';
import { icd10cmSet } from './codesets.js';
import { DIAGNOSIS_WORDS, NOT_CLINICAL, notAfterCurrency } from './context.js';

/** 7th characters of injury and external-cause codes: A initial, D subsequent, S sequela... */
const ENCOUNTER_LETTERS = 'ABCDEFGHJKMNPQRS';

/**
 * Which listed codes take a 7th character, and which characters. The tabular list states
 * these as rules per category, which the shipped code list does not carry; this table
 * restates them from the FY2025 guidelines. It is coarser than the rules: a few categories
 * in S00-T88 that take no 7th character (T31, T32) are accepted with one.
 */
const SEVENTH_CHARACTER_RULES: readonly { readonly prefix: RegExp; readonly allowed: string }[] = [
  { prefix: /^(?:S|T|V|W|X|Y[0-3])/, allowed: ENCOUNTER_LETTERS },
  { prefix: /^(?:M484|M485|M80|M843|M844|M845|M846|M97)/, allowed: 'ADGKPS' },
  { prefix: /^M1A/, allowed: '01' },
  { prefix: /^(?:O3[1256]|O33[3-6]|O4[01]|O60[12]|O64|O69)/, allowed: '0123459' },
  { prefix: /^R402[1-4]/, allowed: '01234' },
  { prefix: /^H40[1-6]/, allowed: '01234' },
];

/** How a value relates to the code set. */
export type Icd10Validity = 'listed' | 'extended';

/**
 * Checks a code against ICD-10-CM FY2025, with or without its dot. A code is valid when the
 * tabular list names it (`E11.9`, `I10`), or when it is a listed code without subcodes,
 * padded with `X` to six characters, followed by a 7th character its category allows
 * (`S72.001A`, `T14.90XA`).
 */
export function icd10cmValidity(value: string): Icd10Validity | undefined {
  const code = value.toUpperCase().replace('.', '');
  if (!/^[A-Z]\d[0-9A-Z]{1,5}$/.test(code)) return undefined;
  const { codes, parents } = icd10cmSet();
  if (codes.has(code)) return 'listed';
  if (code.length !== 7) return undefined;

  const base = code.slice(0, 6).replace(/X+$/, '');
  if (base.length < 3 || !codes.has(base) || parents.has(base)) return undefined;
  const rule = SEVENTH_CHARACTER_RULES.find((r) => r.prefix.test(base));
  return rule?.allowed.includes(code[6]!) ? 'extended' : undefined;
}

/** Confidence by form: dotted codes with a subcode are rarely anything else. */
const CONFIDENCE = {
  dottedExtended: 0.6,
  dottedLong: 0.55,
  dottedShort: 0.5,
  bareLong: 0.35,
  bareCategory: 0.3,
} as const;

function verdict(value: string, facts: MatchFacts): boolean | number {
  if (!standsAlone(facts) || !notAfterCurrency(facts.text, facts.start)) return false;
  const validity = icd10cmValidity(value);
  if (!validity) return false;
  const dot = value.indexOf('.');
  if (dot < 0) return value.length === 3 ? CONFIDENCE.bareCategory : CONFIDENCE.bareLong;
  if (validity === 'extended') return CONFIDENCE.dottedExtended;
  return value.length - dot - 1 >= 2 ? CONFIDENCE.dottedLong : CONFIDENCE.dottedShort;
}

export const icd10cm: DetectorDefinition = {
  id: 'icd10cm',
  class: 'diagnosis_code',
  authority: 'CMS',
  summary:
    'ICD-10-CM diagnosis codes (E11.9, I10, S72.001A), with or without the dot, checked ' +
    'against the FY2025 code set including 7th-character extensions.',
  limitations:
    'Codes retired before FY2025 or added after it are not recognised; without a diagnosis ' +
    'word nearby an undotted code stays at low confidence, so "I10" alone never counts.',
  patterns: [
    {
      name: 'dotted',
      regex: '\\b(?P<value>[A-Z]\\d[0-9AB]\\.[0-9A-Z]{1,4})\\b',
      confidence: CONFIDENCE.dottedShort,
    },
    {
      name: 'bare',
      regex: '\\b(?P<value>[A-Z]\\d[0-9AB][0-9A-Z]{0,4})\\b',
      confidence: CONFIDENCE.bareLong,
    },
  ],
  validate: verdict,
  context: [
    {
      words: [...DIAGNOSIS_WORDS, 'icd 10', 'icd10', 'icd 10 cm', '2.16.840.1.113883.6.90'],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
  ],
  // Code-system labels in structured documents often stand after the code.
  window: { before: 60, after: 80 },
  samples: {
    positive: [
      { text: 'Dx: E11.9 type 2 diabetes', value: 'E11.9' },
      {
        text: 'a history of fracture of unspecified part of neck of right femur (S72.001A).',
        value: 'S72.001A',
        why: '"part" of a diagnosis title is not a part number',
      },
      { text: 'Diagnosis: I10', value: 'I10', why: 'a category code next to a diagnosis word' },
      {
        text: 'ICD-10 S72.001A, fall at home',
        value: 'S72.001A',
        why: 'listed code with a 7th character',
      },
      { text: 'dx code T14.90XA', value: 'T14.90XA', why: 'X placeholder then a 7th character' },
      { text: 'Assessment: J45.909 asthma', value: 'J45.909' },
      { text: 'diagnosis code E119 on the claim', value: 'E119', why: 'undotted with context' },
      { text: 'Primary diagnosis F32.A', value: 'F32.A', why: 'letter subcode' },
      { text: 'Follow-up for Z79.4 insulin use', value: 'Z79.4', why: 'dotted, no context' },
      { text: 'Problem list: M1A.0110', value: 'M1A.0110', why: 'gout with a tophus character' },
      { text: 'The ICD code is U07.1.', value: 'U07.1', why: 'sentence-ending full stop' },
      {
        text: '<code code="N18.30" codeSystem="2.16.840.1.113883.6.90"/>',
        value: 'N18.30',
        why: 'structured document with the ICD-10-CM code-system id',
      },
      { text: 'Dx O36.5930 noted', value: 'O36.5930', why: 'obstetric fetus character' },
    ],
    negative: [
      { text: 'Take the I10 highway east to exit 5', why: 'Interstate 10' },
      { text: 'Meet me in room B12 at noon', why: 'a room' },
      { text: 'Dx: E11.99999', why: 'too long to be a code' },
      { text: 'diagnosis code Q99.99', why: 'well formed but not in the code set' },
      { text: 'Part number C12.5 is back in stock', why: 'part number shaped like a code' },
      { text: 'Upgrade to version R12.1 today', why: 'a version' },
      { text: 'ICD-10 S72.001Z', why: 'Z is not a 7th character for fractures' },
      { text: 'dx E11.9A', why: 'E11.9 takes no 7th character' },
      { text: 'dx S72.00XA', why: 'S72.00 has subcodes, so it cannot be padded' },
      { text: 'F16 fighter jets flew over', why: 'undotted category without context' },
      { text: 'The A320 and B737 fleets', why: 'aircraft models' },
      { text: 'Firmware E10.2.1 fixes the bug', why: 'a dotted version with more parts' },
      { text: 'Only $E11.90 today', why: 'after a price sign' },
      {
        text: 'Dell Latitude C510/C610 series',
        why: 'laptop models, C51.0 and C61.0 are codes (SpamAssassin hard_ham)',
      },
      { text: 'Canon PowerShot S330 Elph', why: 'a camera model (SpamAssassin hard_ham)' },
      {
        text: 'Key fingerprint = F6C2 02E3 9051 E580 B363',
        why: 'a PGP key fingerprint (SpamAssassin easy_ham)',
      },
    ],
  },
};
