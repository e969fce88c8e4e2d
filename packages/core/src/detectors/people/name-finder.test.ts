import { describe, expect, it } from 'vitest';
import { DataFileError, firstNameRanks, readDataList, surnameRanks } from './lexicon.js';
import { findNames } from './name-finder.js';

function spans(text: string): string[] {
  return findNames(text)
    .filter((c) => c.confidence >= 0.5)
    .map((c) => text.slice(c.start, c.end));
}

describe('name lists', () => {
  it('loads the SSA and Census lists with the most frequent names first', () => {
    expect(firstNameRanks().get('james')).toBe(0);
    expect(surnameRanks().get('smith')).toBe(0);
    expect(firstNameRanks().size).toBeGreaterThan(10_000);
    expect(surnameRanks().size).toBeGreaterThan(40_000);
  });

  it('rejects a missing data file with an error that says how to repair the install', () => {
    expect(() => readDataList('no-such-list.txt')).toThrow(DataFileError);
    expect(() => readDataList('no-such-list.txt')).toThrow(/reinstall the package/);
  });
});

describe('findNames', () => {
  it('finds one span for a name that several rules see', () => {
    // "by Agnes" and "Agnes Whitcombe, NP" overlap; the finder returns their union once.
    expect(spans('Transferred by Agnes Whitcombe, NP.')).toEqual(['Agnes Whitcombe']);
  });

  it('finds two names joined by "and" after a title', () => {
    expect(spans('Dr. Okafor and Brennig aware.')).toEqual(['Okafor', 'Brennig']);
  });

  it('finds names in all-capital notes only with a title or both words listed', () => {
    expect(spans('SPOKE WITH DR SMITH. HELEN MORRISON CALLED.')).toEqual([
      'SMITH',
      'HELEN MORRISON',
    ]);
    expect(spans('PINK SKIN, WILL CONTINUE LASIX.')).toEqual([]);
  });

  it('rejects the local part of an e-mail address', () => {
    expect(spans('Email for records: mary.jones@example.com today')).toEqual([]);
  });

  it('rejects "Dr" as a street suffix before a unit', () => {
    expect(spans('office at 900 Lake Shore Dr Suite 200')).toEqual([]);
  });

  it('finds a first name and an initial with its period', () => {
    expect(spans('a 70yo male, Frank L., presented')).toEqual(['Frank L.']);
  });
});
