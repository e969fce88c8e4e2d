import type { DetectorDefinition } from '../../detector/types.js';

/**
 * Safe Harbor keeps ages up to 89 and asks only that ages over 89 be pooled into "90 or
 * older" (45 CFR 164.514(b)(2)(i)(C)). An age above this is implausible for a person.
 */
const OLDEST_AGE = 90;
const MAX_PLAUSIBLE_AGE = 125;

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Ages written in words, 90 to 109: "ninety", "ninety-two", "one hundred and one". */
const AGE_WORDS =
  `(?:ninety(?:[- ](?:${UNITS.join('|')}))?|` +
  `(?:one\\s)?hundred(?:\\s(?:and\\s)?(?:${UNITS.join('|')}))?)`;

/** What may follow a number of years to make it an age: "-year-old", " yo", " y/o". */
const YEARS_OLD = '[\\s-]?(?:years?|yrs?|yr)[\\s-]old\\b';
const YO = '\\s?(?:yo|y/o|y\\.o)\\b';

const WORD_VALUES: Record<string, number> = Object.fromEntries(
  UNITS.map((unit, index) => [unit, index + 1]),
);

/** The number an age as written stands for: `92`, `ninety-two`, `one hundred and one`. */
export function ageValue(value: string): number | undefined {
  const text = value.toLowerCase().trim();
  if (/^\d{1,3}$/.test(text)) return Number(text);
  if (/^\d{2,3}'?s$/.test(text)) return Number(text.replace(/\D/g, ''));
  const words = text.split(/[\s-]+/).filter((w) => w !== 'and' && w !== 'one');
  if (words[0] === 'ninety') return 90 + (WORD_VALUES[words[1] ?? ''] ?? 0);
  if (words[0] === 'hundred') return 100 + (WORD_VALUES[words[1] ?? ''] ?? 0);
  return undefined;
}

/** Units after "aged 100" that make it no age in years: "aged 100 days". */
const OTHER_UNIT = /^\s*(?:days?|d|weeks?|wks?|months?|mos?|hours?|hrs?|minutes?|mins?)\b/i;

/**
 * "90+", "90 or older", "over 90", ">= 90": the pooled category Safe Harbor itself asks
 * for, which says nothing about one person.
 */
const POOLED_AFTER = /^\s*(?:\+|or\s+(?:older|over|above|more)|and\s+(?:older|over|above|up))/i;
const POOLED_BEFORE = /(?:over|above|older than|>=?|≥)\s*$/i;

export const age: DetectorDefinition = {
  id: 'age',
  class: 'age',
  authority: 'HHS',
  summary:
    'Ages over 89, the ones Safe Harbor treats as identifying: "92-year-old", "age 95", ' +
    '"96 yo", "aged 101", "ninety-three years old", "in her 90s".',
  limitations:
    'Ages of 89 and under are not reported, by design; a bare number with no age word ' +
    '("patient is 94") and ages given as a birth year are not found.',
  patterns: [
    {
      name: 'years_old',
      regex: `\\b(?P<value>\\d{2,3})${YEARS_OLD}`,
      ignoreCase: true,
      confidence: 0.85,
    },
    { name: 'yo', regex: `\\b(?P<value>\\d{2,3})${YO}`, ignoreCase: true, confidence: 0.8 },
    {
      name: 'years_of_age',
      regex: '\\b(?P<value>\\d{2,3})\\s(?:years?|yrs?)\\s(?:of\\s)?age\\b',
      ignoreCase: true,
      confidence: 0.85,
    },
    {
      name: 'labelled',
      regex: '\\b(?:age|aged)\\b[\\s:]{0,3}(?:is\\s)?(?P<value>\\d{2,3})\\b',
      ignoreCase: true,
      confidence: 0.8,
    },
    {
      name: 'in_words',
      regex: `\\b(?P<value>${AGE_WORDS})${YEARS_OLD}`,
      ignoreCase: true,
      confidence: 0.85,
    },
    {
      name: 'decade',
      regex: "\\b(?:his|her|their|in\\sthe|mid|late|early)[\\s-](?P<value>(?:9|10|11)0'?s)\\b",
      ignoreCase: true,
      confidence: 0.6,
    },
  ],
  validate: (value, facts) => {
    const years = ageValue(value);
    if (years === undefined || years < OLDEST_AGE || years > MAX_PLAUSIBLE_AGE) return false;
    const after = facts.text.slice(facts.end, facts.end + 20);
    const before = facts.text.slice(Math.max(0, facts.start - 15), facts.start);
    if (facts.pattern === 'labelled' && OTHER_UNIT.test(after)) return false;
    if (POOLED_AFTER.test(after) || POOLED_BEFORE.test(before)) return false;
    return true;
  },
  context: [
    {
      words: [
        'patient',
        'pt',
        'resident',
        'woman',
        'man',
        'female',
        'male',
        'grandmother',
        'widow',
      ],
      effect: 'raise',
      weight: 0.1,
    },
    {
      words: [
        'building',
        'house',
        'tree',
        'company',
        'tradition',
        'church',
        'bridge',
        'anniversary',
        'founded',
        'history',
        'centennial',
        'bottle',
        'whisky',
        'wine',
      ],
      effect: 'lower',
      weight: 0.5,
    },
  ],
  samples: {
    positive: [
      { text: 'a 92-year-old woman with CHF', value: '92' },
      { text: 'Age 95, lives alone', value: '95' },
      { text: 'Pt is a 96 yo male', value: '96' },
      { text: 'aged 101 at admission', value: '101' },
      { text: 'Ninety-three year old widow', value: 'Ninety-three' },
      {
        text: 'patient in her 90s, frail',
        value: '90s',
        why: 'a decade over 89 points at one person',
      },
      { text: '97 y/o F presents with fall', value: '97' },
      { text: 'He is 99 years of age', value: '99' },
      { text: 'AGE: 104', value: '104' },
      { text: 'a one hundred and two year old resident', value: 'one hundred and two' },
      { text: '90 yrs old, hard of hearing', value: '90', why: 'ninety is the first age reported' },
      { text: 'age ９１ per chart', value: '９１', why: 'full-width digits' },
    ],
    negative: [
      { text: 'a 45-year-old man', why: 'an age under 90 is allowed' },
      { text: 'Age 89, stable', why: 'the oldest age Safe Harbor keeps' },
      { text: 'aged 100 days at surgery', why: 'an age in days' },
      { text: 'patients aged 90 and older', why: 'the pooled category itself' },
      { text: 'Age 90+ cohort', why: 'the pooled category, written with a plus' },
      { text: 'a 100-year-old building downtown', why: 'the age of a building' },
      { text: 'age 150', why: 'not a plausible human age' },
      { text: 'Founded 120 years ago', why: 'years ago is no age' },
      { text: 'Room 95, bed 2', why: 'a number with no age word' },
      { text: 'in the 1990s', why: 'a decade of the calendar' },
      { text: 'over 90 years old', why: 'over 90 is the pooled category' },
      { text: 'a 12-year-old whisky', why: 'under 90 and a bottle' },
    ],
  },
};
