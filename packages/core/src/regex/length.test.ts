import { describe, expect, it } from 'vitest';
import { maxMatchBytes } from './length.js';

describe('maxMatchBytes', () => {
  it.each([
    ['\\b\\d{3}\\b', 12, 'three digits between boundaries'],
    ['a{3}b?', 16, 'a counted and an optional atom'],
    ['(?i)ab', 8, 'a flags group matches nothing'],
    ['x|yy|(z){5}', 20, 'the longest branch counts'],
    ['[\\]x]{2}', 8, 'a class with an escaped bracket is one character'],
    ['\\Qab*\\E', 12, 'a quoted literal counts its characters'],
    ['a{,2}', 20, 'a brace that is no repetition is literal'],
    ['\\p{Greek}\\pL', 8, 'Unicode classes'],
    ['(?P<value>\\d{1,2})/(?:\\d{4}|\\d{2})', 28, 'groups of every kind'],
    ['^a$', 4, 'anchors match nothing'],
  ])('bounds %s at %i bytes (%s)', (source, bytes) => {
    expect(maxMatchBytes(source)).toBe(bytes);
  });

  it.each([
    ['a+', 'a plus'],
    ['(?:ab|cde)*', 'a star on a group'],
    ['a{2,}', 'an open count'],
    ['(a', 'an unclosed group'],
    ['\\1', 'a digit escape'],
  ])('gives no bound for %s (%s)', (source) => {
    expect(maxMatchBytes(source)).toBeUndefined();
  });
});
