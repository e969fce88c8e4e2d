import { classEnd } from './length.js';
import { RE2 } from './re2.js';

/**
 * A pattern's capture groups made positional: the same pattern with `(?P<name>...)`
 * written `(...)`, and the name of each group by number.
 *
 * re2 builds a `groups` object (and with indices a second one) for every match of a
 * pattern with named groups, which costs about a quarter of a match's time; the scanner
 * reads groups by number instead and names them itself.
 */
export interface PositionalGroups {
  readonly source: string;
  /** `names[k]` is the name of group k + 1, undefined for a group without one. */
  readonly names: readonly (string | undefined)[];
  /**
   * True when the whole match is the `value` group and there is no other group: the
   * pattern is `\b(?P<value>...)\b` or the like, and `source` has no group at all.
   */
  readonly valueIsWholeMatch: boolean;
}

interface Group {
  readonly name: string | undefined;
  /** Where `(` stands in the source. */
  readonly open: number;
  /** Just past the `>` of its name, or the `(`: where its body starts. */
  readonly body: number;
  /** Where its `)` stands; -1 until closed. */
  close: number;
}

const NAMED_GROUP = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/;

/**
 * Finds the capture groups of an re2 pattern: skips escapes, `\Q...\E` quotes and
 * character classes (with their `[:alpha:]` parts), so a bracket inside them is no group.
 * Undefined when the pattern does not read as expected (unbalanced brackets).
 */
function captureGroups(source: string): Group[] | undefined {
  const groups: Group[] = [];
  const open: (Group | undefined)[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') {
      if (source[i + 1] === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        i = end < 0 ? source.length : end + 2;
      } else {
        i += 2;
      }
    } else if (char === '[') {
      i = classEnd(source, i);
      if (i < 0) return undefined;
    } else if (char === '(') {
      const named = NAMED_GROUP.exec(source.slice(i));
      if (named) {
        const group = { name: named[1], open: i, body: i + named[0].length, close: -1 };
        groups.push(group);
        open.push(group);
        i = group.body;
      } else if (source[i + 1] === '?') {
        open.push(undefined); // (?:...) or flags: not a capture group
        i += 2;
      } else {
        const group = { name: undefined, open: i, body: i + 1, close: -1 };
        groups.push(group);
        open.push(group);
        i++;
      }
    } else if (char === ')') {
      if (open.length === 0) return undefined;
      const group = open.pop();
      if (group) group.close = i;
      i++;
    } else {
      i++;
    }
  }
  return open.length === 0 ? groups : undefined;
}

/** Only `\b` (word boundaries) in `text`: it matches no character. */
function zeroWidth(text: string): boolean {
  return /^(?:\\b)*$/.test(text);
}

/** How many capture groups re2 sees in `source`. */
function groupCount(source: string, flags: string): number {
  // An empty alternative lets the pattern match the empty string, so exec reports them all.
  return new RE2(`${source}|`, flags.replace(/[gdy]/g, '')).exec('')!.length - 1;
}

/**
 * The positional form of `source`, or undefined when it cannot be made with certainty: the
 * scanner then runs the pattern as written.
 */
export function positionalGroups(source: string, flags: string): PositionalGroups | undefined {
  const groups = captureGroups(source);
  if (!groups) return undefined;
  const only = groups.length === 1 ? groups[0]! : undefined;
  const valueIsWholeMatch =
    only?.name === 'value' &&
    zeroWidth(source.slice(0, only.open)) &&
    zeroWidth(source.slice(only.close + 1));

  let rewritten = '';
  let copied = 0;
  for (const group of groups) {
    if (group.name === undefined) continue;
    rewritten += `${source.slice(copied, group.open)}(${valueIsWholeMatch ? '?:' : ''}`;
    copied = group.body;
  }
  rewritten += source.slice(copied);

  // The rewrite must keep every group where re2 sees it; if not, keep the pattern as it is.
  const expected = valueIsWholeMatch ? 0 : groups.length;
  if (groupCount(source, flags) !== groups.length || groupCount(rewritten, flags) !== expected) {
    return undefined;
  }
  return {
    source: rewritten,
    names: valueIsWholeMatch ? [] : groups.map((g) => g.name),
    valueIsWholeMatch,
  };
}
