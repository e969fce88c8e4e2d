import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';

/** The normalised text, and the original text each normalised character came from. */
function roundTrip(input: string) {
  const { text, offsets } = normalizeText(input);
  return { text, origin: (i: number) => input[offsets.toOriginal(i)] };
}

describe('normalizeText', () => {
  it.each([
    ['plain ASCII text stays the same', 'Call me at 555-0100.', 'Call me at 555-0100.'],
    ['full-width digits', 'SSN ５３６-２２-８７１４', 'SSN 536-22-8714'],
    ['Arabic-Indic digits', '٥٣٦-٢٢-٨٧١٤', '536-22-8714'],
    ['Devanagari digits', '५३६', '536'],
    ['mathematical bold digits', '𝟓𝟑𝟔', '536'],
    ['zero-width space', '536\u200B-22-8714', '536-22-8714'],
    ['soft hyphen and word joiner', '53\u00AD6\u2060-22', '536-22'],
    ['bidi controls', '\u202E536\u202C', '536'],
    ['en dash and minus sign', '536–22−8714', '536-22-8714'],
    ['spaces around separators inside a number', '536 - 22 - 8714', '536-22-8714'],
    ['a line break after a separator', '536-22-\n8714', '536-22-8714'],
    ['runs of spaces between digits', '536   22   8714', '536 22 8714'],
    ['letter O between digits', '5O6', '506'],
    ['letter l and I between digits', '1l1I1', '11111'],
    ['no-break space', 'SSN\u00A0536', 'SSN 536'],
    ['Cyrillic look-alike letters', 'МRN', 'MRN'],
    ['ligatures', 'ﬁle', 'file'],
  ])('rewrites %s', (_why, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it.each([
    ['a sentence ending in a year', 'In 2019. 2020 was better', 'In 2019. 2020 was better'],
    ['a word with O not between digits', 'Order 12 OK', 'Order 12 OK'],
    ['a single space between numbers', '12 34', '12 34'],
    ['a line break between numbers', '12\n34', '12\n34'],
    ['an I10 code after a space', 'Dx I10', 'Dx I10'],
  ])('leaves %s alone', (_why, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it('returns the same string object when nothing changes', () => {
    const input = 'nothing to rewrite here 123-45';
    const result = normalizeText(input);
    expect(result.text).toBe(input);
    expect(result.offsets.isIdentity).toBe(true);
  });

  it('maps every character back to where it came from', () => {
    const input = 'x ５\u200B３6 - 22 𝟓';
    const { text, origin } = roundTrip(input);
    expect(text).toBe('x 536-22 5');
    // The joined separator stands for all of " - " and points at its first character.
    expect([...text].map((_, i) => origin(i))).toEqual([
      'x',
      ' ',
      '５',
      '３',
      '6',
      ' ',
      '2',
      '2',
      ' ',
      '\uD835',
    ]);
  });

  it('maps the end of a span past a removed character', () => {
    const input = 'ab\u200Bcd';
    const { text, offsets } = normalizeText(input);
    expect(text).toBe('abcd');
    expect(offsets.toOriginal(2)).toBe(3);
    expect(offsets.toOriginal(4)).toBe(5);
  });

  it('maps both characters of an expansion to its source', () => {
    const input = 'aﬁb';
    const { text, offsets } = normalizeText(input);
    expect(text).toBe('afib');
    expect([0, 1, 2, 3, 4].map((i) => offsets.toOriginal(i))).toEqual([0, 1, 1, 2, 3]);
  });
});

describe('normalizeText on arbitrary input', () => {
  it('maps every position into the input, in order', async () => {
    const fc = await import('fast-check');
    const pieces = fc.constantFrom(
      '1',
      '2',
      ' ',
      '-',
      '.',
      '\n',
      'O',
      'l',
      'a',
      '５',
      '\u200B',
      '😀',
      '–',
      'ﬁ',
      '\u00A0',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const input = parts.join('');
        const { text, offsets } = normalizeText(input);
        let previous = -1;
        for (let i = 0; i <= text.length; i++) {
          const original = offsets.toOriginal(i);
          expect(original).toBeGreaterThanOrEqual(previous);
          expect(original).toBeLessThanOrEqual(input.length);
          previous = original;
        }
        expect(offsets.toOriginal(text.length)).toBe(input.length);
      }),
      { numRuns: 500 },
    );
  });
});
