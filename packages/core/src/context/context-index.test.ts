import { describe, expect, it } from 'vitest';
import { ContextVocabulary } from './context-index.js';
import { ContextWords } from './context-words.js';

describe('ContextVocabulary', () => {
  const vocabulary = ContextVocabulary.of(['badge', 'badge no', 'D.O.B.', 'dob', 'Zoë']);

  it('finds every phrase, by the word it starts at and longest first', () => {
    const index = vocabulary.index('Badge No: 12, d.o.b 1/2/80, ZOË');
    expect(index.sightings.map((s) => [s.key, s.word, s.words, s.start, s.end])).toEqual([
      ['badge no', 0, 2, 0, 8],
      ['badge', 0, 1, 0, 5],
      ['d o b', 3, 3, 14, 19],
      ['zoë', 9, 1, 28, 31],
    ]);
  });

  it('finds a phrase only in consecutive words', () => {
    expect(vocabulary.index('badge, then no').sightings.map((s) => s.key)).toEqual(['badge']);
  });
});

describe('ContextWords', () => {
  const words = new ContextWords([
    { words: ['badge', 'badge no'], effect: 'raise' },
    { words: ['room'], effect: 'lower' },
  ]);
  const vocabulary = new ContextVocabulary(words.keys());

  it('sees the longest phrase and how far it is from the match', () => {
    const text = 'badge no 4411 room';
    const index = vocabulary.index(text);
    const sightings = words.sightings(index, text.length, 9, 13, 60, 30);
    expect(sightings.map((s) => [s.key, s.group.effect, s.distance])).toEqual([
      ['badge no', 'raise', 1],
      ['room', 'lower', 1],
    ]);
  });

  it('leaves out a word cut by the edge of the window', () => {
    // Three characters before the match at 6 reach back into "badge", which is cut.
    const text = 'badge 4411';
    const index = vocabulary.index(text);
    expect(words.sightings(index, text.length, 6, 10, 3, 0)).toEqual([]);
    expect(words.sightings(index, text.length, 6, 10, 6, 0).map((s) => s.key)).toEqual(['badge']);
  });

  it('does not count words inside the match', () => {
    const text = 'badge';
    const index = vocabulary.index(text);
    expect(words.sightings(index, text.length, 0, 5, 60, 30)).toEqual([]);
  });
});
