/**
 * The most UTF-8 bytes a match of an re2 pattern can span, read from the pattern's syntax,
 * or undefined when a repetition is unbounded or the pattern holds something this reader
 * does not know. The scanner runs a pattern that needs a context word only near such
 * words; the bound tells how far before a word a match can start.
 *
 * Every character a pattern matches counts as 4 bytes, the most one code point takes, so
 * the bound holds whatever the text's script and whatever case folding does.
 */
export function maxMatchBytes(source: string): number | undefined {
  const reader = new LengthReader(source);
  const most = reader.alternation();
  return reader.atEnd() ? most : undefined;
}

const BYTES_PER_CHARACTER = 4;

/** Escapes that match a position, not a character: `\b`, `\B`, `\A`, `\z`. */
const ZERO_WIDTH_ESCAPES = new Set(['b', 'B', 'A', 'z']);

const REPEAT = /^\{(\d+)(?:(,)(\d*))?\}/;

/**
 * A recursive reader over the pattern: an alternation is sequences joined by `|`, a
 * sequence is atoms each with an optional quantifier. Undefined stands for "no bound", so
 * one unbounded or unknown part makes the whole result undefined.
 */
class LengthReader {
  private at = 0;

  constructor(private readonly source: string) {}

  atEnd(): boolean {
    return this.at === this.source.length;
  }

  /** The longest of the `|` branches, up to a `)` or the end. */
  alternation(): number | undefined {
    let most = this.sequence();
    while (most !== undefined && this.source[this.at] === '|') {
      this.at++;
      const branch = this.sequence();
      most = branch === undefined ? undefined : Math.max(most, branch);
    }
    return most;
  }

  private sequence(): number | undefined {
    let total = 0;
    while (this.at < this.source.length) {
      const char = this.source[this.at]!;
      if (char === '|' || char === ')') break;
      const atom = this.atom();
      if (atom === undefined) return undefined;
      const times = this.quantifier();
      if (times === undefined) return undefined;
      total += atom * times;
    }
    return total;
  }

  /** The most bytes one atom matches, the cursor then just past it. */
  private atom(): number | undefined {
    const source = this.source;
    const char = source[this.at]!;
    if (char === '(') return this.group();
    if (char === '[') {
      const end = classEnd(source, this.at);
      if (end < 0) return undefined;
      this.at = end;
      return BYTES_PER_CHARACTER;
    }
    if (char === '\\') return this.escape();
    if (char === '^' || char === '$') {
      this.at++;
      return 0;
    }
    if (char === '*' || char === '+' || char === '?') return undefined; // a stray quantifier
    // A literal (or `.`): one code point, which a surrogate pair writes as two units.
    this.at += (source.codePointAt(this.at) ?? 0) > 0xffff ? 2 : 1;
    return BYTES_PER_CHARACTER;
  }

  private group(): number | undefined {
    const source = this.source;
    this.at++;
    if (source[this.at] === '?') {
      // `(?i)` sets flags and matches nothing; `(?i:...)`, `(?:...)`, `(?P<n>...)` group.
      const head = /^\?(?:[imsU-]*\)|[imsU-]*:|P?<[A-Za-z_][A-Za-z0-9_]*>)/.exec(
        source.slice(this.at),
      );
      if (!head) return undefined;
      this.at += head[0].length;
      if (head[0].endsWith(')')) return 0;
    }
    const inner = this.alternation();
    if (inner === undefined || source[this.at] !== ')') return undefined;
    this.at++;
    return inner;
  }

  private escape(): number | undefined {
    const source = this.source;
    const next = source[this.at + 1];
    if (next === undefined) return undefined;
    if (next === 'Q') {
      const end = source.indexOf('\\E', this.at + 2);
      const quoted = end < 0 ? source.slice(this.at + 2) : source.slice(this.at + 2, end);
      this.at = end < 0 ? source.length : end + 2;
      return [...quoted].length * BYTES_PER_CHARACTER;
    }
    if (ZERO_WIDTH_ESCAPES.has(next)) {
      this.at += 2;
      return 0;
    }
    if ((next === 'p' || next === 'P' || next === 'x') && source[this.at + 2] === '{') {
      const close = source.indexOf('}', this.at + 3);
      if (close < 0) return undefined;
      this.at = close + 1;
      return BYTES_PER_CHARACTER;
    }
    if (next === 'x') {
      this.at += 4; // \x41
      return BYTES_PER_CHARACTER;
    }
    // Octal escapes and anything else with a digit are left to re2 alone.
    if (next >= '0' && next <= '9') return undefined;
    // \d, \w, \s, \pL, \. and other single-character escapes.
    this.at += next === 'p' || next === 'P' ? 3 : 2;
    return BYTES_PER_CHARACTER;
  }

  /** How many times the atom before may repeat at most; undefined when without bound. */
  private quantifier(): number | undefined {
    const source = this.source;
    const char = source[this.at];
    let times = 1;
    if (char === '*' || char === '+') return undefined;
    if (char === '?') {
      this.at++;
    } else if (char === '{') {
      const repeat = REPEAT.exec(source.slice(this.at));
      if (!repeat) return 1; // not a repetition: re2 reads `{` as a literal next time
      if (repeat[2] !== undefined && repeat[3] === '') return undefined; // {n,}
      times = Number(repeat[3] ?? repeat[1]);
      this.at += repeat[0].length;
    } else {
      return 1;
    }
    if (source[this.at] === '?') this.at++; // lazy: the same bound
    return times;
  }
}

/** Just past the `]` that closes the class opened at `start`, or -1. */
export function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++; // a `]` first in the class is a literal
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') i += 2;
    else if (char === '[' && source[i + 1] === ':') {
      const end = source.indexOf(':]', i + 2);
      i = end < 0 ? i + 1 : end + 2;
    } else if (char === ']') return i + 1;
    else i++;
  }
  return -1;
}
