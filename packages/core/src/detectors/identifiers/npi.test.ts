import { describe, expect, it } from 'vitest';
import { isValidNpi } from './npi.js';

describe('npi check digit', () => {
  it.each([
    ['1234567893', 'the CMS worked example'],
    ['2098765433', 'starts with 2'],
    ['1000000004', 'mostly zeros'],
  ])('accepts %s (%s)', (digits) => {
    expect(isValidNpi(digits)).toBe(true);
  });

  it.each([
    ['1234567890', 'wrong check digit'],
    ['3234567893', 'starts with 3'],
    ['123456789', 'nine digits'],
    ['12345678931', 'eleven digits'],
    ['123456789A', 'a letter'],
  ])('rejects %s (%s)', (digits) => {
    expect(isValidNpi(digits)).toBe(false);
  });

  it('rejects a number that passes plain Luhn but not with the 80840 prefix', () => {
    // 1234567897 is Luhn-valid on its own digits; the NPI check adds the issuer prefix.
    expect(isValidNpi('1234567897')).toBe(false);
  });
});
