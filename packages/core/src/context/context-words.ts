import type { ContextGroup } from '../detector/types.js';

/**
 * The form context words are compared in: lower case, every run of characters other than
 * letters and digits turned into one space. `SS#`, `ss #` and `SS` are all `ss`;
 * `D.O.B.` is `d o b`.
 */
export function contextKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A context group seen near a match, and how far from it. */
export interface ContextSighting {
  readonly key: string;
  readonly group: ContextGroup;
  /** Characters between the word and the match. */
  readonly distance: number;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function isWordCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && code < 0x2000)
  );
}

/**
 * Splits `text[from, to)` into lower-case words. A word cut by either edge is dropped:
 * half of "Martin" must not read as "tin".
 */
function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && isWordCode(text.charCodeAt(i))) i++;
    const cut =
      (start === from && isWordCode(text.charCodeAt(start - 1))) ||
      (i === to && isWordCode(text.charCodeAt(i)));
    if (!cut) tokens.push({ text: text.slice(start, i).toLowerCase(), start, end: i });
  }
  return tokens;
}

/**
 * One detector's context words, looked up in the few characters around each match.
 *
 * Looking words up per match, rather than finding every context word in the whole text
 * first, keeps the cost proportional to the number of matches: common words such as
 * "date" or "order" occur everywhere in mail, matches do not.
 */
export class ContextWords {
  private readonly groupsByKey = new Map<string, ContextGroup[]>();
  private readonly longestPhrase: number;

  constructor(groups: readonly ContextGroup[]) {
    let longest = 0;
    for (const group of groups) {
      for (const word of group.words) {
        const key = contextKey(word);
        if (key === '') continue;
        longest = Math.max(longest, key.split(' ').length);
        const list = this.groupsByKey.get(key) ?? [];
        list.push(group);
        this.groupsByKey.set(key, list);
      }
    }
    this.longestPhrase = longest;
  }

  get isEmpty(): boolean {
    return this.groupsByKey.size === 0;
  }

  /**
   * The context groups whose words occur within `before` characters before `start` or
   * `after` characters after `end`. Words inside the match itself do not count.
   */
  sightings(
    text: string,
    start: number,
    end: number,
    before: number,
    after: number,
  ): ContextSighting[] {
    const found: ContextSighting[] = [];
    const left = tokenize(text, Math.max(0, start - before), start);
    const right = tokenize(text, end, Math.min(text.length, end + after));
    this.collect(left, (token) => start - token.end, found);
    this.collect(right, (token) => token.start - end, found);
    return found;
  }

  private collect(
    tokens: readonly Token[],
    distanceOf: (token: Token) => number,
    out: ContextSighting[],
  ): void {
    for (let i = 0; i < tokens.length; i++) {
      // The longest phrase starting at a word wins: "badge no" rather than "badge" too.
      for (let n = Math.min(this.longestPhrase, tokens.length - i); n >= 1; n--) {
        let key = tokens[i]!.text;
        for (let k = 1; k < n; k++) key += ` ${tokens[i + k]!.text}`;
        const groups = this.groupsByKey.get(key);
        if (!groups) continue;
        const nearest = Math.min(distanceOf(tokens[i]!), distanceOf(tokens[i + n - 1]!));
        for (const group of groups) out.push({ key, group, distance: Math.max(0, nearest) });
        i += n - 1;
        break;
      }
    }
  }
}
