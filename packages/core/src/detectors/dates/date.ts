import type { DetectorDefinition, MatchFacts, Verdict } from '../../detector/types.js';
import { standsAlone } from '../../validate/standalone.js';
import { canonicalDate, MONTH_NAMES, parseDate } from './date-parts.js';

/** Up to three spaces, or a line break, between the words of a written date. */
const GAP = '\\s{1,3}';

/** A comma and a four-digit year after the day or month: `, 2021` or ` 2021`. */
const YEAR = `(?:,?${GAP}(?P<y>\\d{4}))`;

/** Day of the month with an optional ordinal suffix: `5`, `05`, `5th`, `22nd`. */
const DAY = '(?P<d>\\d{1,2})(?:st|nd|rd|th)?';
const MONTH = `(?P<mon>${MONTH_NAMES})`;

/**
 * Confidence by how the date is written. A month name makes a date unmistakable; numbers
 * with a four-digit year are nearly so; two-digit years and dashes or dots are shared
 * with part numbers, scores and versions.
 */
const CONFIDENCE = {
  written: 0.75,
  writtenWithoutYear: 0.5,
  numeric: 0.6,
  numericShortYear: 0.5,
  numericShortYearDashed: 0.4,
  monthYear: 0.3,
  timestamp: 0.3,
  mailDate: 0.3,
  monthDay: 0.4,
} as const;

/**
 * A time with seconds right after an ISO date (`2021-03-05 10:22:01`) is how logs and
 * machines stamp events; people noting a visit do not write seconds. The `T` form
 * (`2021-03-05T10:22:01Z`) never matches at all, as no word boundary precedes the `T`.
 */
const TIMESTAMP_TAIL = /^[T ]\d{2}:\d{2}:\d{2}/;

/**
 * The date a quoted message was sent (`Sent: Friday, March 5, 2021 10:22 AM`, or a header
 * date with seconds and a zone, `5 Mar 2021 10:22:01 +0000`) dates the mail, not care.
 */
const SENT_LINE = /(?:^|\n)\s*sent\s*:[^\n]*$/i;
const DATE_LINE = /(?:^|\n)\s*date\s*:[^\n]*$/i;
const HEADER_TIME = /^,?\s+\d{1,2}:\d{2}:\d{2}\s*(?:[+-]\d{4}|gmt|utc)/i;

/** How far back the start of a `Sent:` or `Date:` line is looked for. */
const HEADER_REACH = 40;

function isMailDate(facts: MatchFacts): boolean {
  const line = facts.text.slice(Math.max(0, facts.start - HEADER_REACH), facts.start);
  if (SENT_LINE.test(line)) return true;
  return DATE_LINE.test(line) && HEADER_TIME.test(facts.text.slice(facts.end, facts.end + 30));
}

/**
 * Words next to a month/day pair that show it is a fraction or a score: `1/2 tab`,
 * `strength 4/5`, `pain 10/10`, `PS 10/5`.
 */
const FRACTION_AFTER = new RegExp(
  '^\\s*(?:tabs?|tablets?|caps?|cups?|tsp|tbsp|of|strength|pain|inch|in\\b|mg|ml|%|x\\b|' +
    'ns\\b|fio2|psv|peep|blood|cx|cultures?)',
  'i',
);
const FRACTION_BEFORE = new RegExp(
  '(?:\\b(?:strength|pain|motor|score|power|scale|gcs|ratio|ps|psv|peep|cpap|bipap|vent|d5|' +
    'bp|about|approx|take|rated))\\W*$',
  'i',
);

/** Money signs before a number: `$12.10.20` is no date. */
const CURRENCY = /[$€£¥]/;

function numericVerdict(value: string, facts: MatchFacts): Verdict {
  if (!standsAlone(facts) || CURRENCY.test(facts.text[facts.start - 1] ?? '')) return false;
  if (facts.pattern === 'iso') {
    return TIMESTAMP_TAIL.test(facts.text.slice(facts.end, facts.end + 9))
      ? CONFIDENCE.timestamp
      : true;
  }
  if (facts.pattern === 'numeric') {
    const shortYear = /\D\d{2}$/.test(value);
    if (!shortYear) return true;
    return value.includes('/') ? CONFIDENCE.numericShortYear : CONFIDENCE.numericShortYearDashed;
  }
  return true;
}

function monthDayVerdict(facts: MatchFacts): Verdict {
  if (!standsAlone(facts)) return false;
  const after = facts.text.slice(facts.end, facts.end + 12);
  const before = facts.text.slice(Math.max(0, facts.start - 12), facts.start);
  return !FRACTION_AFTER.test(after) && !FRACTION_BEFORE.test(before);
}

function writtenVerdict(value: string, facts: MatchFacts): Verdict {
  const hasYear = facts.groups.y !== undefined && facts.groups.y !== '';
  if (facts.pattern === 'month_year' || hasYear) return true;
  // Without a year, "may 10" and "march 5" are far more often a verb and a number than a
  // date; only a capitalised month name counts.
  const month = facts.groups.mon ?? '';
  if (!/^[A-Z]/.test(month)) return false;
  return /\d/.test(value) ? CONFIDENCE.writtenWithoutYear : false;
}

