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

  it('finds names in fields on lines of their own, as spreadsheet rows are written out', () => {
    const row = 'Last: Vu\nFirst: María\nSSN: 533-51-6682\nLast Name: Escobar\n';
    expect(spans(row)).toEqual(['Vu', 'María', 'Escobar']);
    // In running text these labels are ordinary words.
    expect(spans('First: Remove the dressing and call Tuesday.')).toEqual([]);
    expect(spans('Last: seen in clinic; First: Hines called')).toEqual([]);
    // Form values that are not names, listed or not.
    expect(spans('Insured: Self\nSubscriber: Spouse\nMember: Active\nLast: Reviewed\n')).toEqual(
      [],
    );
  });

  it('finds a common-word first name before a usual surname, but not a town or a term', () => {
    expect(spans('Referral: Mark Barron - Dermatology consult')).toEqual(['Mark Barron']);
    expect(spans('travel to the Ohio River Valley last summer')).toEqual([]);
    expect(spans('a Modified Duke Score of 4')).toEqual([]);
    expect(spans('We met at Long Beach in May.')).toEqual([]);
  });

  it('finds a name of common words right before a birth date or a record number', () => {
    expect(spans('Abnormal result for Mason Green MRN 62004539')).toEqual(['Mason Green']);
    expect(spans('Dr. Boone, Mason Green (DOB Apr 12, 1932) had')).toEqual([
      'Boone',
      'Mason Green',
    ]);
    expect(spans('Mason Green is a paint colour')).toEqual([]);
  });

  it('looks names up without their accents when the lists have none', () => {
    expect(spans('The first claim is for Jesús Barton, member 4411.')).toEqual(['Jesús Barton']);
  });

  it('finds a first name that opens a line and addresses the reader', () => {
    expect(spans('Sarah, your appointment is on 09/26/2025.')).toEqual(['Sarah']);
    expect(spans('Thanks, your order has shipped.')).toEqual([]);
  });
});
