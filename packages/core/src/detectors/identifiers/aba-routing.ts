import type { DetectorDefinition } from '../../detector/types.js';
import { isPlaceholderDigits } from '../../validate/repeats.js';
import { standsAlone } from '../../validate/standalone.js';

/** Weights of the ABA check: 3, 7, 1 repeated over the nine digits. */
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

/**
 * The first two digits are the Federal Reserve routing symbol: 00 for the US government,
 * 01-12 for the twelve Federal Reserve districts, 21-32 for thrifts in those districts,
 * 61-72 for electronic transactions, 80 for traveller's cheques.
 */
function hasRoutingSymbol(digits: string): boolean {
  const symbol = Number(digits.slice(0, 2));
  return (
    symbol <= 12 ||
    (symbol >= 21 && symbol <= 32) ||
    (symbol >= 61 && symbol <= 72) ||
    symbol === 80
  );
}

/** True when nine digits carry a valid routing symbol and ABA check digit. */
export function isValidAbaRouting(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || !hasRoutingSymbol(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * (digits.charCodeAt(i) - 48);
  return sum % 10 === 0;
}

export const abaRouting: DetectorDefinition = {
  id: 'aba_routing',
  class: 'account_number',
  authority: 'ABA',
  summary:
    'US bank routing transit numbers: nine digits with a valid ABA check, near routing words.',
  limitations:
    'Found only with a routing or ABA word nearby: one nine-digit number in ten passes the check, and ZIP+4 codes and SSNs share the shape.',
  patterns: [
    {
      name: 'nine-digits',
      regex: '\\b(?P<value>\\d{9})\\b',
      confidence: 0.5,
      requiresContext: true,
    },
  ],
  prune: (value) => isPlaceholderDigits(value),
  validate: (value, facts) => isValidAbaRouting(value) && standsAlone(facts),
  context: [
    {
      words: [
        'routing',
        'routing number',
        'routing no',
        'routing transit',
        'aba',
        'aba#',
        'rtn',
        'transit number',
        'direct deposit',
        'wire',
        'ach',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: ['zip', 'zip code', 'postal', 'ssn', 'social security', 'phone', 'order', 'tracking'],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Routing number: 021000021', value: '021000021' },
      { text: 'ABA 011000015 for wires', value: '011000015' },
      { text: 'RTN 122000661, account below', value: '122000661' },
      { text: 'direct deposit, routing 261073326', value: '261073326', why: 'thrift range' },
      { text: 'Wire to ABA#322271627', value: '322271627' },
      { text: 'routing no. 061000159', value: '061000159' },
      { text: 'ACH routing:\n071000013', value: '071000013', why: 'label on the line above' },
      { text: 'Routing transit 311076794', value: '311076794' },
      {
        text: 'ABA ６７１０１２３４６',
        value: '６７１０１２３４６',
        why: 'full-width, electronic range',
      },
      { text: 'Routing: 800000006', value: '800000006', why: "traveller's cheque symbol" },
      { text: 'ABA routing 111000614 (Dallas district)', value: '111000614' },
    ],
    negative: [
      { text: 'Routing number: 021000022', why: 'check digit is wrong' },
      { text: 'Routing 131000018 ok', why: 'symbol 13 is not assigned, though the check passes' },
      { text: 'Routing 351234567', why: 'symbol 35 is not assigned, though the check passes' },
      { text: 'Order 021000021 shipped', why: 'no routing word' },
      { text: 'Routing 02100002', why: 'eight digits' },
      { text: 'Routing 0210000210', why: 'ten digits' },
      { text: 'ABA form, ZIP 021000021', why: 'a ZIP+4 code' },
      { text: 'Routing 000000000', why: 'all zeros' },
      { text: 'routing slip 2-021000021', why: 'part of a longer number' },
      { text: 'Network routing table v021.000.021', why: 'dotted version' },
      { text: 'ABA SSN 061000159 on the form', why: 'an SSN word beside it' },
    ],
  },
};
