import { OffsetMap } from './offset-map.js';

/** Text prepared for matching, with the way back to the caller's offsets. */
export interface NormalizedText {
  /** The text patterns run on. */
  readonly text: string;
  /** Maps positions in `text` to UTF-16 positions in the input. */
  readonly offsets: OffsetMap;
}

const ZERO = 0x30;
const NINE = 0x39;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function isNumberSeparator(code: number): boolean {
  return code === 0x2d /* - */ || code === 0x2e /* . */ || code === 0x2f /* / */;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/**
 * Characters that change nothing a reader sees but split a number for a regex: zero-width
 * spaces and joiners, the word joiner, the byte-order mark, the soft hyphen and bidi controls.
 */
function isInvisible(code: number): boolean {
  return (
    code === 0x00ad ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff ||
    code === 0x180e
  );
}

/** Hyphens, dashes and minus signs that people and word processors put inside numbers. */
function isDashLike(code: number): boolean {
  return (
    (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63 || code === 0xfe58
  );
}

const spaceSeparator = /^\p{Zs}$/u;
const decimalDigit = /^\p{Nd}$/u;

/**
 * Latin letters written with Cyrillic or Greek code points that look the same. Only the
 * letters that occur in identifiers and labels are listed.
 */
const LOOKALIKE_LETTERS: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
};

const digitValueCache = new Map<number, number>();

/**
 * The value of a decimal digit from any script. Unicode lays every script's digits out as
 * a run of ten starting at zero, so the value is the distance from the start of the run.
 */
function digitValue(code: number): number {
  const cached = digitValueCache.get(code);
  if (cached !== undefined) return cached;
  let start = code;
  while (start > 0 && decimalDigit.test(String.fromCodePoint(start - 1))) start--;
  const value = (code - start) % 10;
  digitValueCache.set(code, value);
  return value;
}

/** What a non-ASCII code point becomes, or undefined to keep it as it is. */
function rewriteNonAscii(code: number, char: string): string | undefined {
  if (isInvisible(code)) return '';
  if (isDashLike(code)) return '-';
  if (spaceSeparator.test(char)) return ' ';
  const lookalike = LOOKALIKE_LETTERS[char];
  if (lookalike !== undefined) return lookalike;
  const compatible = char.normalize('NFKC');
  if (compatible !== char) return compatible;
  if (decimalDigit.test(char)) return String.fromCharCode(ZERO + digitValue(code));
  return undefined;
}

/**
 * Prepares text for matching so that identifiers written to dodge a scanner read as they
 * would to a person:
 *
 * - Unicode NFKC per character (full-width and mathematical digits become ASCII), digits of
 *   other scripts become ASCII digits, Cyrillic and Greek look-alike letters become Latin;
 * - invisible characters (zero-width, soft hyphen, bidi controls) are removed;
 * - dashes become `-`, Unicode spaces become a space;
 * - inside a number, `O`/`o` become `0` and `l`/`I`/`|` become `1`, spaces around a
 *   separator are dropped (`123 - 45 - 6789`), a line break after a separator is dropped,
 *   and runs of spaces between digits become one space.
 *
 * Every rewrite is recorded in the offset map, so findings point at the caller's text.
 * Composition across characters (a letter followed by a combining accent) is not done:
 * identifiers do not need it and it would cost a full NFKC pass.
 */
export function normalizeText(input: string): NormalizedText {
  const offsets = new OffsetMap();
  const pieces: string[] = [];
  let outLength = 0;
  let copiedUpTo = 0;
  let lastOut = -1;

  const emit = (replacement: string, from: number, to: number): void => {
    if (from > copiedUpTo) {
      pieces.push(input.slice(copiedUpTo, from));
      outLength += from - copiedUpTo;
    }
    pieces.push(replacement);
    if (replacement.length !== to - from) {
      // Every character of a replacement points at the start of what it replaced; what
      // follows points just past it.
      for (let k = 0; k < replacement.length; k++) offsets.set(outLength + k, from - outLength - k);
      outLength += replacement.length;
      offsets.set(outLength, to - outLength);
    } else {
      outLength += replacement.length;
    }
    copiedUpTo = to;
    if (replacement.length > 0) lastOut = replacement.charCodeAt(replacement.length - 1);
  };

  const length = input.length;
  let i = 0;
  while (i < length) {
    const code = input.charCodeAt(i);

    if (code < 0x80 && !(isDigit(lastOut) && mayFollowDigit(code))) {
      // Most text needs nothing: jump to the next place that may, copying what lies between.
      PLACES_TO_LOOK.lastIndex = i;
      const place = PLACES_TO_LOOK.exec(input);
      if (place === null) break;
      const next = place[0].length === 2 ? place.index + 1 : place.index;
      if (next > i) {
        lastOut = input.charCodeAt(next - 1);
        i = next;
        continue;
      }
    }

    if (code < 0x80) {
      if (isDigit(lastOut) && (isBlank(code) || isNumberSeparator(code))) {
        const next = joinNumberParts(input, i);
        if (next !== undefined) {
          emit(next.replacement, i, next.end);
          i = next.end;
          continue;
        }
      }
      if (isDigit(lastOut) && i + 1 < length && isDigit(input.charCodeAt(i + 1))) {
        const digit = lookalikeDigit(code);
        if (digit !== undefined) {
          emit(digit, i, i + 1);
          i++;
          continue;
        }
      }
      lastOut = code;
      i++;
      continue;
    }

    const point = input.codePointAt(i)!;
    const units = point > 0xffff ? 2 : 1;
    const char = input.slice(i, i + units);
    const replacement = rewriteNonAscii(point, char);
    if (replacement !== undefined) {
      emit(replacement, i, i + units);
    } else {
      lastOut = code;
    }
    i += units;
  }

  if (copiedUpTo === 0) return { text: input, offsets };
  if (copiedUpTo < length) pieces.push(input.slice(copiedUpTo));
  return { text: pieces.join(''), offsets };
}

/**
 * Where a rewrite may be needed: any non-ASCII character, or a digit followed by a blank,
 * a separator or a look-alike letter. A fixed character-class pattern without repetition,
 * so it runs in linear time in V8's engine, which is far faster here than a call into re2.
 */
const PLACES_TO_LOOK = /[\u0080-\uffff]|[0-9][ \t\-./OolI|]/g;

function mayFollowDigit(code: number): boolean {
  return isBlank(code) || isNumberSeparator(code) || lookalikeDigit(code) !== undefined;
}

function lookalikeDigit(code: number): string | undefined {
  if (code === 0x4f /* O */ || code === 0x6f /* o */) return '0';
  if (code === 0x6c /* l */ || code === 0x49 /* I */ || code === 0x7c /* | */) return '1';
  return undefined;
}

const MAX_GAP = 8;

/**
 * Looks at what follows a digit at `start`: blanks and at most one separator, and at most
 * one line break right after a separator. Returns the tidy form when a digit follows, so
 * `12 - 34` reads `12-34`, `12-\n34` reads `12-34` and `12   34` reads `12 34`.
 */
function joinNumberParts(
  input: string,
  start: number,
): { replacement: string; end: number } | undefined {
  let i = start;
  let separator = -1;
  let blanksBefore = 0;
  let blanksAfter = 0;
  let lineBreak = false;
  while (i < input.length && i - start <= MAX_GAP) {
    const code = input.charCodeAt(i);
    if (isBlank(code)) {
      if (separator < 0) blanksBefore++;
      else blanksAfter++;
    } else if (isNumberSeparator(code) && separator < 0) {
      separator = code;
    } else if ((code === LF || code === CR) && separator >= 0 && !lineBreak) {
      lineBreak = true;
      if (code === CR && input.charCodeAt(i + 1) === LF) i++;
    } else {
      break;
    }
    i++;
  }
  if (i >= input.length || !isDigit(input.charCodeAt(i))) return undefined;
  if (separator < 0) return blanksBefore >= 2 ? { replacement: ' ', end: i } : undefined;
  if (blanksBefore === 0 && blanksAfter === 0 && !lineBreak) return undefined;
  // A full stop followed by a space or a line break usually ends a sentence ("in 2019. 2020
  // was..."): join it only when it is spaced on both sides, as in "123 . 45 . 6789".
  if (separator === 0x2e && blanksBefore === 0) return undefined;
  return { replacement: String.fromCharCode(separator), end: i };
}
