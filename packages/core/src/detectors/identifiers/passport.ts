import type { DetectorDefinition } from '../../detector/types.js';
import { isPlaceholderDigits } from '../../validate/repeats.js';
import { standsAlone } from '../../validate/standalone.js';

export const passport: DetectorDefinition = {
  id: 'passport',
  class: 'license_number',
  authority: 'US Department of State',
  summary:
    'US passport numbers, nine digits or (since 2021) one letter and eight digits, near the word passport.',
  limitations:
    'Found only with a passport word nearby; foreign passport formats are found only when they share the US shapes, and passport card numbers (C and eight digits) count as passports.',
  patterns: [
    {
      name: 'nine-digits',
      regex: '\\b(?P<value>\\d{9})\\b',
      confidence: 0.45,
      requiresContext: true,
    },
    {
      name: 'letter-eight-digits',
      regex: '\\b(?P<value>[A-Z]\\d{8})\\b',
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  prune: (value) => isPlaceholderDigits(value),
  validate: (_value, facts) => standsAlone(facts),
  context: [
    {
      words: [
        'passport',
        'passport no',
        'passport number',
        'passport #',
        'passport card',
        'pp no',
        'travel document',
      ],
      effect: 'raise',
      weight: 0.4,
    },
    {
      words: ['fee', 'photo', 'order', 'tracking', 'invoice', 'zip', 'phone', 'ssn', 'routing'],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Passport: 561234789', value: '561234789' },
      { text: 'passport no. A27839146', value: 'A27839146', why: 'next-generation shape' },
      { text: 'US passport number 910239248 attached', value: '910239248' },
      { text: 'Passport #Z98712345 for travel clinic', value: 'Z98712345' },
      { text: 'Copy of passport (488839012) scanned', value: '488839012' },
      { text: 'Passport card C03005988 on file', value: 'C03005988' },
      { text: 'passport:\n302918475', value: '302918475', why: 'label on the line above' },
      { text: 'Travel document 712093846 verified', value: '712093846' },
      {
        text: 'PASSPORT ４８８８３９０１２',
        value: '４８８８３９０１２',
        why: 'full-width digits',
      },
      { text: 'passport E00012345, expires 2030', value: 'E00012345' },
    ],
    negative: [
      { text: 'Passport 000000000', why: 'placeholder' },
      { text: 'Passport 12345678', why: 'eight digits' },
      { text: 'Passport 1234567890', why: 'ten digits' },
      { text: 'Order 561234789 shipped', why: 'no passport word' },
      { text: 'Passport photo order 561234789', why: 'an order near passport photos' },
      { text: 'Passport fee $130.00', why: 'an amount' },
      { text: 'Passport AB1234567', why: 'two letters' },
      { text: 'Passport ref 1-561234789', why: 'inside a longer number' },
      { text: 'Passport renewal 2030-01-15', why: 'a date' },
      { text: 'SSN on passport form 536228714', why: 'an SSN word beside it' },
    ],
  },
};
