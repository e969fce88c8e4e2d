import { describe, expect, it } from 'vitest';
import { WordCursor } from './words.js';

/** The patterns the cursor stands in for, as the finders used them. */
const PATTERNS = {
  words: /\p{L}(?:[\p{L}'’-]*\p{L})?/gu,
  wordsAndNumbers: /\p{L}(?:[\p{L}'’-]*\p{L})?(?:['’]s)?|\d+/gu,
};

function viaCursor(text: string, withNumbers: boolean): [number, number][] {
  const spans: [number, number][] = [];
  const cursor = new WordCursor(text, withNumbers);
  while (cursor.next()) spans.push([cursor.start, cursor.end]);
  return spans;
}

function viaPattern(text: string, pattern: RegExp): [number, number][] {
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);
}

describe('WordCursor', () => {
  it.each([
    ["O'Brien and Wilkes-Barre", 'marks inside a word'],
    ["St. Luke's, the Smiths' house", 'possessives, and a trailing apostrophe'],
    ['end-- -start ’quoted’ x', 'marks at the edges of a word'],
    ['room 12b, 4411 and A1C', 'digits next to letters'],
    ['Zoë Müller, Ωmega, Đorđe', 'letters outside ASCII'],
    ['𝐀𝐁 smile 😀 done 𐐀𐐁', 'characters outside the BMP, letters and not'],
    ['lone \uD800 surrogate \uDC00 halves', 'lone surrogates'],
    ['', 'an empty text'],
  ])('finds the words the pattern finds in %j (%s)', (text) => {
    expect(viaCursor(text, false)).toEqual(viaPattern(text, PATTERNS.words));
    expect(viaCursor(text, true)).toEqual(viaPattern(text, PATTERNS.wordsAndNumbers));
  });
});
