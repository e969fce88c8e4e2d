const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;
const HYPHEN = 0x2d;

const LETTER = /^\p{L}$/u;

/** UTF-16 units of the letter at `i`: 1, 2 for one outside the BMP, 0 for no letter. */
function letterLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    const folded = code | 0x20; // A-Z onto a-z; nothing else lands there
    return folded >= 0x61 && folded <= 0x7a ? 1 : 0;
  }
  const point = text.codePointAt(i)!;
  if (!LETTER.test(String.fromCodePoint(point))) return 0;
  return point > 0xffff ? 2 : 1;
}

function isInnerMark(code: number): boolean {
  return code === APOSTROPHE || code === RIGHT_SINGLE_QUOTE || code === HYPHEN;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Walks the words of a text as the pattern `\p{L}(?:[\p{L}'’-]*\p{L})?` finds them (with
 * `|\d+` when numbers count): letters with apostrophes and hyphens inside, so "O'Brien"
 * and "Wilkes-Barre" are one word. The pattern with Unicode classes was half the cost of
 * splitting a text into words; ASCII letters are decided here without it.
 *
 * A word ends at the last letter of its run of letters, apostrophes and hyphens, which is
 * where the pattern's greedy repetition backs off to.
 */
export class WordCursor {
  /** Where the current word starts. */
  start = 0;
  /** Just past the current word; where the walk goes on. */
  end = 0;

  constructor(
    private readonly text: string,
    private readonly withNumbers: boolean,
  ) {}

  /** Moves to the next word; false when there is none. */
  next(): boolean {
    const text = this.text;
    for (let i = this.end; i < text.length; i++) {
      const letter = letterLength(text, i);
      if (letter > 0) {
        this.start = i;
        this.end = this.lastLetterEnd(i + letter);
        return true;
      }
      if (this.withNumbers && isDigit(text.charCodeAt(i))) {
        let end = i + 1;
        while (end < text.length && isDigit(text.charCodeAt(end))) end++;
        this.start = i;
        this.end = end;
        return true;
      }
    }
    this.end = text.length;
    return false;
  }

  /** Just past the last letter of the run of letters and inner marks from `from` on. */
  private lastLetterEnd(from: number): number {
    const text = this.text;
    let end = from;
    let i = from;
    while (i < text.length) {
      const letter = letterLength(text, i);
      if (letter > 0) {
        i += letter;
        end = i;
      } else if (isInnerMark(text.charCodeAt(i))) {
        i++;
      } else {
        break;
      }
    }
    return end;
  }
}
