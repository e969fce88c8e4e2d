import { describe, expect, it } from 'vitest';
import { builtInDetectors } from '../detectors/index.js';
import { positionalGroups } from './groups.js';
import { RE2 } from './re2.js';

describe('positionalGroups', () => {
  it.each([
    ['\\b(?P<value>\\d{3})\\b', 'word boundaries around the value'],
    ['(?P<value>\\d{3})', 'the value alone'],
    ['\\b\\b(?P<value>x)\\b', 'several boundaries'],
  ])('drops the group when the value is the whole match: %s (%s)', (source) => {
    const groups = positionalGroups(source, '');
    expect(groups?.valueIsWholeMatch).toBe(true);
    expect(groups?.names).toEqual([]);
    expect(groups?.source).not.toContain('(?P<');
  });

  it.each([
    ['a(?P<value>\\d)', ['value'], 'a label before the value'],
    ['(?P<d>\\d)-(?P<value>\\d(?P<y>\\d)?)', ['d', 'value', 'y'], 'groups inside groups'],
    ['(?<value>x)y', ['value'], 'the `(?<name>` spelling'],
    ['[(](?P<value>\\d)\\(', ['value'], 'brackets in a class and escaped'],
    ['\\Q(\\E(?P<value>\\d)', ['value'], 'a bracket in a quoted literal'],
    ['[[:alpha:]](?P<value>\\d)', ['value'], 'a POSIX class'],
    ['(?i:(?P<value>x))(\\d)', ['value', undefined], 'a flags group and a group without a name'],
  ])('numbers the groups of %s as re2 does', (source, names) => {
    const groups = positionalGroups(source, '');
    expect(groups?.names).toEqual(names);
    expect(groups?.valueIsWholeMatch).toBe(false);
  });

  it('finds the same groups at the same places as the named pattern', () => {
    const source = '(?P<m>\\d{1,2})/(?P<value>(?P<d>\\d{1,2})/(?P<y>\\d{4}))';
    const text = 'seen 3/14/2021 and 12/1/1999';
    const named = new RE2(source, 'gd');
    const groups = positionalGroups(source, '')!;
    const positional = new RE2(groups.source, 'gd');
    for (let a = named.exec(text), b = positional.exec(text); a; a = named.exec(text)) {
      groups.names.forEach((name, k) => {
        expect(b!.indices![k + 1]).toEqual(a!.indices!.groups![name!]);
      });
      b = positional.exec(text);
    }
  });

  it('gives up on a pattern it cannot read', () => {
    expect(positionalGroups('(?P<value>x', '')).toBeUndefined();
  });

  // Every built-in pattern runs positionally; a failure would silently cost speed.
  it.each(
    builtInDetectors.flatMap((d) => d.patterns.map((p) => [`${d.id}/${p.name}`, p] as const)),
  )('rewrites %s', (_name, pattern) => {
    expect(positionalGroups(pattern.regex, pattern.ignoreCase ? 'i' : '')).toBeDefined();
  });
});
