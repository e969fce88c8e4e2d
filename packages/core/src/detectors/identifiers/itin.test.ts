import { describe, expect, it } from 'vitest';
import { isPossibleItin } from './itin.js';

describe('itin structure', () => {
  it.each([
    ['912501234', 'lowest of the first group range'],
    ['912651234', 'highest of the first group range'],
    ['900701234', 'second range'],
    ['999881234', 'end of the second range'],
    ['912901234', 'third range'],
    ['912941234', 'fourth range'],
  ])('accepts %s (%s)', (digits) => {
    expect(isPossibleItin(digits)).toBe(true);
  });

  it.each([
    ['912491234', 'group below 50'],
    ['912661234', 'group between the first two ranges'],
    ['912891234', 'group between the second and third ranges'],
    ['912931234', 'group 93'],
    ['812701234', 'area does not start with 9'],
    ['91270123', 'eight digits'],
    ['912-70-1234', 'separators are not digits'],
  ])('rejects %s (%s)', (digits) => {
    expect(isPossibleItin(digits)).toBe(false);
  });
});
