import { describe, expect, it } from 'vitest';
import { gs1CheckValid, hibccCheckValid, vinCheckDigit, vinValid } from './check-characters.js';

describe('check characters', () => {
  it.each([
    ['1M8GDM9AXKP042788', 'X', 'a check value of ten is written X'],
    ['1HGCM82633A004352', '3', 'an ordinary digit'],
    ['JH4KA7561PC008269', '1', 'letters throughout'],
  ])('finds the VIN check digit of %s', (vin, digit) => {
    expect(vinCheckDigit(vin)).toBe(digit);
    expect(vinValid(vin)).toBe(true);
  });

  it.each([
    ['1M8GDM9A1KP042788', 'wrong check digit'],
    ['1HGCM82633A00435', 'sixteen characters'],
    ['1HGCM82633AO04352', 'contains O'],
    ['1hgcm82633a004352', 'lower case'],
  ])('rejects VIN %s (%s)', (vin) => {
    expect(vinValid(vin)).toBe(false);
  });

  it.each([
    ['00643169007222', true, 'an FDA GUDID example GTIN-14'],
    ['10614141000415', true, 'GS1 example with indicator digit 1'],
    ['00643169007223', false, 'check digit off by one'],
    ['04026704166538', false, 'a transposition of two digits'],
    ['1234567', false, 'too short for any GTIN'],
  ])('checks GTIN %s', (digits, valid) => {
    expect(gs1CheckValid(digits)).toBe(valid);
  });

  it.each([
    ['+A123BJC5D6E71G', true, 'primary data with a letter check'],
    ['+H703PROD12341$', true, 'check character is a symbol'],
    ['+A123BJC5D6E71H', false, 'wrong check character'],
    ['+a123BJC5D6E71G', false, 'lower case is outside the character set'],
    ['+', false, 'nothing to check'],
  ])('checks HIBCC %s', (data, valid) => {
    expect(hibccCheckValid(data)).toBe(valid);
  });
});
