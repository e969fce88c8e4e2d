import { fullYear, isCalendarDate, monthNumber } from '../../validate/calendar.js';

/** A date as written: the year or the day may be missing ("March 2021", "Mar. 5"). */
export interface DateParts {
  readonly year?: number;
  readonly month: number;
  readonly day?: number;
}

/** Month names and their abbreviations, for patterns; matched case-insensitively. */
export const MONTH_NAMES =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const ISO = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_YEAR = /^(\d{1,2})\/(\d{4})$/;
const MONTH_DAY = /^(\d{1,2})\/(\d{1,2})$/;
/** A month name that is a whole word, though digits may touch it (`05MAR2021`). */
const MONTH_WORD = new RegExp(`(?<![a-z])(?:${MONTH_NAMES})(?![a-z])`, 'i');

/** Keeps a triple only when the calendar has that day; a missing part is not checked. */
function checked(
  year: number | undefined,
  month: number,
  day: number | undefined,
): DateParts | undefined {
  if (month < 1 || month > 12) return undefined;
  if (day !== undefined && !isCalendarDate(year ?? 2000, month, day)) return undefined;
  return { ...(year !== undefined && { year }), month, ...(day !== undefined && { day }) };
}

/**
 * Reads two numbers and a year in the order the separator suggests: with a full stop, day
 * first (the European `05.03.2021`); with a slash or a dash, month first (the US
 * `03/05/2021`), falling back to day first when the first number cannot be a month.
 */
function numericDate(a: number, separator: string, b: number, year: number): DateParts | undefined {
  const dayFirst = checked(year, b, a);
  const monthFirst = checked(year, a, b);
  return separator === '.' ? (dayFirst ?? monthFirst) : (monthFirst ?? dayFirst);
}

/**
 * The year, month and day a date as written stands for, or undefined when the text is no
 * calendar date (`02/30/2021`, `29 Feb 2023`). Both the validator and the fingerprint use
 * it, so `March 5, 2021` and `03/05/2021` are one value.
 */
export function parseDate(value: string): DateParts | undefined {
  const text = value.trim();
  let m = ISO.exec(text);
  if (m) {
    const year = fullYear(m[1]!);
    return year === undefined ? undefined : checked(year, Number(m[3]), Number(m[4]));
  }
  m = NUMERIC.exec(text);
  if (m) {
    const year = fullYear(m[4]!);
    return year === undefined ? undefined : numericDate(Number(m[1]), m[2]!, Number(m[3]), year);
  }
  m = COMPACT.exec(text);
  if (m) {
    const year = fullYear(m[1]!);
    return year === undefined ? undefined : checked(year, Number(m[2]), Number(m[3]));
  }
  m = MONTH_YEAR.exec(text);
  if (m) {
    const year = fullYear(m[2]!);
    return year === undefined ? undefined : checked(year, Number(m[1]), undefined);
  }
  m = MONTH_DAY.exec(text);
  if (m) return checked(undefined, Number(m[1]), Number(m[2]));
  return writtenDate(text);
}

/** `March 5, 2021`, `5th of March 2021`, `05-MAR-21`, `Mar. 5`, `March 2021`. */
function writtenDate(text: string): DateParts | undefined {
  const word = MONTH_WORD.exec(text);
  if (!word) return undefined;
  const month = monthNumber(word[0]);
  if (month === undefined) return undefined;
  const numbers = text.match(/\d+/g) ?? [];
  const dayFirst = /^\d/.test(text);

  // "March 2021": a month and a four-digit year only.
  if (!dayFirst && numbers.length === 1 && numbers[0]!.length === 4) {
    const year = fullYear(numbers[0]!);
    return year === undefined ? undefined : checked(year, month, undefined);
  }
  const [dayText, yearText] = numbers;
  if (dayText === undefined || dayText.length > 2 || numbers.length > 2) return undefined;
  let year: number | undefined;
  if (yearText !== undefined) {
    year = fullYear(yearText);
    if (year === undefined) return undefined;
  }
  return checked(year, month, Number(dayText));
}

/** `2021-03-05`, `2021-03` or `--03-05`: one form for equal dates, whatever the writing. */
export function canonicalDate(value: string): string {
  const parts = parseDate(value);
  if (!parts) return value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  const mm = String(parts.month).padStart(2, '0');
  const dd = parts.day === undefined ? '' : `-${String(parts.day).padStart(2, '0')}`;
  return `${parts.year ?? '-'}-${mm}${dd}`;
}
