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
});
