import type { DetectorDefinition } from '../../detector/types.js';
import { NEVER_NAMES } from '../people/lexicon.js';
import { STREET_SUFFIXES } from './gazetteer.js';

/** Longest first, so "Avenue" is tried before "Ave" where both could end the match. */
const suffixes = [...STREET_SUFFIXES].sort((a, b) => b.length - a.length);
const titleSuffixes = suffixes.map((s) => s[0]!.toUpperCase() + s.slice(1)).join('|');

/**
 * In capitals only the everyday suffixes count: notes in capitals are full of "SR", "VIA"
 * and "PARK" after numbers, and rarely hold an address with a rare suffix. "ST" and "CT"
 * are left out too (ST segment, chest tube), so "55 ELM ST" in capitals is not found.
 */
const upperSuffixes = [
  'STREET',
  'AVENUE',
  'AVE',
  'ROAD',
  'RD',
  'DRIVE',
  'DR',
  'LANE',
  'LN',
  'BOULEVARD',
  'BLVD',
  'COURT',
  'PLACE',
  'PL',
  'TERRACE',
  'TER',
  'CIRCLE',
  'CIR',
  'HIGHWAY',
  'HWY',
  'PARKWAY',
  'PKWY',
  'WAY',
].join('|');

/** Small words that never stand inside a street name written in capitals and lower case. */
const NOT_STREET_WORDS_TITLE = new Set('to and of with via yr yrs x mg cc'.split(' '));

/** Words of notes that turn "67 YR OLD PT" or "20 MEQ KCL VIA" into a street. */
const NOT_STREET_WORDS = new Set([
  ...NEVER_NAMES,
  ...'yr yrs year years old day days cc ml meq mg mcg mins min hr hrs x units via sr'.split(' '),
]);

/** USPS secondary unit designators and the number sign, as written after a street. */
const UNIT_TITLE = '(?:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Fl|Floor|Bldg|Building|Lot|#)';
const UNIT_UPPER = '(?:APT|APARTMENT|SUITE|STE|UNIT|RM|ROOM|FL|FLOOR|BLDG|BUILDING|LOT|#)';

/** A house number: "123", "12-14", "221B". */
const NUMBER = '\\d{1,6}(?:-\\d{1,4})?[A-Z]?';
const DIRECTION = '(?: (?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|NORTH|SOUTH|EAST|WEST)\\.?)?';
const ORDINAL = '\\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)';

function address(word: string, suffix: string, unit: string): string {
  const unitPart = `(?:,? ${unit}\\.? ?#?[A-Za-z0-9-]{1,6}\\b)?`;
  return (
    `\\b(?P<value>${NUMBER}${DIRECTION} (?:${word}|${ORDINAL})(?: ${word}){0,3} ` +
    `(?:${suffix})\\b\\.?${unitPart})`
  );
}

export const streetAddress: DetectorDefinition = {
  id: 'street_address',
  class: 'location',
  authority: 'USPS',
  summary:
    'Street addresses: a house number, a street name and a USPS Publication 28 suffix ' +
    '(Street, Ave, Blvd...), with an optional unit, and PO boxes.',
  limitations:
    'Streets without a suffix ("123 Broadway"), rural routes and addresses outside the US ' +
    'are not found; the city and ZIP code after a street are found by their own detectors.',
  patterns: [
    {
      name: 'street',
      regex: address("\\p{Lu}[\\p{Ll}'’-]*", titleSuffixes, UNIT_TITLE),
      confidence: 0.8,
    },
    {
      name: 'street_capitals',
      regex: address("\\p{Lu}[\\p{Lu}'’-]*", upperSuffixes, UNIT_UPPER),
      confidence: 0.7,
    },
    {
      name: 'po_box',
      regex: '\\b(?P<value>(?:P\\.? ?O\\.?|Post Office) ?Box \\d{1,6})\\b',
      ignoreCase: true,
      confidence: 0.85,
    },
  ],
  validate: (value, facts) => {
    if (facts.pattern === 'po_box') return true;
    const stop = facts.pattern === 'street_capitals' ? NOT_STREET_WORDS : NOT_STREET_WORDS_TITLE;
    return value
      .toLowerCase()
      .split(/[^a-z']+/)
      .every((word) => !stop.has(word));
  },
  context: [
    {
      words: ['address', 'resides at', 'lives at', 'residing at', 'mail to', 'home'],
      effect: 'raise',
      weight: 0.15,
    },
    {
      words: ['dose', 'doses', 'tablets', 'units', 'mg', 'times'],
      effect: 'lower',
      weight: 0.3,
    },
  ],
  samples: {
    positive: [
      { text: 'who resides at 123 Maple Street in town', value: '123 Maple Street' },
      { text: 'residing at 789 Pine St., Apt 4B next door', value: '789 Pine St., Apt 4B' },
      { text: 'Mail to 1600 Pennsylvania Ave NW please', value: '1600 Pennsylvania Ave' },
      { text: 'Lives at 42 W. 3rd St with family', value: '42 W. 3rd St' },
      { text: 'ADDRESS: 55 ELM AVENUE, BOSTON', value: '55 ELM AVENUE' },
      { text: 'Send records to PO Box 1234, Dallas', value: 'PO Box 1234' },
      { text: 'P.O. Box 77 is the billing address', value: 'P.O. Box 77' },
      { text: 'home at 12 Old Mill Road since 2001', value: '12 Old Mill Road' },
      { text: 'office: 900 Lake Shore Dr Suite 200', value: '900 Lake Shore Dr Suite 200' },
      { text: 'at 2505 Highland Blvd. near the park', value: '2505 Highland Blvd.' },
      { text: 'moved to 8 Cherry Ln last week', value: '8 Cherry Ln' },
    ],
    negative: [
      { text: 'gave 2 units of blood today', why: 'lower-case words after a number' },
      { text: 'Take 3 Tylenol tablets daily', why: 'no street suffix' },
      { text: 'She is 45 Years old', why: 'a word that is no suffix' },
      { text: 'See page 12 Main findings', why: 'no suffix after the name' },
      { text: 'ROOM 12 BED 2', why: 'a room, not a street' },
      { text: 'BP 120 OVER 80', why: 'vital signs in capitals' },
      { text: 'Flight 227 Boston Logan', why: 'a flight, no suffix' },
      { text: 'Version 2 Park release notes', why: 'a single capitalised word then suffix?' },
      { text: 'box of 12 gloves', why: 'a box that is no PO box' },
      { text: 'Order 5 Crest toothpaste', why: 'a brand that is a suffix, lower-cased after' },
    ],
  },
};
