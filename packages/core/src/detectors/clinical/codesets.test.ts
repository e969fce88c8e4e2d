import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hcpcsSet, icd9cmSet, icd10cmSet, vocabularyTerms } from './codesets.js';
import { isHcpcsCode } from './hcpcs.js';
import { isIcd9cmCode } from './icd9cm.js';
import { icd10cmValidity } from './icd10cm.js';

function fixture(name: string): string[] {
  const url = new URL(`../../../../../fixtures/codesets/${name}`, import.meta.url);
  return readFileSync(url, 'utf8').split('\n').filter(Boolean);
}

describe('shipped code sets', () => {
  it('hold the full releases', () => {
    // Counts from the SOURCE.md of each corpus folder.
    expect(icd10cmSet().codes.size).toBe(46_498);
    expect(icd9cmSet().codes.size).toBe(14_567);
    expect(hcpcsSet().codes.size).toBe(6_710);
    expect(hcpcsSet().modifiers.size).toBe(369);
    expect(vocabularyTerms().length).toBeGreaterThan(5_000);
  });

  it('accept every ICD-10-CM code of the extract, with and without the dot', () => {
    for (const code of fixture('icd10cm-2025-sample.txt')) {
      expect(icd10cmValidity(code), code).toBe('listed');
      expect(icd10cmValidity(code.replace('.', '')), code).toBe('listed');
    }
  });

  it('accept every ICD-9-CM code of the extract, with and without the point', () => {
    for (const code of fixture('icd9cm-v32-sample.txt')) {
      const head = code.startsWith('E') ? 4 : 3;
      const dotted = code.length > head ? `${code.slice(0, head)}.${code.slice(head)}` : code;
      expect(isIcd9cmCode(code), code).toBe(true);
      expect(isIcd9cmCode(dotted), dotted).toBe(true);
    }
  });

  it('accept every HCPCS code and modifier of the extract', () => {
    const lines = fixture('hcpcs-2020-sample.txt');
    const codes = lines.filter((l) => l.length === 5);
    const modifiers = lines.filter((l) => l.length === 2);
    for (const code of codes) expect(isHcpcsCode(code), code).toBe(true);
    for (const modifier of modifiers) expect(isHcpcsCode(`${codes[0]}-${modifier}`)).toBe(true);
  });
});

describe('icd10cmValidity', () => {
  it.each([
    ['S72.001A', 'extended', 'fracture, initial encounter'],
    ['S72001A', 'extended', 'the same without the dot'],
    ['T14.90XA', 'extended', 'X pads T14.90 to six characters'],
    ['T07.XXXA', 'extended', 'a category padded with three X'],
    ['S06.0X0D', 'extended', 'a listed code that holds an X itself'],
    ['O36.5930', 'extended', 'obstetric codes take a fetus number'],
    ['R40.2112', 'extended', 'coma scale codes take a setting number'],
    ['M80.08XA', 'extended', 'osteoporotic fracture'],
    ['H54.413A', 'listed', 'a 7-character code the tabular list names'],
    ['E11.9', 'listed', 'a billable code'],
    ['E11', 'listed', 'a category'],
    ['e11.9', 'listed', 'lower case'],
  ])('accepts %s as %s (%s)', (code, expected) => {
    expect(icd10cmValidity(code)).toBe(expected);
  });

  it.each([
    ['S72.001Z', 'Z is no 7th character'],
    ['S72.00XA', 'S72.00 has subcodes'],
    ['S72.0XXA', 'S72.0 has subcodes'],
    ['E11.9A', 'diabetes takes no 7th character'],
    ['E11.9XXA', 'diabetes takes no 7th character, padded or not'],
    ['O36.5936', 'fetuses are numbered 1 to 5, and 9 for others'],
    ['Q99.99', 'not listed'],
    ['I10.0', 'I10 has no subcodes'],
    ['E11.99999', 'too long'],
    ['11.9', 'no letter'],
    ['S72.001AA', 'eight characters'],
  ])('rejects %s (%s)', (code) => {
    expect(icd10cmValidity(code)).toBeUndefined();
  });
});
