import { describe, expect, it } from 'vitest';
import { canMatchEmpty, positionalGroups, splitForm } from '../regex/groups.js';
import { builtInDetectors, isBuiltInPattern } from './index.js';

// A scanner takes the positional and split forms of built-in patterns without having re2
// confirm them (see `positionalGroups`); this is where they are confirmed.
describe('forms of the built-in patterns', () => {
  const patterns = builtInDetectors.flatMap((detector) =>
    detector.patterns.map((pattern) => ({ id: `${detector.id}/${pattern.name}`, pattern })),
  );

  it('are the forms re2 confirms', () => {
    let confirmed = 0;
    for (const { id, pattern } of patterns) {
      const flags = pattern.ignoreCase ? 'i' : '';
      const positional = positionalGroups(pattern.regex, flags);
      expect(positionalGroups(pattern.regex, flags, false), id).toEqual(positional);
      if (!positional || canMatchEmpty(positional.source, flags)) continue;
      const value = positional.valueIsWholeMatch ? 0 : positional.names.indexOf('value') + 1;
      const form = splitForm(positional.source, flags, value);
      expect(splitForm(positional.source, flags, value, false), id).toEqual(form);
      if (form) confirmed++;
    }
    // Not vacuous: re2 confirmed a split form for every pattern.
    expect(confirmed).toBe(patterns.length);
  });

  it('are told apart from the patterns of a site detector', () => {
    expect(patterns.every(({ pattern }) => isBuiltInPattern(pattern))).toBe(true);
    const first = patterns[0]!.pattern;
    expect(isBuiltInPattern({ ...first, regex: `${first.regex}x` })).toBe(false);
    expect(isBuiltInPattern({ ...first, ignoreCase: !first.ignoreCase })).toBe(false);
  });
});
