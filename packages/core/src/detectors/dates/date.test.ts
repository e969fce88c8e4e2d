import { describe, expect, it } from 'vitest';
import { createScanner } from '../../create.js';

describe('date findings', () => {
  const scanner = createScanner({ fingerprintKey: 'a fixed key for these tests only' });

  it('finds one fingerprint for one date written three ways', () => {
    const text = 'DOB March 5, 1950; also 03/05/1950 and 1950-03-05.';
    const dates = scanner.scan(text).findings.filter((f) => f.detector === 'date');
    expect(dates).toHaveLength(3);
    expect(new Set(dates.map((f) => f.fingerprint)).size).toBe(1);
  });

  it('finds different fingerprints for different dates', () => {
    const text = 'DOB 03/05/1950, seen 03/06/1950';
    const dates = scanner.scan(text).findings.filter((f) => f.detector === 'date');
    expect(new Set(dates.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('rejects showing any digit of a date in its mask', () => {
    const text = 'DOB 03/05/1950 and 5 Mar 1950';
    const dates = scanner.scan(text).findings.filter((f) => f.detector === 'date');
    expect(dates.length).toBe(2);
    for (const finding of dates) expect(finding.masked).not.toMatch(/[0-9]|Mar/);
  });

  it.each([
    ['PMH: S/P CABG 10/16, EF 30%', '10/16'],
    ['P: F/U 7/24', '7/24'],
    ['Her IABP was d/c 7/26.', '7/26'],
    ['GU: anuric. last dialysis 8/18.', '8/18'],
    ['free of symptoms from 9/16 to 9/20', '9/16'],
  ])('lifts a month and day in a care note to medium: %j', (text, value) => {
    const found = scanner.scan(text).findings.filter((f) => f.detector === 'date');
    const hit = found.find((f) => text.slice(f.start, f.end) === value);
    expect(hit?.level).toBe('medium');
  });

  it.each([
    ['Take 1/2 tab twice a day'],
    ['pain 8/10 since morning'],
    ['Use a 3/8 socket, then a 1/4 one'],
  ])('keeps a fraction or score below medium: %j', (text) => {
    const found = scanner.scan(text).findings.filter((f) => f.detector === 'date');
    expect(found.filter((f) => f.level !== 'low')).toEqual([]);
  });
});
