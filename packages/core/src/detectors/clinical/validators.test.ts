import { describe, expect, it } from 'vitest';
import { isCptShaped } from './cpt.js';
import { isHcpcsCode } from './hcpcs.js';
import { isLoincCode } from './loinc.js';
import { isPossibleNdc } from './ndc.js';
import { isSnomedConceptId } from './snomed.js';

describe('isCptShaped', () => {
  it.each([
    ['99213', true, 'office visit range'],
    ['00100', true, 'first anesthesia code'],
    ['99607', true, 'last Category I code'],
    ['3046F', true, 'Category II'],
    ['0042T', true, 'Category III'],
    ['00099', false, 'below the anesthesia range'],
    ['05000', false, 'unassigned gap'],
    ['99608', false, 'above the range'],
    ['1042T', false, 'Category III starts with 0'],
    ['0000F', false, 'zeros'],
  ])('%s is %s (%s)', (value, expected) => {
    expect(isCptShaped(value)).toBe(expected);
  });
});

describe('isHcpcsCode', () => {
  it.each([
    ['J1100', true, 'listed drug code'],
    ['E0114-RR', true, 'listed code and modifier'],
    ['e0114-rr', true, 'lower case'],
    ['J1100-ZZ', false, 'unknown modifier'],
    ['J0001', false, 'not listed'],
    ['D0120', false, 'CDT codes are not HCPCS Level II'],
  ])('%s is %s (%s)', (value, expected) => {
    expect(isHcpcsCode(value)).toBe(expected);
  });
});

describe('isLoincCode', () => {
  it.each([
    ['2345-7', true, 'glucose'],
    ['4548-4', true, 'hemoglobin A1c'],
    ['718-7', true, 'hemoglobin'],
    ['94500-6', true, 'five digits'],
    ['2345-8', false, 'wrong check digit'],
    ['23-5', false, 'too short for this detector'],
    ['234567-1', false, 'too long'],
  ])('%s is %s (%s)', (value, expected) => {
    expect(isLoincCode(value)).toBe(expected);
  });
});

describe('isSnomedConceptId', () => {
  it.each([
    ['44054006', true, 'diabetes mellitus type 2'],
    ['22298006', true, 'myocardial infarction'],
    ['840539006', true, 'COVID-19'],
    ['44054007', false, 'wrong check digit'],
    ['197761014', false, 'partition 01: a description id'],
    ['12345', false, 'too short'],
    ['044054006', false, 'leading zero'],
  ])('%s is %s (%s)', (value, expected) => {
    expect(isSnomedConceptId(value)).toBe(expected);
  });
});

describe('isPossibleNdc', () => {
  it.each([
    ['0002-3227-30', true, '4-4-2'],
    ['50580-506-02', true, '5-3-2'],
    ['00378-1805-1', true, '5-4-1'],
    ['00002322730', true, 'eleven digits'],
    ['00000-123-45', false, 'labeler of zeros'],
    ['11111111111', false, 'one digit repeated'],
    ['123456789', false, 'nine digits'],
  ])('%s is %s (%s)', (value, expected) => {
    expect(isPossibleNdc(value)).toBe(expected);
  });
});
