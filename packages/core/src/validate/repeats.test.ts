import { describe, expect, it } from 'vitest';
import { isOneDigitRepeated, isPlaceholderDigits } from './repeats.js';

describe('placeholder digits', () => {
  it.each([
    ['000000000', 'one digit repeated'],
    ['4444 4444 4444 4444', 'repeated with separators'],
    ['123456789', 'a run up'],
    ['9876543210', 'a run down'],
    ['7890123', 'a run up that wraps from 9 to 0'],
  ])('rejects %s (%s)', (value) => {
    expect(isPlaceholderDigits(value)).toBe(true);
  });

  it.each([
    ['536228714', 'an ordinary number'],
    ['112', 'too short to tell'],
    ['1234567894', 'a run broken by its last digit'],
  ])('accepts %s (%s)', (value) => {
    expect(isPlaceholderDigits(value)).toBe(false);
  });
});

describe('one digit repeated', () => {
  it('rejects one digit repeated, separators ignored', () => {
    expect(isOneDigitRepeated('00-0000')).toBe(true);
  });

  it('accepts a run, which only the broader test rejects', () => {
    expect(isOneDigitRepeated('987654')).toBe(false);
    expect(isPlaceholderDigits('987654')).toBe(true);
  });
});
