import { describe, expect, it } from 'vitest';
import { builtInDetectors } from '../detectors/index.js';
import { nestedRepetitions } from './backtracking.js';
import { compilePattern } from './re2.js';

describe('nestedRepetitions', () => {
  it.each([
    ['(a+)+$', 'a repeated group of a repeated atom'],
    ['(\\d+-?)*x', 'digits and an optional dash, repeated'],
    ['((ab)*c)+', 'a repetition two groups deep'],
    ['(x{2,})*', 'an open-ended counted repetition inside a star'],
    ['([a-z]+\\s)+@', 'words and spaces, repeated'],
  ])('reports %s (%s)', (source) => {
    expect(nestedRepetitions(source)).not.toEqual([]);
  });

  it.each([
    ['\\b\\d{3}-\\d{2}-\\d{4}\\b', 'fixed-width digits'],
    ['(?:\\d{3}[- ]){2}\\d{4}', 'a bounded group repeated a fixed number of times'],
    ['[a-z]+(?:\\.[a-z]+)?', 'an optional group'],
    ['(?P<value>[A-Z]\\d{7})', 'a named group without repetition'],
    ['[(+*]+', 'quantifier characters inside a class'],
    ['\\(\\d+\\)+', 'escaped parentheses'],
    ['(?:[a-z0-9-]+\\.)+[a-z]{2,}', 'domain labels, each ending in a required dot'],
  ])('accepts %s (%s)', (source) => {
    expect(nestedRepetitions(source)).toEqual([]);
  });
});

// Every built-in pattern must compile in re2 and be free of nested repetition, so it stays
// safe even if copied into a backtracking engine.
describe.each(builtInDetectors.filter((d) => d.patterns.length > 0).map((d) => [d.id, d] as const))(
  'patterns of %s',
  (id, detector) => {
    it.each(detector.patterns.map((p) => [p.name, p] as const))(
      '%s is linear and re2-compatible',
      (_name, pattern) => {
        expect(() =>
          compilePattern(id, pattern.name, pattern.regex, pattern.ignoreCase ? 'i' : ''),
        ).not.toThrow();
        expect(nestedRepetitions(pattern.regex)).toEqual([]);
      },
    );
  },
);
