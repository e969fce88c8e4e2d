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
  /** How many brackets of any kind enclose it; 0 for a group at the top of the pattern. */
  readonly depth: number;
  /** Where `(` stands in the source. */
  readonly open: number;
  /** Just past the `>` of its name, or the `(`: where its body starts. */
  readonly body: number;
  /** Where its `)` stands; -1 until closed. */
  close: number;
}

const NAMED_GROUP = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/;

/** The capture groups of a pattern, and what stands outside every bracket. */
interface Structure {
  readonly groups: Group[];
  /** A `|` outside every bracket: the pattern is a choice between whole patterns. */
  readonly topLevelChoice: boolean;
  /** A flags group such as `(?i)` outside every bracket: it acts on all that follows. */
  readonly topLevelFlags: boolean;
}

const FLAGS_GROUP = /^\(\?[A-Za-z-]*\)/;

/**
 * Reads the structure of an re2 pattern: skips escapes, `\Q...\E` quotes and character
 * classes (with their `[:alpha:]` parts), so a bracket inside them is no group. Undefined
 * when the pattern does not read as expected (unbalanced brackets).
 */
function readStructure(source: string): Structure | undefined {
  const groups: Group[] = [];
  const open: (Group | undefined)[] = [];
  let topLevelChoice = false;
  let topLevelFlags = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    const past = pastLiteral(source, i);
    if (past < 0) return undefined;
    if (past > i) {
      i = past;
    } else if (char === '(') {
      const named = NAMED_GROUP.exec(source.slice(i));
      const depth = open.length;
      if (named) {
        const group = { name: named[1], depth, open: i, body: i + named[0].length, close: -1 };
        groups.push(group);
        open.push(group);
        i = group.body;
      } else if (source[i + 1] === '?') {
        if (depth === 0 && FLAGS_GROUP.test(source.slice(i))) topLevelFlags = true;
        open.push(undefined); // (?:...) or flags: not a capture group
        i += 2;
      } else {
        const group = { name: undefined, depth, open: i, body: i + 1, close: -1 };
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
      if (char === '|' && open.length === 0) topLevelChoice = true;
      i++;
    }
  }
  return open.length === 0 ? { groups, topLevelChoice, topLevelFlags } : undefined;
}

/**
 * Just past the escape, `\Q...\E` quote or character class (with its `[:alpha:]` parts)
 * that starts at `i`, inside which no bracket or operator counts; `i` itself when none
 * starts there, and -1 for a class that does not end.
 */
function pastLiteral(source: string, i: number): number {
  const char = source[i];
  if (char === '[') return classEnd(source, i);
  if (char !== '\\') return i;
  if (source[i + 1] !== 'Q') return i + 2;
  const end = source.indexOf('\\E', i + 2);
  return end < 0 ? source.length : end + 2;
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
 *
 * `confirm` has re2 count the groups of the pattern and of its rewrite, to be sure they are
 * where this reading puts them. Each count compiles the pattern once more, about a
 * millisecond a pattern; it is skipped only for the built-in patterns, whose forms a test
 * confirms (`detectors/builtin-forms.test.ts`).
 */
export function positionalGroups(
  source: string,
  flags: string,
  confirm = true,
): PositionalGroups | undefined {
  const groups = readStructure(source)?.groups;
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
  if (
    confirm &&
    (groupCount(source, flags) !== groups.length || groupCount(rewritten, flags) !== expected)
  ) {
    return undefined;
  }
  return {
    source: rewritten,
    names: valueIsWholeMatch ? [] : groups.map((g) => g.name),
    valueIsWholeMatch,
  };
}

/**
 * A positional pattern rewritten for `RE2.prototype.split`, which returns in one native
 * call the text before each match followed by every group of the match. Reading matches
 * that way costs a few times less than one `exec` per match, which builds an array, an
 * index and a copy of each group.
 *
 * The whole match is made a group; when the value is not the whole match, the part before
 * the value becomes a group of its own, so the value's offset is the sum of the lengths
 * before it. Pieces are numbered from 0 after the text before the match.
 */
export interface SplitForm {
  readonly source: string;
  /** Pieces a match adds after the text before it: one per group of `source`. */
  readonly width: number;
  /** Piece holding the match up to the value; -1 when the value starts the match. */
  readonly head: number;
  /** Piece holding the rest of the match, from the value on. */
  readonly tail: number;
  /** Piece holding the value. */
  readonly value: number;
  /** `groupPieces[k - 1]` is the piece of group k of the positional pattern. */
  readonly groupPieces: readonly number[];
}

/**
 * The split form of a positional pattern whose value is group `valueGroup` (0 for the
 * whole match), or undefined when it cannot be made with certainty: the value sits inside
 * another bracket, or a `|` or a flags group stands outside every bracket. The scanner
 * then reads that pattern's matches one `exec` at a time. `confirm` as for
 * `positionalGroups`.
 */
export function splitForm(
  source: string,
  flags: string,
  valueGroup: number,
  confirm = true,
): SplitForm | undefined {
  const structure = readStructure(source);
  if (!structure || structure.topLevelChoice || structure.topLevelFlags) return undefined;
  const { groups } = structure;
  const count = groups.length;
  let form: SplitForm;
  if (valueGroup === 0) {
    form = {
      source: `(${source})`,
      width: count + 1,
      head: -1,
      tail: 0,
      value: 0,
      groupPieces: groups.map((_, k) => k + 1),
    };
  } else {
    const value = groups[valueGroup - 1];
    if (value?.depth !== 0) return undefined;
    form = {
      source: `(${source.slice(0, value.open)})(${source.slice(value.open)})`,
      width: count + 2,
      head: 0,
      tail: valueGroup,
      value: valueGroup + 1,
      groupPieces: groups.map((_, k) => (k + 1 < valueGroup ? k + 1 : k + 2)),
    };
  }
  // The structure read here must be the one re2 sees, or the pieces would be misread.
  if (confirm && groupCount(form.source, flags) !== form.width) return undefined;
  return form;
}

/** `\b`, `\B`, `\A`, `\z`: escapes that match a position, not a character. */
const ASSERTION_ESCAPES = new Set(['b', 'B', 'A', 'z']);

/**
 * True unless every match of `source` is sure to take at least one character. re2 refuses
 * to say, so the pattern is read with its position assertions (`\b`, `^`, `$`...) taken
 * out: they only narrow where a match may be, so if what is left cannot match the empty
 * string, no match of the pattern is empty. `split` reports an empty match as one
 * character of text without groups, which would shift every piece after it.
 */
export function canMatchEmpty(source: string, flags: string): boolean {
  let stripped = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\' && ASSERTION_ESCAPES.has(source[i + 1] ?? '')) {
      i += 2;
      continue;
    }
    const past = pastLiteral(source, i);
    if (past < 0) return true;
    if (past > i) {
      stripped += source.slice(i, past);
      i = past;
    } else {
      if (char !== '^' && char !== '$') stripped += char;
      i++;
    }
  }
  try {
    return new RE2(stripped, flags.replace(/[gdy]/g, '')).test('');
  } catch {
    return true;
  }
}
