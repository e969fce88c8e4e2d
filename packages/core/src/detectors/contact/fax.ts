import type { DetectorDefinition } from '../../detector/types.js';
import { checkShape, nearestLabel, phonePatterns } from './phone-shape.js';

/** See `phone`: the fictional 555-01xx block rings no fax machine either. */
const FICTIONAL_CONFIDENCE = 0.1;

/** See `phone`: a labelled number NANPA could not have assigned is kept, lower. */
const UNASSIGNABLE_CONFIDENCE = 0.3;

/**
 * Same shapes and base confidence as `phone`, but a fax word must stand nearest the
 * number, and its context raises more than a phone word does, so for one span `fax` ends
 * above `phone` and wins the overlap.
 */
const patterns = phonePatterns({
  parens: 0.55,
  dashed: 0.55,
  dotted: 0.45,
  slashed: 0.35,
  spaced: 0.4,
  bare: 0.3,
  international: 0.35,
}).map((p) => ({ ...p, requiresContext: true }));

export const fax: DetectorDefinition = {
  id: 'fax',
  class: 'fax',
  authority: 'NANPA',
  summary:
    'Fax numbers: phone-shaped numbers whose nearest label is a fax word ' +
    '(Fax, F:, facsimile), in the forms the phone detector knows.',
  limitations:
    'A number under a heading such as "Fax numbers" several lines up, or in a table ' +
    'column named Fax, is reported as a phone number, since only labels within a few ' +
    'words count.',
  patterns,
  validate: (value, facts) => {
    const shape = checkShape(value, facts);
    if (shape === false || nearestLabel(facts) !== 'fax') return false;
    if (shape === 'unassignable') {
      return nearestLabel(facts, false) === 'fax' ? UNASSIGNABLE_CONFIDENCE : false;
    }
    return shape === 'fictional' ? FICTIONAL_CONFIDENCE : true;
  },
  context: [
    {
      words: ['fax', 'f', 'facsimile', 'fx', 'telefax', 'telecopier', 'fax no', 'fax number'],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: ['order', 'invoice', 'tracking', 'account', 'acct', 'mrn', 'claim', 'ref'],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      { text: 'Fax: (212) 555-2148', value: '(212) 555-2148' },
      { text: 'F: 646-555-2189', value: '646-555-2189', why: 'F: as in a signature block' },
      {
        text: 'Tel: 617-555-3123, Fax: 617-555-3190',
        value: '617-555-3190',
        why: 'the fax label is nearest, though a phone word comes first',
      },
      { text: 'please fax records to 415.555.2672', value: '415.555.2672' },
      { text: 'Facsimile +1 312 555 7742', value: '+1 312 555 7742' },
      { text: 'Fax 2125554822', value: '2125554822', why: 'bare digits by a fax word' },
      { text: 'fax no. 1-800-555-8256', value: '1-800-555-8256' },
      { text: 'Fax: +44 20 7946 0959', value: '+44 20 7946 0959', why: 'international' },
      { text: 'Send to 718-555-3391 (fax)', value: '718-555-3391', why: 'label after the number' },
      {
        text: 'Phone/Fax: 503-555-9013',
        value: '503-555-9013',
        why: 'the word nearest the number is fax',
      },
      { text: 'FX 303 555-8833', value: '303 555-8833' },
    ],
    negative: [
      { text: 'Phone: 617-555-3123', why: 'a phone word, no fax word' },
      { text: 'Tel: 617-555-3123 (fax on request)', why: 'the phone label is nearest' },
      { text: 'Fax: 123-456-7890', why: 'a placeholder run of digits' },
      {
        text: 'Lot 212-055-1234 by fax',
        why: 'exchange starting with 0 and no fax label before it',
      },
      { text: 'Fax: (212) 555-0147', why: 'the fictional 555-01xx block' },
      { text: 'Our fax machine is broken; call 646-555-2189', why: 'the call label is nearer' },
      { text: 'Fax order 212-555-4147-33', why: 'part of a longer number' },
      { text: 'Fax 555-2189', why: 'seven digits, no area code' },
      { text: 'Fax cover sheet, page 2 of 3', why: 'a fax word with no number' },
      { text: 'Invoice 2125554822, see fax', why: 'bare digits labelled as an invoice' },
      { text: 'Faxed on 03/05/2021', why: 'a date, not a number to dial' },
    ],
  },
};