export const date: DetectorDefinition = {
  id: 'date',
  class: 'date',
  authority: 'convention',
  summary:
    'Calendar dates written with numbers (03/05/2021, 3/5/21, 2021-03-05, 05.03.2021) or a ' +
    'month name (March 5, 2021; 5 Mar 2021; Mar. 5; 05-MAR-2021), checked against the ' +
    'calendar, with the role (birth, service, admission, discharge, death) nearby words show.',
  limitations:
    'Years alone are not dates here (Safe Harbor allows them); a month and day without a ' +
    'year (8/23) reaches medium only beside a date word or an abbreviation of care (S/P, ' +
    'F/U, d/c); dates in words ("the fifth of March") and relative dates ("last Tuesday") ' +
    'are not found; ambiguous numeric dates are read month first unless written with dots.',
  patterns: [
    {
      name: 'numeric',
      // Mixed separators (03/05-2021) match here and are rejected by `parseDate`.
      regex: '\\b(?P<value>\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2}))\\b',
      confidence: CONFIDENCE.numeric,
    },
    {
      name: 'iso',
      regex: '\\b(?P<value>\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})\\b',
      confidence: CONFIDENCE.numeric,
    },
    {
      name: 'compact',
      regex: '\\b(?P<value>(?:18|19|20)\\d{6})\\b',
      confidence: 0.3,
      requiresContext: true,
    },
    {
      name: 'month_day_year',
      regex: `\\b(?P<value>${MONTH}\\.?${GAP}${DAY}${YEAR}?)\\b`,
      ignoreCase: true,
      confidence: CONFIDENCE.written,
    },
    {
      name: 'day_month_year',
      regex: `\\b(?P<value>${DAY}${GAP}(?:of${GAP})?${MONTH}\\.?${YEAR}?)\\b`,
      ignoreCase: true,
      confidence: CONFIDENCE.written,
    },
    {
      name: 'day_mon_year',
      regex: `\\b(?P<value>(?P<d>\\d{1,2})[-/]?${MONTH}[-/]?(?P<y>\\d{4}|\\d{2}))\\b`,
      ignoreCase: true,
      confidence: CONFIDENCE.written,
    },
    {
      name: 'month_year',
      regex: `\\b(?P<value>${MONTH}\\.?,?\\s{1,3}(?P<y>\\d{4}))\\b`,
      ignoreCase: true,
      confidence: CONFIDENCE.monthYear,
    },
    {
      // Month and day without a year (`8/23`), as clinical notes write dates of care. It
      // shares its shape with fractions and scores, so it starts low and needs a date word.
      name: 'numeric_month_day',
      regex: '\\b(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01]))\\b',
      confidence: CONFIDENCE.monthDay,
    },
    {
      name: 'numeric_month_year',
      regex: '\\b(?P<value>(?:0?[1-9]|1[0-2])/\\d{4})\\b',
      confidence: CONFIDENCE.monthYear,
    },
  ],
  validate: (value, facts) => {
    if (!parseDate(value)) return false;
    if (facts.text[facts.end] === '%') return false;
    if (facts.pattern === 'numeric_month_day') return monthDayVerdict(facts);
    if (isMailDate(facts)) return CONFIDENCE.mailDate;
    const numeric = /^\d/.test(value) && !/[A-Za-z]/.test(value);
    if (numeric && facts.pattern !== 'numeric_month_year') return numericVerdict(value, facts);
    if (numeric) return standsAlone(facts);
    return writtenVerdict(value, facts);
  },
  canonical: canonicalDate,
  // Reply headers put the sender's name and address between the date and "wrote".
  window: { before: 60, after: 60 },
  context: [
    {
      words: [
        'dob',
        'd o b',
        'date of birth',
        'birth date',
        'birthdate',
        'born',
        'birthday',
        'b d',
      ],
      effect: 'raise',
      role: 'birth',
    },
    {
      words: [
        'dos',
        'date of service',
        'service date',
        'seen on',
        'seen',
        'visit',
        'visited',
        'appointment',
        'appt',
        'encounter',
        'follow up on',
      ],
      effect: 'raise',
      role: 'service',
    },
    {
      words: ['admitted', 'admit date', 'admission', 'date of admission', 'adm date', 'admit'],
      effect: 'raise',
      role: 'admission',
    },
    {
      words: [
        'discharged',
        'discharge',
        'discharge date',
        'date of discharge',
        'd c date',
        'disch',
      ],
      effect: 'raise',
      role: 'discharge',
    },
    {
      words: ['died', 'expired', 'date of death', 'dod', 'deceased', 'death', 'passed away'],
      effect: 'raise',
      role: 'death',
    },
    { words: ['date', 'dated', 'on', 'until', 'since', 'as of'], effect: 'raise', weight: 0.15 },
    // Care notes date events with the abbreviations of care: `S/P CABG 10/16`, `F/U 7/24`,
    // `IABP d/c 7/26`, `dialysis 8/15`, `from 9/16 to 9/20`.
    {
      words: [
        's p',
        'f u',
        'd c',
        'd c d',
        'dc d',
        'from',
        'through',
        'thru',
        'transferred',
        'readmitted',
        'adm',
        'dialysis',
        'cultured',
        'cabg',
        'ptca',
        'stent',
        'cath',
        'surgery',
        'intubated',
        'extubated',
        'will follow',
        'went to',
        'done',
        'last',
        'placed',
        'dced',
      ],
      effect: 'raise',
      weight: 0.15,
    },
    {
      words: [
        'version',
        'ver',
        'build',
        'release',
        'rev',
        'firmware',
        'isbn',
        'exp',
        'expires',
        'expiry',
        'expiration',
        'valid thru',
        'good thru',
        'wrote',
        'forwarded message',
        'original message',
        'copyright',
        'last modified',
        'printed',
      ],
      effect: 'lower',
      weight: 0.5,
    },
  ],
  samples: {
    positive: [
      { text: 'DOB: 03/05/1950', value: '03/05/1950', role: 'birth' },
      { text: 'Date of birth 5 March 1950', value: '5 March 1950', role: 'birth' },
      { text: 'born on March 5th, 1950 in Ohio', value: 'March 5th, 1950', role: 'birth' },
      { text: 'Seen on 2021-03-05 for follow-up', value: '2021-03-05', role: 'service' },
      { text: 'DOS 4/12/21', value: '4/12/21', role: 'service', why: 'two-digit year' },
      {
        text: 'Admitted 31.03.2021 via ED',
        value: '31.03.2021',
        role: 'admission',
        why: 'day first with dots',
      },
      { text: 'Discharge date: Mar. 9, 2021', value: 'Mar. 9, 2021', role: 'discharge' },
      {
        text: 'Date of death: 02/29/2024',
        value: '02/29/2024',
        role: 'death',
        why: 'leap day in a leap year',
      },
      { text: 'expired on 07-JAN-2022 at 04:10', value: '07-JAN-2022', role: 'death' },
      { text: 'Next visit Mar. 5, room 4', value: 'Mar. 5', role: 'service', why: 'no year' },
      { text: 'DOB 19500305', value: '19500305', role: 'birth', why: 'compact, by a DOB word' },
      {
        text: 'DOB 12/03/1950; seen 04/01/2021',
        value: '04/01/2021',
        role: 'service',
        why: 'the nearest role word wins',
      },
      {
        text: 'D.O.B. ０３/０５/１９５０',
        value: '０３/０５/１９５０',
        role: 'birth',
        why: 'full-width digits, dotted label',
      },
      { text: 'Pt seen 3 / 5 / 2021', value: '3 / 5 / 2021', why: 'spaced separators' },
      {
        text: 'admit 03/2021',
        value: '03/2021',
        role: 'admission',
        why: 'month and year with a role word',
      },
      {
        text: 'Surgery scheduled 25/12/2021',
        value: '25/12/2021',
        why: 'day first when the month cannot be 25',
      },
    ],
    negative: [
      { text: 'DOB: Feb 30, 2021', why: 'February has no 30th' },
      { text: 'DOB 02/29/2023', why: '2023 is not a leap year' },
      { text: 'Seen 13/13/2021', why: 'no month 13' },
      { text: 'Upgrade to version 1.10.22 today', why: 'a version number' },
      { text: 'Build 2021.03.05 is out', why: 'a build number in date shape' },
      { text: 'Logged 2021-03-05T10:22:01Z', why: 'an ISO 8601 machine timestamp' },
      { text: 'ERROR 2021-03-05 10:22:01 worker stopped', why: 'a log timestamp stays low' },
      { text: 'In 2021 we moved to Ohio', why: 'a year alone is allowed by Safe Harbor' },
      { text: 'Our March 2021 newsletter', why: 'month and year alone stay low' },
      { text: 'Invoice 12-10-2021-44', why: 'part of a longer number' },
      { text: 'They march 5 miles a day', why: 'lower-case month word without a year' },
      { text: 'you may 10 times a day', why: 'the verb may' },
      { text: 'Card exp 03/2027', why: 'a card expiry' },
      { text: 'Add 1/2 cup and 3/4 tsp', why: 'fractions' },
      {
        text: 'On Thu, Mar 5, 2021 at 10:22 AM Jane Roe <jr@mail.org> wrote:',
        why: 'a reply attribution dates the mail, not care',
      },
      { text: 'Total $10.12.20 due', why: 'a price-like number' },
      { text: 'Call 212-555-1234', why: 'a phone number' },
      {
        text: 'take 1/2 tab, then 3/4 cup',
        why: 'fractions of a tablet and a cup',
      },
      { text: 'strength 4/5 bilaterally', why: 'a motor strength score' },
      { text: 'on PS 10/5 overnight', why: 'ventilator settings' },
      { text: 'vent settings 12/5/40% since noon', why: 'ventilator settings with a percentage' },
      { text: 'Sent: Friday, March 5, 2021 10:22 AM', why: 'the sent line of a quoted message' },
      { text: 'Date: Fri, 5 Mar 2021 10:22:01 +0000', why: 'a mail header date' },
      { text: 'Seen 03/05-2021', why: 'mixed separators' },
    ],
  },
};
