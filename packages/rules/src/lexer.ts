import { PolicyError, type PolicySource, type Position, type SourceRange } from './errors.js';

/** The kinds of token: words, raw strings, numbers, marks and the end of the file. */
export type TokenKind = 'word' | 'string' | 'number' | 'punct' | 'eof';

/** One token and where it is. */
export interface Token {
  readonly kind: TokenKind;
  /** The word, the string's content (quotes removed), the number's digits or the mark. */
  readonly text: string;
  readonly range: SourceRange;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', ':']);
const COMPARISON_START = new Set(['>', '<', '=', '!']);

/**
 * Splits policy text into words, strings, numbers and marks. Strings are raw, so that
 * patterns read as re2 writes them: `"\d{3}"` is backslash-d; only `\"` is special.
 * A `#` starts a comment that runs to the end of the line.
 */
export function tokenize(source: PolicySource): Token[] {
  const text = source.text;
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ offset, line, column: offset - lineStart + 1 });
  const fail = (code: string, problem: string, start: Position, length = 1): never => {
    const end = { ...start, offset: start.offset + length, column: start.column + length };
    throw new PolicyError(code, problem, source, { start, end });
  };

  while (offset < text.length) {
    const char = text[offset]!;
    // Cursor between tokens: skip blanks, counting lines.
    if (char === '\n') {
      offset++;
      line++;
      lineStart = offset;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') {
      offset++;
      continue;
    }
    if (char === '#') {
      while (offset < text.length && text[offset] !== '\n') offset++;
      continue;
    }

    const start = here();
    if (/[A-Za-z_]/.test(char)) {
      // Cursor on a word: letters, digits, `_` and inner `-` (`end-to-end`, `hipaa-baseline`).
      let end = offset + 1;
      while (end < text.length && /[A-Za-z0-9_-]/.test(text[end]!)) end++;
      offset = end;
      tokens.push({
        kind: 'word',
        text: text.slice(start.offset, end),
        range: { start, end: here() },
      });
    } else if (/[0-9]/.test(char)) {
      // Cursor on a number: digits with an optional fraction.
      const match = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(offset, offset + 40))!;
      offset += match[0].length;
      if (offset < text.length && /[A-Za-z_]/.test(text[offset]!)) {
        fail(
          'number_glued_to_word',
          'a number runs into a word; put a space between them, as in 10 MB',
          start,
          match[0].length + 1,
        );
      }
      tokens.push({ kind: 'number', text: match[0], range: { start, end: here() } });
    } else if (char === '"') {
      // Cursor inside a string: read to the closing quote on the same line.
      let end = offset + 1;
      let value = '';
      while (end < text.length && text[end] !== '"' && text[end] !== '\n') {
        if (text[end] === '\\' && text[end + 1] === '"') {
          value += '"';
          end += 2;
        } else {
          value += text[end];
          end++;
        }
      }
      if (text[end] !== '"') {
        fail(
          'unterminated_string',
          'this string has no closing quote; end it with " on the same line',
          start,
          end - offset,
        );
      }
      offset = end + 1;
      tokens.push({ kind: 'string', text: value, range: { start, end: here() } });
    } else if (COMPARISON_START.has(char)) {
      const two = text.slice(offset, offset + 2);
      if (two === '==')
        fail('double_equals', "found '=='; write '=' to compare for equality", start, 2);
      const mark = two === '>=' || two === '<=' || two === '!=' ? two : char;
      if (mark === '!')
        fail(
          'unexpected_character',
          "found '!'; write 'not' before a condition, or '!=' to compare",
          start,
        );
      offset += mark.length;
      tokens.push({ kind: 'punct', text: mark, range: { start, end: here() } });
    } else if (PUNCTUATION.has(char)) {
      offset++;
      tokens.push({ kind: 'punct', text: char, range: { start, end: here() } });
    } else {
      fail('unexpected_character', unexpected(char), start);
    }
  }
  const end = here();
  tokens.push({ kind: 'eof', text: '', range: { start: end, end } });
  return tokens;
}

/** The line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** The problem for a character the language does not use, with what to write instead. */
function unexpected(char: string): string {
  if (char === "'") return 'found a single quote; write strings in double quotes';
  if (char === '&') return "found '&'; write 'and' between conditions";
  if (char === '|') return "found '|'; write 'or' between conditions";
  if (char === ';') return "found ';'; statements need no separator, remove it";
  return (
    `unexpected character '${printable(char)}'; remove it, or put it inside a double-quoted ` +
    `string`
  );
}

/** A character as it may be shown in a message: control characters as code points. */
function printable(char: string): string {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f
    ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : char;
}
