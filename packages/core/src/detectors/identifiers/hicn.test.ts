import { describe, expect, it } from 'vitest';
import { isPossibleHicn } from './hicn.js';

describe('hicn structure', () => {
  it.each([
    ['536228714A', 'SSN and wage-earner code'],
    ['536-22-8714 B1', 'dashed, spaced, two-character code'],
    ['536228714W', 'disability code'],
    ['MA123456', 'RRB prefix and six digits'],
    ['WCA536228714', 'RRB prefix and an SSN'],
  ])('accepts %s (%s)', (value) => {
    expect(isPossibleHicn(value)).toBe(true);
  });

  it.each([
    ['536228714', 'no beneficiary code'],
    ['536228714Q', 'Q is not a beneficiary code'],
    ['000228714A', 'area 000'],
    ['536008714A', 'group 00'],
    ['XY123456', 'unknown RRB prefix'],
    ['MA12345', 'five digits'],
    ['WCA000228714', 'RRB prefix with an impossible SSN'],
  ])('rejects %s (%s)', (value) => {
    expect(isPossibleHicn(value)).toBe(false);
  });
});
