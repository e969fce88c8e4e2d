import type { MatchFacts, PatternDefinition } from '../../detector/types.js';
import { isPlaceholderDigits } from '../../validate/repeats.js';
import { digitsOf, standsAlone } from '../../validate/standalone.js';

/**
 * The shapes of North American (NANP) and international numbers, shared by the `phone`
 * and `fax` detectors: a fax number is a phone number with a fax label, so both run the
 * same patterns and the label nearest to the number decides which one reports it.
 */

/**
 * An area code or exchange: three digits. Whether NANPA could assign them (first digit 2-9,
 * not N11) is checked by the validators, which keep a labelled but unassignable number.
 */
const NXX = '\\d{3}';

/** `+1`, `1-` or `1 ` before the area code. */
const COUNTRY = '(?:\\+\\s?1|\\b1)[-. ]?';

/** `x123`, `ext. 123`, `extension 1234`, `#123` after the number. */
const EXTENSION = '(?:\\s?(?:[xX]|[eE]xt\\.?|[eE]xtension|#)\\s?\\d{1,6})?';

/**
 * What may stand just before a number: not a letter, a digit or `+` (which would make it
 * part of a longer token), nor `-`, `.` or `/` unless a letter precedes them, as in a
 * label run into the number (`CELLULAR-410 202-6694`).
 */
const LEFT = '(?:^|[^\\w+.\\-/]|[A-Za-z][-.:/])';

/** The patterns both detectors run; `base` sets each one's confidence for the detector. */
export function phonePatterns(base: {
  readonly parens: number;
  readonly dashed: number;
  readonly dotted: number;
  readonly slashed: number;
  readonly spaced: number;
  readonly bare: number;
  readonly international: number;
}): PatternDefinition[] {
  return [
    {
      name: 'parens',
      regex: `${LEFT}(?P<value>(?:${COUNTRY})?\\(${NXX}\\)\\s?${NXX}[-. ]?\\d{4}${EXTENSION})\\b`,
      confidence: base.parens,
    },
    {
      name: 'dashed',
      regex: `${LEFT}(?P<value>(?:${COUNTRY})?${NXX}[- ]${NXX}-\\d{4}${EXTENSION})\\b`,
      confidence: base.dashed,
    },
    {
      name: 'dotted',
      regex: `${LEFT}(?P<value>(?:${COUNTRY})?${NXX}\\.${NXX}\\.\\d{4}${EXTENSION})\\b`,
      confidence: base.dotted,
    },
    {
      name: 'slashed',
      regex: `${LEFT}(?P<value>${NXX}/${NXX}/\\d{4}${EXTENSION})\\b`,
      confidence: base.slashed,
    },
    {
      name: 'spaced',
      regex: `${LEFT}(?P<value>(?:${COUNTRY})?${NXX} ${NXX} \\d{4}${EXTENSION})\\b`,
      confidence: base.spaced,
    },
    {
      name: 'bare',
      regex: `${LEFT}(?P<value>(?:\\+1|\\b1)?${NXX}${NXX}\\d{4})\\b`,
      confidence: base.bare,
      requiresContext: true,
    },
    {
      // E.164: a plus, a country code that is not 1, then 6 to 14 more digits in groups.
      name: 'international',
      regex: `${LEFT}(?P<value>\\+[2-9]\\d{0,2}(?:[ .-]?\\(?\\d{1,5}\\)?){2,6})\\b`,
      confidence: base.international,
      requiresContext: true,
    },
  ];
}

/** The ten national digits of a NANP number (area code, exchange, line), or undefined. */
export function nanpDigits(value: string): string | undefined {
  const main = value.replace(/\s?(?:[xX]|[eE]xt\.?|[eE]xtension|#)\s?\d{1,6}$/, '');
  const digits = digitsOf(main);
  if (digits.length === 11 && digits[0] === '1') return digits.slice(1);
  return digits.length === 10 ? digits : undefined;
}

/**
 * What NANPA assigns: area codes and exchanges start with 2-9 and are never N11 (service
 * codes such as 911); area codes of the form N9X are held back for expanding the plan,
 * and 37X and 96X are reserved.
 */
export function isAssignableNanp(digits: string): boolean {
  const area = digits.slice(0, 3);
  const exchange = digits.slice(3, 6);
  if (!/^[2-9]\d{2}$/.test(area) || !/^[2-9]\d{2}$/.test(exchange)) return false;
  if (area.slice(1) === '11' || exchange.slice(1) === '11') return false;
  if (area[1] === '9' || area.startsWith('37') || area.startsWith('96')) return false;
  return true;
}

/** 555-0100 to 555-0199 are set aside for films and books; they ring nobody. */
export function isFictional(digits: string): boolean {
  return digits.slice(3, 6) === '555' && digits.slice(6, 8) === '01';
}

/** E.164 allows at most 15 digits, country code included; fewer than 8 is not a number. */
export function isE164Length(value: string): boolean {
  const count = digitsOf(value).length;
  return count >= 8 && count <= 15;
}

const FAX_LABELS = new Set(['fax', 'facsimile', 'fx', 'f', 'telefax', 'telecopier']);
const PHONE_LABELS = new Set([
  'phone',
  'ph',
  'tel',
  'telephone',
  'cell',
  'cellular',
  'mobile',
  'home',
  'work',
  'office',
  'contact',
  'beeper',
  'mob',
  'call',
  'voice',
  'pager',
  'p',
  't',
  'c',
  'm',
  'o',
  'h',
  'w',
]);

/** How far before a number a label is looked for, and after it when none is before. */
const LABEL_REACH = { before: 40, after: 20 } as const;

/**
 * Which kind of label stands nearest a number: the last phone or fax word before it, or
 * failing that the first one after it. In `Tel 555-0100, Fax 555-0101` the first number
 * is a phone and the second a fax, although both have both words within a few characters.
 * With `lookAfter` false only labels before the number count.
 */
export function nearestLabel(
  facts: Pick<MatchFacts, 'text' | 'start' | 'end'>,
  lookAfter = true,
): 'fax' | 'phone' | undefined {
  const before = facts.text.slice(Math.max(0, facts.start - LABEL_REACH.before), facts.start);
  const words = before
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  for (let i = words.length - 1; i >= 0; i--) {
    if (FAX_LABELS.has(words[i]!)) return 'fax';
    if (PHONE_LABELS.has(words[i]!)) return 'phone';
  }
  if (!lookAfter) return undefined;
  const after = facts.text.slice(facts.end, facts.end + LABEL_REACH.after);
  for (const word of after.toLowerCase().split(/[^a-z]+/)) {
    if (FAX_LABELS.has(word)) return 'fax';
    if (PHONE_LABELS.has(word)) return 'phone';
  }
  return undefined;
}

/**
 * The structural checks both detectors share: the number stands alone, and a NANP
 * number has an assignable area code and exchange. Returns `false` for no number at
 * all or a placeholder, `'unassignable'` for a number NANPA could not have given out (555-123-4567),
 * `'fictional'` for the 555-01xx block, and `true` otherwise.
 */
export function checkShape(
  value: string,
  facts: MatchFacts,
): boolean | 'fictional' | 'unassignable' {
  if (!standsAlone(facts)) return false;
  if (facts.pattern === 'international') return isE164Length(value);
  const digits = nanpDigits(value);
  // 123-456-7890 and 222-222-2222 are what forms and templates hold in place of a number.
  if (!digits || isPlaceholderDigits(digits)) return false;
  if (!isAssignableNanp(digits)) return 'unassignable';
  return isFictional(digits) ? 'fictional' : true;
}
