import { describe, expect, it } from 'vitest';
import { isPlausibleAccount } from './account-number.js';
import { isPlausibleLicense } from './drivers-license.js';
import { isPlausibleMemberId } from './health-plan-id.js';

describe('labelled values', () => {
  it.each([
    ['W123456789', 'letter and digits'],
    ['88213-04', 'dashed digits'],
    ['987654', 'a run is kept after a label'],
  ])('accepts %s (%s)', (value) => {
    expect(isPlausibleMemberId(value)).toBe(true);
    expect(isPlausibleAccount(value)).toBe(true);
  });

  it.each([
    ['2024', 'four characters'],
    ['AB12C', 'two digits'],
    ['2023-2024', 'a span of years'],
    ['000000', 'one digit repeated'],
  ])('rejects %s (%s)', (value) => {
    expect(isPlausibleMemberId(value)).toBe(false);
    expect(isPlausibleAccount(value)).toBe(false);
  });
});

describe('labelled license values', () => {
  it.each([
    ['CLN-112233', 'letters and digits'],
    ['D3846201', 'a state shape'],
  ])('accepts %s (%s)', (value) => {
    expect(isPlausibleLicense(value)).toBe(true);
  });

  it.each([
    ['2031-05-01', 'an expiry date'],
    ['05/01/2031', 'an expiry date, US order'],
    ['2024', 'a year'],
    ['AB-123', 'three digits'],
  ])('rejects %s (%s)', (value) => {
    expect(isPlausibleLicense(value)).toBe(false);
  });
});
