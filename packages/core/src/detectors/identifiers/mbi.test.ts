import { describe, expect, it } from 'vitest';
import { isValidMbi } from './mbi.js';

describe('mbi positions', () => {
  it.each([
    ['1EG4-TE5-MK73', 'the CMS example, dashed'],
    ['1EG4TE5MK73', 'without dashes'],
    ['1eg4te5mk73', 'lower case'],
    ['9AA0CC0AA00', 'letters where either is allowed'],
    ['1A19A19AA11', 'digits where either is allowed'],
  ])('accepts %s (%s)', (value) => {
    expect(isValidMbi(value)).toBe(true);
  });

  it.each([
    ['0EG4TE5MK73', 'position 1 is 0'],
    ['1SG4TE5MK73', 'S in position 2'],
    ['1EL4TE5MK73', 'L in position 3'],
    ['1EG4OE5MK73', 'O in position 5'],
    ['1EG4TE5MI73', 'I in position 9'],
    ['1EG4TE5BK73', 'B in position 8'],
    ['1EG4TE5MK7Z', 'letter in position 11'],
    ['1EGATE5MK73', 'letter in position 4'],
    ['1EG4TE5MK7', 'ten characters'],
    ['1EG4-TE5MK-73', 'dash in the wrong place'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidMbi(value)).toBe(false);
  });
});
