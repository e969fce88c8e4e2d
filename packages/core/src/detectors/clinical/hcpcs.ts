import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';
import { hcpcsSet } from './codesets.js';
import { NOT_CLINICAL } from './context.js';

/**
 * Checks a HCPCS Level II code with optional hyphenated modifiers (`J1100`, `E0114-RR`)
 * against the CMS 2020 list. Every modifier must be a listed one.
 */
export function isHcpcsCode(value: string): boolean {
  const [code, ...modifiers] = value.toUpperCase().split('-');
  const { codes, modifiers: known } = hcpcsSet();
  return code !== undefined && codes.has(code) && modifiers.every((m) => known.has(m));
}

const CONFIDENCE = { code: 0.45, withModifier: 0.55 } as const;

function verdict(value: string, facts: MatchFacts): boolean | number {
  if (!standsAlone(facts) || !isHcpcsCode(value)) return false;
  return value.includes('-') ? CONFIDENCE.withModifier : CONFIDENCE.code;
}

export const hcpcs: DetectorDefinition = {
  id: 'hcpcs',
  class: 'procedure_code',
  authority: 'CMS',
  summary:
    'HCPCS Level II codes for supplies, drugs and services (J1100, E0114-RR), with their ' +
    'modifiers, checked against the CMS 2020 list.',
  limitations:
    'Codes added after 2020 are not recognised, and modifiers count only when joined to the ' +
    'code by a hyphen; a code alone stays at low confidence without a billing word nearby.',
  patterns: [
    {
      name: 'code',
      regex: '\\b(?P<value>[A-CEGHJ-MP-V]\\d{4}(?:-[A-Z0-9]{2}){0,4})\\b',
      confidence: CONFIDENCE.code,
    },
  ],
  validate: verdict,
  context: [
    {
      words: [
        'hcpcs',
        'hcpcs code',
        'hcpcs codes',
        'j code',
        'procedure code',
        'billing code',
        'billed',
        'cpt',
        'modifier',
        'dme',
        'dmepos',
        'units',
        'claim',
        // Headings of the lists codes stand in: "Procedures and services", "Supplies".
        'procedures',
        'supplies',
        '2.16.840.1.113883.6.285',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
  ],
  // A claim table names its columns once ("Code Description Billed"); the rows follow.
  window: { before: 200, after: 80 },
  samples: {
    positive: [
      { text: 'HCPCS J1100 dexamethasone', value: 'J1100' },
      {
        text: 'Procedures and services\nJ7613 Albuterol non-comp unit',
        value: 'J7613',
        why: 'under a list heading',
      },
      {
        text:
          'Service date Code Description Billed Allowed\nJanuary 16, 2024 J3301 Triamcinolone ' +
          'acet inj nos $1329.00 $754.00\nJanuary 16, 2024 E0143 Walker folding wheeled',
        value: 'E0143',
        why: 'a row of a claim table',
      },
      { text: 'Billed E0114-RR for crutches', value: 'E0114-RR', why: 'with a rental modifier' },
      { text: 'J code J0135 x2 units', value: 'J0135' },
      { text: 'HCPCS G0008 flu shot admin', value: 'G0008' },
      { text: 'DME: E0601-NU-KX', value: 'E0601-NU-KX', why: 'two modifiers' },
      { text: 'claim line A4253 test strips', value: 'A4253' },
      { text: 'Supply code L3908 wrist brace', value: 'L3908', why: 'alone, low confidence' },
      { text: 'hcpcs code Q4101', value: 'Q4101' },
      { text: 'Billed K0001 wheelchair', value: 'K0001' },
      { text: 'modifier LT on L1832-LT', value: 'L1832-LT' },
    ],
    negative: [
      { text: 'HCPCS Z9999', why: 'Z is no HCPCS letter' },
      { text: 'HCPCS J9999-ZZ', why: 'ZZ is no modifier' },
      { text: 'Model G1234 printer', why: 'model number' },
      { text: 'Part A4253 is on order', why: 'a part number, lowered' },
      { text: 'HCPCS J0001', why: 'not in the code list' },
      { text: 'Seat B1234 on flight 22', why: 'a seat' },
      { text: 'Ticket L3908 was closed', why: 'a ticket number' },
      { text: 'ref ABCJ1100X', why: 'inside a longer token' },
      { text: 'Release E0114.2 notes', why: 'a version' },
      { text: 'Room G0008 booked', why: 'a room' },
    ],
  },
};
