import type { DetectorDefinition } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';
import { STATE_CODES } from './gazetteer.js';

export const zipCode: DetectorDefinition = {
  id: 'zip_code',
  class: 'location',
  authority: 'USPS',
  summary: 'US ZIP codes, five digits or ZIP+4, after a state code or near a ZIP word.',
  limitations:
    'Five digits alone are a ZIP code only after a state code or near "zip" or "postal"; a ' +
    'ZIP code written with nothing around it is not found, since most such numbers are not.',
  patterns: [
    {
      name: 'after_state',
      // After a word ("Boston, MA"), so a code at the start of a line is not taken alone.
      regex: `[\\p{L}.],? (?:${STATE_CODES})\\.?,? (?P<value>\\d{5}(?:-\\d{4})?)\\b`,
      confidence: 0.85,
    },
    {
      name: 'labelled',
      regex: '\\b(?P<value>\\d{5}(?:-\\d{4})?)\\b',
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  validate: (_value, facts) => standsAlone(facts),
  context: [
    {
      words: ['zip', 'zip code', 'zipcode', 'postal code', 'postcode', 'zip+4'],
      effect: 'raise',
      weight: 0.4,
    },
    {
      words: ['mrn', 'account', 'acct', 'member', 'id', 'order', 'phone', 'invoice', 'claim'],
      effect: 'lower',
      weight: 0.3,
    },
  ],
  window: { before: 20, after: 10 },
  samples: {
    positive: [
      { text: 'Boston, MA 02115', value: '02115', why: 'after a state code' },
      { text: 'Fresno, CA 93721-1234', value: '93721-1234', why: 'ZIP+4' },
      { text: 'ZIP: 60614', value: '60614', why: 'labelled' },
      { text: 'zip code 10027 on the form', value: '10027' },
      { text: 'Houston TX 77030', value: '77030', why: 'no comma' },
      { text: 'Postal code: 98101-2345', value: '98101-2345' },
      { text: 'Seattle, WA, 98104', value: '98104', why: 'comma before the ZIP' },
      { text: 'Rockville, MD 20850, USA', value: '20850' },
      { text: 'Our zipcode is 94110.', value: '94110' },
      { text: 'NEW YORK, NY 10016', value: '10016' },
    ],
    negative: [
      { text: 'MRN 12345 on file', why: 'five digits near an MRN word' },
      { text: 'Order 54321 shipped', why: 'no ZIP word or state' },
      { text: 'WBC 11000 this am', why: 'a lab value' },
      { text: 'zip 123456 is too long', why: 'six digits' },
      { text: 'Phone 555-12345-6789', why: 'part of a longer number' },
      { text: 'Claim ID 12345-6789 on file', why: 'a claim number' },
      { text: 'Heparin 25000 units', why: 'a dose' },
      { text: 'in 2023 we paid 10000', why: 'amounts' },
      { text: 'ME 12345 was the old code', why: 'a state code with no place before it' },
      { text: 'Study NCT 04567 enrolled', why: 'a trial number' },
    ],
  },
};
