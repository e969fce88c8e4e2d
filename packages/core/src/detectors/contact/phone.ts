import type { DetectorDefinition } from '../../detector/types.js';
import { checkShape, nearestLabel, phonePatterns } from './phone-shape.js';

/**
 * Confidence of a number from the 555-01xx block set aside for fiction. It rings nobody,
 * so it is kept only when a phone word raises it, and even then stays low: a reviewer
 * sees it, a policy on medium findings never acts on it.
 */
const FICTIONAL_CONFIDENCE = 0.1;

/**
 * Confidence of a number NANPA could not have assigned (an area code or exchange starting
 * with 0 or 1, an N11 code), kept only when a phone label stands right before it: people
 * mistype numbers and forms hold made-up ones, and a labelled number is still meant as
 * someone's number. A phone word nearby lifts it to medium. Straight runs such as
 * 123-456-7890 are placeholders and are dropped.
 */
const UNASSIGNABLE_CONFIDENCE = 0.3;

/** How much a fax label nearest the number takes off, so that `fax` wins the span. */
const FAX_LABEL_PENALTY = 0.15;

/** Confidence of each shape before context: the more a shape is used for phones, the higher. */
const PATTERN_BASE = {
  parens: 0.55,
  dashed: 0.55,
  dotted: 0.45,
  slashed: 0.35,
  spaced: 0.4,
  bare: 0.3,
  international: 0.35,
} as const;

const patterns = phonePatterns(PATTERN_BASE);

export const phone: DetectorDefinition = {
  id: 'phone',
  class: 'phone',
  authority: 'NANPA',
  summary:
    'Telephone numbers of the North American plan, written (212) 555-2671, 212-555-2671, ' +
    '212.555.2671 or +1 212 555 2671 with optional extensions, and international +CC ' +
    'numbers near a phone word.',
  limitations:
    'Numbers of other plans count only when written with a plus and a phone word nearby; ' +
    'seven-digit local numbers without an area code and numbers spelled with letters ' +
    '(1-800-FLOWERS) are not found.',
  patterns,
  validate: (value, facts) => {
    const shape = checkShape(value, facts);
    if (shape === false) return false;
    if (shape === 'fictional') return FICTIONAL_CONFIDENCE;
    if (shape === 'unassignable') {
      return nearestLabel(facts, false) === 'phone' ? UNASSIGNABLE_CONFIDENCE : false;
    }
    const base = patterns.find((p) => p.name === facts.pattern)?.confidence ?? 0;
    // The fax detector reports this span instead; phone stays as the fallback when `fax`
    // is excluded from a scanner.
    return nearestLabel(facts) === 'fax' ? base - FAX_LABEL_PENALTY : true;
  },
  context: [
    {
      words: [
        'phone',
        'ph',
        'tel',
        'telephone',
        'cell',
        'cellular',
        'cellphone',
        'office',
        'beeper',
        'mobile',
        'mob',
        'call',
        'called',
        'text',
        'pager',
        'contact',
        'reach',
        'home',
        'work',
        'daytime',
        'voicemail',
        'callback',
        'call back',
        'phone number',
        'tel no',
      ],
      effect: 'raise',
    },
    {
      words: [
        'order',
        'invoice',
        'tracking',
        'account',
        'acct',
        'mrn',
        'ssn',
        'npi',
        'claim',
        'policy',
        'member id',
        'isbn',
        'serial',
        'routing',
        'confirmation',
        'ticket',
        'case no',
        'reference',
        'ref',
        'po',
        'sku',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'Call me at (212) 555-2147 after 5.', value: '(212) 555-2147' },
      { text: 'Patient cell: 646-555-2188', value: '646-555-2188' },
      { text: 'Home 415.555.2671', value: '415.555.2671', why: 'dotted form' },
      { text: 'reach her at +1 312 555 7741 today', value: '+1 312 555 7741' },
      {
        text: 'Tel 1-800-555-8255 ext. 12',
        value: '1-800-555-8255 ext. 12',
        why: 'extension kept',
      },
      { text: 'Phone: 2125554821', value: '2125554821', why: 'bare ten digits by a phone word' },
      {
        text: 'Daughter (cell) 718 - 555 - 3390',
        value: '718 - 555 - 3390',
        why: 'spaces around separators are normalised',
      },
      {
        text: 'Mobile: +44 20 7946 0958',
        value: '+44 20 7946 0958',
        why: 'E.164 with a phone word',
      },
      {
        text: 'Tel: 617-555-3123, Fax: 617-555-3190',
        value: '617-555-3123',
        why: 'the phone label is nearest, though a fax word follows',
      },
      { text: 'Please call (503)555-9012x45', value: '(503)555-9012x45' },
      {
        text: 'Cell ８０１-５５５-６６２０',
        value: '８０１-５５５-６６２０',
        why: 'full-width digits',
      },
      { text: 'Home phone 303 555-8832', value: '303 555-8832', why: 'space then dash' },
      {
        text: 'Phone: 555-123-4567',
        value: '555-123-4567',
        why: 'not assignable, but a phone label stands before it',
      },
      { text: 'CELLULAR-410 202-6694', value: '410 202-6694', why: 'a label run into the number' },
      { text: 'son called (201-223-4867) today', value: '201-223-4867', why: 'in brackets' },
      {
        text: 'wife (201/324/1423) confirms',
        value: '201/324/1423',
        why: 'slashes between groups',
      },
    ],
    negative: [
      { text: 'Call (212) 555-0147 for a demo', why: '555-01xx is the fictional block' },
      { text: 'Order 212-555-4147-33 shipped', why: 'part of a longer reference number' },
      { text: 'Code 911-555-1234', why: 'area code N11 without a phone label' },
      { text: 'Item 212-911-4821', why: 'exchange N11 without a phone label' },
      { text: 'Batch 112-555-2671', why: 'area codes never start with 1' },
      { text: 'Lot 212-055-2671 recalled', why: 'exchanges never start with 0' },
      { text: 'Call 555-0147 for details', why: 'seven digits without an area code' },
      { text: 'Dial 1-201-555-0123 anytime', why: 'the fictional block with a country prefix' },
      { text: 'Fax: 617-555-3190', why: 'a fax label makes it a fax number' },
      { text: 'Account 2125554821 is overdue', why: 'ten bare digits without a phone word' },
      { text: 'Invoice 212-555-4821 attached', why: 'an invoice number in phone shape' },
      { text: 'SSN 219-45-6789', why: 'an SSN is three, two and four digits' },
      { text: 'Part 296-555-1234', why: 'area codes N9X are reserved' },
      { text: 'Phone: 123-456-7890', why: 'a placeholder run of digits' },
      { text: 'Phone (000) 000-0000', why: 'a placeholder of zeros' },
      { text: 'Cell: 234-567-8901', why: 'an assignable number that is a straight run' },
    ],
  },
};
