import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';
import { contextHint, NOT_CLINICAL, notAfterCurrency } from './context.js';

/**
 * Whether a five-character value has the shape of a CPT code. Category I codes run from
 * 00100 (anesthesia) to 99607; nothing is assigned between 02000 and 09999. Category II
 * codes are four digits and F, Category III codes 0nnnT.
 */
export function isCptShaped(value: string): boolean {
  if (/^\d{4}F$/.test(value)) return value !== '0000F';
  if (/^0\d{3}T$/.test(value)) return value !== '0000T';
  if (!/^\d{5}$/.test(value)) return false;
  const n = Number(value);
  return n >= 100 && n <= 99607 && !(n >= 2000 && n <= 9999);
}

const WINDOW = { before: 60, after: 80 } as const;

/** A fragment of every raise word below: see `contextHint`. */
const hintNear = contextHint(
  /cpt|procedure|billing|billed|hcpcs|modifier|113883|\be[^a-z0-9]+m\b/i,
  WINDOW,
);

function verdict(value: string, facts: MatchFacts): boolean {
  if (!hintNear(facts.text, facts.start, facts.end)) return false;
  return standsAlone(facts) && notAfterCurrency(facts.text, facts.start) && isCptShaped(value);
}

export const cpt: DetectorDefinition = {
  id: 'cpt',
  class: 'procedure_code',
  authority: 'AMA',
  summary:
    'CPT procedure codes (99213, 3046F, 0042T) next to words such as "CPT", "procedure ' +
    'code" or "billed", by format only.',
  limitations:
    'CPT descriptors are licensed by the AMA, so the engine ships no code list: any number in ' +
    'the assigned ranges counts when the context says CPT, and a real code without context ' +
    'is missed.',
  patterns: [
    {
      name: 'category_1',
      regex: '\\b(?P<value>\\d{5})\\b',
      confidence: 0.45,
      requiresContext: true,
    },
    {
      name: 'category_2_3',
      regex: '\\b(?P<value>\\d{4}[FT])\\b',
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  validate: verdict,
  context: [
    {
      words: [
        'cpt',
        'cpt code',
        'cpt codes',
        'cpt 4',
        'cpt4',
        'procedure code',
        'procedure codes',
        'billing code',
        'billed',
        'billed as',
        'e m',
        'e m code',
        'hcpcs',
        'hcpcs code',
        'modifier',
        '2.16.840.1.113883.6.12',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
    {
      words: ['po box', 'box', 'ext', 'extension', 'account', 'acct', 'member', 'pin', 'code red'],
      effect: 'lower',
    },
  ],
  window: WINDOW,
  samples: {
    positive: [
      { text: 'CPT 99213 office visit', value: '99213' },
      { text: 'procedure code 45378', value: '45378' },
      { text: 'Billed as 93000 on 3/4', value: '93000' },
      { text: 'CPT: 3046F', value: '3046F', why: 'Category II' },
      { text: 'cpt code 0042T', value: '0042T', why: 'Category III' },
      { text: 'E&M code 99214', value: '99214', why: 'E&M reads as "e m"' },
      { text: 'CPT codes 71046, 80053', value: '80053', why: 'second of a list' },
      { text: 'Anesthesia CPT 00140', value: '00140', why: 'anesthesia range' },
      { text: 'billed 36415 with modifier 25', value: '36415' },
      {
        text: '<code code="99204" codeSystem="2.16.840.1.113883.6.12"/>',
        value: '99204',
        why: 'CPT code-system id',
      },
    ],
    negative: [
      { text: 'Send it to 94103 by Friday', why: 'a ZIP code without context' },
      { text: 'CPT 05123', why: 'nothing is assigned from 02000 to 09999' },
      { text: 'CPT 00042', why: 'below the anesthesia range' },
      { text: 'billed $99213 last year', why: 'an amount' },
      { text: 'CPT code 99999', why: 'above the assigned range' },
      { text: 'billed to PO Box 12345', why: 'a box number' },
      { text: 'Our zip code is 45378 and CPT forms are attached', why: 'a ZIP code' },
      { text: 'cpt 1234T', why: 'Category III codes start with 0' },
      { text: 'billed account 12345-67890', why: 'part of a longer number' },
      { text: 'Temperature 9876F outside', why: 'no CPT word' },
      { text: 'Order 99213 was billed', why: 'an order number' },
    ],
  },
};
