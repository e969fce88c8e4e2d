import type { DetectorDefinition } from '../../detector/types.js';
import { canonicalForm } from '../../output/fingerprint.js';
import { maskAll } from '../../output/mask.js';
import { standsAlone } from '../../validate/standalone.js';
import { isPossibleSsn } from './ssn.js';

/**
 * The beneficiary identification code (BIC) that followed the wage earner's SSN: one letter
 * for the relationship (A wage earner, B and C spouse and child, D widow, E mother, F
 * parent, H, J, K, M and T special cases, W disabled), sometimes with a second character.
 * The full CMS list has about a hundred codes; this accepts any second letter or digit.
 */
const BIC = '[A-HJKMTW][A-Z0-9]?';

/**
 * Railroad Retirement Board claim prefixes (`A`, `MA`, `WCA`...), written before six digits
 * (older claims) or nine (claims numbered by SSN).
 */
const RRB_PREFIXES = [
  'A',
  'CA',
  'H',
  'JA',
  'MA',
  'MH',
  'PA',
  'PD',
  'PH',
  'WA',
  'WCA',
  'WCD',
  'WCH',
  'WD',
  'WF',
  'WH',
];

/**
 * True when a value is an SSA-issued HICN (nine SSN digits and a BIC) or an RRB number
 * (a known prefix and six or nine digits), separators ignored.
 */
export function isPossibleHicn(value: string): boolean {
  const compact = canonicalForm(value);
  const ssa = /^(\d{9})[A-HJKMTW][A-Z0-9]?$/.exec(compact);
  if (ssa) return isPossibleSsn(ssa[1]!);
  const rrb = /^([A-Z]{1,3})(\d{6}|\d{9})$/.exec(compact);
  if (!rrb || !RRB_PREFIXES.includes(rrb[1]!)) return false;
  return rrb[2]!.length === 6 || isPossibleSsn(rrb[2]!);
}

export const hicn: DetectorDefinition = {
  id: 'hicn',
  class: 'health_plan_id',
  authority: 'CMS',
  summary:
    'Legacy Medicare Health Insurance Claim Numbers: an SSN with a beneficiary code, or a Railroad Retirement Board number, near Medicare words.',
  limitations:
    'Found only with a Medicare or railroad word nearby, since the shapes are common elsewhere; the second character of a beneficiary code is not checked against the CMS list.',
  patterns: [
    {
      name: 'ssa',
      regex: `\\b(?P<value>\\d{3}-?\\d{2}-?\\d{4}${BIC})\\b`,
      ignoreCase: true,
      confidence: 0.5,
      requiresContext: true,
    },
    {
      // Case matters here: with a space before it, a lower-case code would be a word
      // ("8714 at", "8714 to").
      name: 'ssa-spaced',
      regex: `\\b(?P<value>\\d{3}-?\\d{2}-?\\d{4} ${BIC})\\b`,
      confidence: 0.5,
      requiresContext: true,
    },
    {
      name: 'rrb',
      regex: `\\b(?P<value>(?:${RRB_PREFIXES.join('|')})[- ]?(?:\\d{6}|\\d{9}))\\b`,
      ignoreCase: true,
      confidence: 0.5,
      requiresContext: true,
    },
  ],
  validate: (value, facts) => isPossibleHicn(value) && standsAlone(facts),
  canonical: canonicalForm,
  // Every character is masked: the last four of a HICN are SSN digits and its code.
  mask: maskAll,
  context: [
    {
      words: [
        'hicn',
        'hic',
        'hic#',
        'hic no',
        'medicare',
        'medicare number',
        'medicare claim number',
        'claim number',
        'railroad',
        'railroad retirement',
        'rrb',
        'beneficiary',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: ['order', 'invoice', 'tracking', 'serial', 'part no', 'sku', 'model'],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Medicare claim number 536-22-8714A', value: '536-22-8714A' },
      { text: 'HICN: 536228714B1', value: '536228714B1', why: 'two-character code' },
      { text: 'Medicare #412-81-3307 D', value: '412-81-3307 D', why: 'space before the code' },
      { text: 'HIC 601332914C2 (spouse)', value: '601332914C2' },
      { text: 'Railroad retirement number MA123456', value: 'MA123456' },
      { text: 'RRB claim WCA-536228714', value: 'WCA-536228714', why: 'prefix and SSN' },
      { text: 'Medicare id 772-14-0093t', value: '772-14-0093t', why: 'lower-case code' },
      { text: 'medicare:\n219456789W', value: '219456789W' },
      { text: 'Old card, beneficiary A 219-45-6789A', value: '219-45-6789A' },
      { text: 'RRB number pd 441122', value: 'pd 441122', why: 'space after the prefix' },
    ],
    negative: [
      { text: 'Medicare 536228714', why: 'an SSN without a beneficiary code' },
      { text: 'Invoice 536228714A attached', why: 'no Medicare word' },
      { text: 'Medicare 000-22-8714A', why: 'area 000 is never issued' },
      { text: 'Medicare 536-22-8714Q', why: 'Q is not a beneficiary code' },
      { text: 'Medicare 536-22-8714ABC', why: 'three letters after the digits' },
      { text: 'SSN 536-22-8714 at Medicare intake', why: 'a word after an SSN is not a code' },
      { text: 'RRB WX123456', why: 'WX is not an RRB prefix' },
      { text: 'RRB MA12345', why: 'five digits' },
      { text: 'Medicare ref 1536-22-8714A', why: 'inside a longer number' },
      { text: 'Medicare form 666-12-3456A', why: 'area 666 is never issued' },
      { text: 'Medicare order MA123456 shipped', why: 'an order code with a lowering word' },
    ],
  },
};
