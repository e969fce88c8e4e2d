import { describe, expect, it } from 'vitest';
import { isValidDea } from './dea.js';

describe('dea check digit', () => {
  it.each([
    ['AB1234563', 'sum 33 ends in 3'],
    ['BJ6135746', 'practitioner'],
    ['M93141594', 'second character 9'],
    ['xk3011222', 'lower case is read as upper'],
  ])('accepts %s (%s)', (value) => {
    expect(isValidDea(value)).toBe(true);
  });

  it.each([
    ['AB1234564', 'wrong check digit'],
    ['IB1234563', 'I is not a registrant type'],
    ['NB1234563', 'N is not a registrant type'],
    ['A11234563', 'second character is a digit other than 9'],
    ['AB123456', 'six digits'],
    ['AB-1234563', 'a dash'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidDea(value)).toBe(false);
  });
});
