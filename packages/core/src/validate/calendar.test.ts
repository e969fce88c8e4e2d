import { describe, expect, it } from 'vitest';
import { fullYear, isCalendarDate, isLeapYear, monthNumber } from './calendar.js';

describe('calendar', () => {
  it.each([
    [2024, true, 'divisible by 4'],
    [2023, false, 'not divisible by 4'],
    [1900, false, 'a century not divisible by 400'],
    [2000, true, 'a century divisible by 400'],
  ])('finds whether %i is a leap year', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2024, 2, 29, true, 'leap day in a leap year'],
    [2023, 2, 29, false, 'leap day in a common year'],
    [1900, 2, 29, false, 'century rule'],
    [2021, 2, 30, false, 'February never has 30 days'],
    [2021, 4, 31, false, 'April has 30 days'],
    [2021, 12, 31, true, 'last day of the year'],
    [2021, 13, 1, false, 'month 13'],
    [2021, 0, 10, false, 'month 0'],
    [2021, 1, 0, false, 'day 0'],
  ])('finds whether %i-%i-%i exists', (year, month, day, exists) => {
    expect(isCalendarDate(year, month, day)).toBe(exists);
  });

  it.each<[string, number | undefined, string]>([
    ['21', 2021, 'two digits below the pivot'],
    ['50', 1950, 'two digits at the pivot'],
    ['1987', 1987, 'four digits in range'],
    ['1492', undefined, 'before the range'],
    ['2500', undefined, 'after the range'],
    ['987', undefined, 'three digits'],
  ])('reads year %s as %s', (written, year) => {
    expect(fullYear(written)).toBe(year);
  });

  it.each([
    ['March', 3],
    ['mar.', 3],
    ['Sept', 9],
    ['DEC', 12],
    ['Marc', 3],
    ['Smarch', undefined],
  ])('reads month %s as %s', (name, month) => {
    expect(monthNumber(name)).toBe(month);
  });
});
