import type { TextMemo } from '../../detector/types.js';
import { WordCursor } from '../../text/words.js';

/** A word of the text, for the place finders. */
export interface PlaceWord {
  readonly start: number;
  readonly end: number;
  /** Lower case, without a trailing possessive `'s`. */
  readonly key: string;
  /** Written as names are: capitalised, or in capitals when the text is not all capitals. */
  readonly capital: boolean;
  /** All capitals. */
  readonly upper: boolean;
  /** Written with a possessive `'s` ("St. Luke's"). */
  readonly possessive: boolean;
  /** What stands between the previous word and this one, blanks made one space. */
  readonly gap: string;
}

/**
 * True when most letters of the text are capitals, as in many clinical notes: there a
 * capital word says nothing about being a name.
 */
export function isUpperCaseText(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) upper++;
    else if (code >= 0x61 && code <= 0x7a) lower++;
  }
  return upper > 3 * lower;
}

/** A text split into words for the place finders. */
export interface PlaceText {
  /** Most letters are capitals (see `isUpperCaseText`). */
  readonly upperText: boolean;
  readonly words: readonly PlaceWord[];
}

/**
 * Splits text into words; in all-capitals text every word counts as capitalised. The city
 * and facility finders both need the words of a text: within a scan the memo splits it
 * once for both. Words are never changed after they are made, so sharing them is safe.
 */
export function placeTextOf(text: string, memo?: TextMemo): PlaceText {
  return memo ? memo.of(splitPlaceText) : splitPlaceText(text);
}

function splitPlaceText(text: string, memo?: TextMemo): PlaceText {
  const upperText = memo ? memo.of(isUpperCaseText) : isUpperCaseText(text);
  return { upperText, words: splitPlaceWords(text, upperText) };
}

function splitPlaceWords(text: string, upperText: boolean): PlaceWord[] {
  const words: PlaceWord[] = [];
  let previousEnd = 0;
  // Letters with apostrophes and hyphens inside ("O'Hare", "Wilkes-Barre"), or a number.
  const cursor = new WordCursor(text, true);
  while (cursor.next()) {
    const { start } = cursor;
    const raw = text.slice(start, cursor.end);
    // A word starts with a letter or is all digits, so a letter is there when the first
    // character is no digit.
    const letter = !isAsciiDigit(raw.charCodeAt(0));
    const upper = letter && isAllCapitals(raw);
    const possessive = endsPossessive(raw);
    const lower = raw.toLowerCase();
    words.push({
      start,
      end: start + raw.length,
      key: endsPossessive(lower) ? lower.slice(0, -2) : lower,
      capital: upperText ? upper : startsUpperCase(raw),
      upper,
      possessive,
      gap: gapBetween(text, previousEnd, start),
    });
    previousEnd = start + raw.length;
  }
  return words;
}

/** True when upper-casing changes nothing; ASCII words are decided without a new string. */
function isAllCapitals(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x80) return word === word.toUpperCase();
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return true;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True when the word ends in `'s` or `’s`, either case of the `s`. */
export function endsPossessive(word: string): boolean {
  const last = word.charCodeAt(word.length - 1);
  if (last !== 0x73 && last !== 0x53) return false;
  const quote = word.charCodeAt(word.length - 2);
  return quote === 0x27 || quote === 0x2019;
}

const UPPER_START = /^\p{Lu}/u;

/** True when the first letter is a capital; ASCII is decided without a regex. */
export function startsUpperCase(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPER_START.test(word);
}

const BLANK_RUN = /[ \t]+/g;

/**
 * What stands between two words, runs of one or two blanks made one space and wider runs
 * (a column or an indent, which do not join words) made a tab. Most gaps are nothing or one
 * space, which need no regex.
 */
export function gapBetween(text: string, from: number, to: number): string {
  if (to === from) return '';
  if (to === from + 1 && text.charCodeAt(from) === 0x20) return ' ';
  const gap = text.slice(from, to);
  // Without a tab or two blanks in a row every run of blanks is one space already.
  if (!gap.includes('\t') && !gap.includes('  ')) return gap;
  return gap.replace(BLANK_RUN, (run) => (run.length <= 2 ? ' ' : '\t'));
}

/**
 * True when the word whose gap (the text before it) is `gap` opens a line: the first word
 * of the text after nothing but blanks, or any word after a line break.
 */
export function opensLine(gap: string, isFirstWord: boolean): boolean {
  return isFirstWord ? /^\s*$/.test(gap) : gap.includes('\n');
}

/** Words between two parts of one place name: "Wilkes Barre", "St. Louis", "Winston-Salem". */
export function joinsPlace(gap: string): boolean {
  return gap === ' ' || gap === '. ' || gap === '-' || gap === '.';
}

/**
 * Words that are places in the lists but far more often something else: a lone "Center",
 * "Home" or "Union" after "in" is not a town.
 */
export const NOT_PLACES: ReadonlySet<string> = new Set(
  (
    'center home bed chair place unit floor room rehab union commerce industry liberty hope ' +
    'paradise normal independence progress friendship pleasant harmony unity concord ' +
    'triangle accord eureka bliss joy energy surprise sunrise sunset fairview midway ' +
    'march may june august april january february september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday today tomorrow ' +
    'general memorial medical hospital clinic health county city town state north south ' +
    'east west central main church mission ' +
    'house office lab care stable good fair new old white black green brown foley'
  ).split(' '),
);
