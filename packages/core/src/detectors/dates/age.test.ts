import { describe, expect, it } from 'vitest';
import { ageValue } from './age.js';

describe('age value', () => {
  it.each([
    ['92', 92],
    ['ninety', 90],
    ['Ninety-three', 93],
    ['one hundred and two', 102],
    ['hundred', 100],
    ["90's", 90],
    ['eighty', undefined],
  ])('reads %s as %s', (text, years) => {
    expect(ageValue(text)).toBe(years);
  });
});
