import type { DetectorDefinition } from '../../detector/types.js';

/**
 * A plate as issued: letters and digits, at most eight, with one space or dash inside.
 * Case matters: plates are printed in capitals, and a lower-case word after "tag" is prose.
 */
const PLATE = '(?P<value>[A-Z0-9]{1,4}[- ]?[A-Z0-9]{1,4})\\b';

/** The word that makes a label name a number: `#`, `no.`, `number`. */
const NUMBER_WORD = '(?:\\s*(?:#|no\\.?|number|num))';

/**
 * `plate` and `registration` introduce a plate by themselves; `tag` and `reg` mean too many
 * other things (a price tag, a release tag) and count only with a number word after them.
 */
const PLATE_LABEL = `(?i:\\b(?:licen[cs]e\\s+plates?|plates?|registration)${NUMBER_WORD}?)`;
const TAG_LABEL = `(?i:\\b(?:tag|reg)${NUMBER_WORD})`;

/** A year (`plate 2021`) says when, not which car. */
const YEAR = /^(?:19|20)\d{2}$/;

export const licensePlate: DetectorDefinition = {
  id: 'license_plate',
  class: 'vehicle_id',
  authority: 'convention',
  summary:
    'Vehicle licence plate numbers written after a plate label: "license plate 7ABC123", ' +
    '"plate #: XYZ-1234", "tag no. 4GHT22".',
  limitations:
    'Plates without a label, vanity plates without a digit, and plates written with more ' +
    'than one space or dash are not found; the state or country is not read.',
  patterns: [
    {
      name: 'plate_label',
      regex: `${PLATE_LABEL}[\\s:#]{1,4}${PLATE}`,
      confidence: 0.5,
      requiresContext: true,
    },
    {
      name: 'tag_label',
      regex: `${TAG_LABEL}[\\s:.#]{0,4}${PLATE}`,
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  validate: (value) => {
    const chars = value.replace(/[- ]/g, '');
    if (chars.length < 4 || !/\d/.test(chars) || YEAR.test(chars)) return false;
    return true;
  },
  context: [
    {
      words: [
        'plate',
        'plates',
        'license plate',
        'licence plate',
        'tag',
        'registration',
        'vehicle',
        'car',
        'truck',
        'drove',
        'driving',
        'parked',
        'parking',
        'dmv',
        'accident',
        'mva',
      ],
      effect: 'raise',
      weight: 0.3,
    },
    {
      words: [
        'conference',
        'course',
        'event',
        'webinar',
        'class',
        'promo',
        'ticket',
        'order',
        'version',
        'release',
        'git',
        'asset',
        'inventory',
        'price',
        'name tag',
      ],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'License plate 7ABC123 (CA)', value: '7ABC123' },
      { text: 'plate #: XYZ-1234', value: 'XYZ-1234' },
      { text: 'Tag no. 4GHT22 per police report', value: '4GHT22' },
      { text: 'her car, plate ABC 1234, was towed', value: 'ABC 1234' },
      { text: 'Licence plate: AB12 CDE', value: 'AB12 CDE', why: 'a UK plate' },
      { text: 'plate number 8KJM455', value: '8KJM455' },
      { text: 'MVA, other vehicle tag # 2BX9921', value: '2BX9921' },
      { text: 'Registration: 6TRJ244 parked in lot B', value: '6TRJ244' },
      { text: 'PLATE NO 123456', value: '123456', why: 'all digits, as some states issue' },
      { text: 'plates: NY-4421', value: 'NY-4421' },
    ],
    negative: [
      { text: 'plate 2021 model', why: 'a year after the label' },
      { text: 'Tag: URGENT', why: 'a word, no digit' },
      { text: 'dinner plate 3', why: 'too short for a plate' },
      { text: 'License number 7ABC123', why: 'a licence number, not a plate label' },
      { text: 'Conference registration number A1234', why: 'an event registration' },
      { text: 'tag v1.2.3 pushed to git', why: 'a release tag' },
      { text: 'Price tag 4599', why: 'a price tag has no number word' },
      { text: '7ABC123 was parked outside', why: 'no plate label' },
      { text: 'plate: abc1234', why: 'lower case is prose' },
      { text: 'Platelets 150000', why: 'a lab value' },
      { text: 'asset tag # 4GHT22 in inventory', why: 'an asset tag' },
    ],
  },
};
