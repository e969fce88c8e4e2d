import { describe, expect, it } from 'vitest';
import { Utf8Text } from './utf8.js';

describe('Utf8Text', () => {
  it('maps byte offsets to UTF-16 positions across multi-byte characters', () => {
    const text = 'aé€😀b';
    const utf8 = new Utf8Text(text);
    // a (1 byte) é (2) € (3) 😀 (4, two UTF-16 units) b (1)
    expect(utf8.bytes.length).toBe(11);
    expect([0, 1, 3, 6, 10, 11].map((b) => utf8.toIndex(b))).toEqual([0, 1, 2, 3, 5, 6]);
    expect(text[utf8.toIndex(10)]).toBe('b');
  });

  it('handles a lone surrogate as the three-byte replacement character', () => {
    const text = 'a\uD800b';
    const utf8 = new Utf8Text(text);
    expect(utf8.bytes.length).toBe(5);
    expect(utf8.toIndex(4)).toBe(2);
  });

  it('is the identity for ASCII', () => {
    const utf8 = new Utf8Text('plain');
    expect([0, 3, 5].map((b) => utf8.toIndex(b))).toEqual([0, 3, 5]);
  });
});
