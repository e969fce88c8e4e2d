import { describe, expect, it } from 'vitest';
import { builtInDetectors } from '../detectors/index.js';
import { canMatchEmpty, positionalGroups, splitForm } from './groups.js';
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

describe('splitForm', () => {
  /** Every match of `source` in `text` read from split pieces: [start, value]. */
  function readBySplit(source: string, valueGroup: number, text: string): [number, string][] {
    const form = splitForm(source, '', valueGroup)!;
    const pieces = new RE2(form.source, 'g').split(text);
    const out: [number, string][] = [];
    let cursor = 0;
    for (let i = 0; i + form.width < pieces.length; i += form.width + 1) {
      cursor += pieces[i]!.length;
      const head = form.head < 0 ? 0 : pieces[i + 1 + form.head]!.length;
      out.push([cursor + head, pieces[i + 1 + form.value]!]);
      cursor += head + pieces[i + 1 + form.tail]!.length;
    }
    return out;
  }

  /** The same through exec with indices: [start, value]. */
  function readByExec(source: string, valueGroup: number, text: string): [number, string][] {
    const regex = new RE2(source, 'gd');
    const out: [number, string][] = [];
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const [start, end] = m.indices![valueGroup]!;
      out.push([start, text.slice(start, end)]);
    }
    return out;
  }

  it.each([
    ['\\b\\d{3}-\\d{2}-\\d{4}\\b', 0, 'ssn 123-45-6789 and 987-65-4321.'],
    ['MRN[: ]*(\\d{6,8})\\b', 1, 'MRN: 1234567, mrn 7654321, MRN 22334455'],
    ['(?:^|[^\\w.])(\\d{3})-(\\d{4})\\b', 1, '555-1234 call 555-9876 or x.555-0000'],
    ['(\\d{2})/(\\d{2})/(\\d{4})', 2, 'seen 03/14/2021 and 12/01/1999'],
    ['(\\p{Lu}\\p{Ll}+), ([A-Z]{2})\\b', 0, 'Zürich, ZH and Évry, FR — Ålesund, NO'],
  ])('reads the same matches as exec: %s', (source, value, text) => {
    expect(readBySplit(source, value, text)).toEqual(readByExec(source, value, text));
    expect(readBySplit(source, value, text).length).toBeGreaterThan(0);
  });

  it('maps each group to its piece', () => {
    const form = splitForm('(a)-(b(c))-(d)', '', 2)!;
    const pieces = new RE2(form.source, 'g').split('a-bc-d')!;
    expect(form.groupPieces.map((p) => pieces[1 + p])).toEqual(['a', 'bc', 'c', 'd']);
  });

  it.each([
    ['a|(b)', 1, 'a choice outside every bracket'],
    ['(?i)x(y)', 1, 'a flags group that acts on what follows'],
    ['(?:x(y))+', 1, 'the value inside another bracket'],
  ])('refuses %s (%s)', (source, value) => {
    expect(splitForm(source, '', value)).toBeUndefined();
  });
});

describe('canMatchEmpty', () => {
  it.each([
    ['\\bx?', true],
    ['(?:^|\\s)\\d*', true],
    ['a?\\b', true],
    ['\\b\\d{3}\\b', false],
    ['(?:^|[^\\w])(\\d+)', false],
    ['[.$^]', false],
    ['\\Q^\\E', false],
  ])('%s: %s', (source, expected) => {
    expect(canMatchEmpty(source, '')).toBe(expected);
  });
});
