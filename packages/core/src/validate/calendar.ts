/**
 * Calendar arithmetic for the date detector: which day, month and year triples exist in
 * the Gregorian calendar, and how two-digit years are read.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Gregorian leap years: every fourth year, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when `day` exists in `month` (1-12) of `year`, so 2024-02-29 does and 2023-02-29 not. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const last = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= last;
}

/**
 * The earliest and latest four-digit years read as dates. Older years are history or
 * numbers, later ones are codes; a birth date of a living person falls well inside.
 */
export const YEAR_RANGE = { earliest: 1850, latest: 2150 } as const;

/**
 * A year as written, in four digits. Two-digit years take the century that puts them
 * nearest to 2000 on the side people write about (`49` is 2049, `50` is 1950); the exact
 * pivot matters only for the leap-day check, since 1900 is not a leap year and 2000 is.
 * Returns undefined for a four-digit year outside `YEAR_RANGE`.
 */
export function fullYear(written: string): number | undefined {
  const year = Number(written);
  if (written.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (written.length !== 4) return undefined;
  return year >= YEAR_RANGE.earliest && year <= YEAR_RANGE.latest ? year : undefined;
}

const MONTH_PREFIXES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

/** The month (1-12) a written month name or abbreviation stands for, or undefined. */
export function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  const index = MONTH_PREFIXES.indexOf(key as (typeof MONTH_PREFIXES)[number]);
  return index < 0 ? undefined : index + 1;
}
