import { describe, expect, it } from 'vitest';
import { isValidAbaRouting } from './aba-routing.js';

describe('aba routing check', () => {
  it.each([
    ['021000021', 'Federal Reserve district 2'],
    ['011000015', 'district 1'],
    ['261073326', 'thrift range'],
    ['671012346', 'electronic range'],
    ['800000006', "traveller's cheques"],
  ])('accepts %s (%s)', (digits) => {
    expect(isValidAbaRouting(digits)).toBe(true);
  });

  it.each([
    ['021000022', 'wrong check digit'],
    ['131000018', 'symbol 13 is unassigned though the check passes'],
    ['351234567', 'symbol 35 is unassigned though the check passes'],
    ['901234564', 'symbol 90 is unassigned though the check passes'],
    ['02100002', 'eight digits'],
    ['02100002A', 'a letter'],
  ])('rejects %s (%s)', (digits) => {
    expect(isValidAbaRouting(digits)).toBe(false);
  });
});
