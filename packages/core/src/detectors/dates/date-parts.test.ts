import { describe, expect, it } from 'vitest';
import { canonicalDate, type DateParts, parseDate } from './date-parts.js';

describe('date parts', () => {
  it.each<[string, DateParts, string]>([
    ['03/05/2021', { year: 2021, month: 3, day: 5 }, 'month first with slashes'],
    ['05.03.2021', { year: 2021, month: 3, day: 5 }, 'day first with dots'],
    ['25/12/2021', { year: 2021, month: 12, day: 25 }, 'day first when 25 cannot be a month'],
    ['2021-03-05', { year: 2021, month: 3, day: 5 }, 'ISO'],
    ['4/12/21', { year: 2021, month: 4, day: 12 }, 'two-digit year'],
    ['19500305', { year: 1950, month: 3, day: 5 }, 'compact'],
    ['03/2021', { year: 2021, month: 3 }, 'month and year'],
    ['March 5th, 2021', { year: 2021, month: 3, day: 5 }, 'written, ordinal'],
    ['5 of Mar 2021', { year: 2021, month: 3, day: 5 }, 'day first, written'],
    ['07-JAN-22', { year: 2022, month: 1, day: 7 }, 'clinical system form'],
    ['Mar. 5', { month: 3, day: 5 }, 'no year'],
    ['Feb 29', { month: 2, day: 29 }, 'leap day without a year is possible'],
    ['March 2021', { year: 2021, month: 3 }, 'month and year in words'],
  ])('reads %s', (text, parts) => {
    expect(parseDate(text)).toEqual(parts);
  });

  it.each([
    ['02/30/2021', 'February 30th'],
    ['29 Feb 2023', 'no leap day in 2023'],
    ['13/13/2021', 'no month 13 either way round'],
    ['1492-10-12', 'a year outside the range'],
    ['March 32, 2021', 'day 32'],
    ['Smarch 5', 'no month'],
  ])('rejects %s (%s)', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('gives one canonical form to one date however it is written', () => {
    const forms = ['March 5, 2021', '03/05/2021', '2021-03-05', '5 Mar 2021', '05.03.2021'];
    expect(new Set(forms.map(canonicalDate))).toEqual(new Set(['2021-03-05']));
  });

  it('keeps missing parts apart in the canonical form', () => {
    expect(canonicalDate('Mar. 5')).toBe('--03-05');
    expect(canonicalDate('March 2021')).toBe('2021-03');
  });
});
