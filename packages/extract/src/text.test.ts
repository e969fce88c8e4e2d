import { describe, expect, it } from 'vitest';
import { extractFile } from './index.js';
import { csvToText, decodeText, parseCsv } from './text.js';

describe('decodeText', () => {
  // Each row: bytes, declared charset, expected text, and why.
  const rows: [number[], string | undefined, string, string][] = [
    [[0xef, 0xbb, 0xbf, 0x41], undefined, 'A', 'a UTF-8 byte-order mark is dropped'],
    [[0xff, 0xfe, 0x41, 0x00], undefined, 'A', 'UTF-16LE by its mark'],
    [[0x63, 0x61, 0x66, 0xe9], undefined, 'café', 'invalid UTF-8 falls back to Windows-1252'],
    [[0xc3, 0xa9], undefined, 'é', 'valid UTF-8 without a declaration'],
    [[0xe9], 'iso-8859-1', 'é', 'a declared charset'],
    [[0x41], 'x-no-such-charset', 'A', 'an unknown label falls back to guessing'],
  ];
  for (const [bytes, charset, expected, why] of rows) {
    it(`decodes: ${why}`, () => {
      expect(decodeText(Uint8Array.from(bytes), charset)).toBe(expected);
    });
  }

  it('reads UTF-16LE text without a mark', () => {
    expect(decodeText(Buffer.from('patient 123-45-6789', 'utf16le'))).toBe('patient 123-45-6789');
  });
});

describe('csv', () => {
  it('parses quoted cells with delimiters, quotes and line breaks', () => {
    expect(parseCsv('a,"b,1","say ""hi""","x\ny"\n', ',')).toEqual([
      ['a', 'b,1', 'say "hi"', 'x\ny'],
    ]);
  });

  it('writes each value next to its column name', () => {
    const { text } = csvToText('Name,SSN,Notes\nJane Roe,123-45-6789,\nJohn Doe,987-65-4321,ok\n');
    expect(text).toBe(
      'Name | SSN | Notes\n\nName: Jane Roe\nSSN: 123-45-6789\n\nName: John Doe\nSSN: 987-65-4321\nNotes: ok',
    );
  });

  it('locates each row of a CSV file', async () => {
    const bytes = Buffer.from('Name;MRN\nJane;00123\nJohn;00456\n');
    const result = await extractFile(bytes, { filename: 'list.csv' });
    const segment = result.segments.find((s) => s.via === 'csv');
    const region = segment?.regions?.find((r) =>
      segment.text.slice(r.start, r.end).includes('00456'),
    );
    expect(region?.location).toBe('file:list.csv#row=3');
    expect(segment?.text).toContain('MRN: 00123');
  });
});
