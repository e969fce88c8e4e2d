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

/** Letters with apostrophes and hyphens inside ("O'Hare", "Wilkes-Barre"), or a number. */
const WORD = /\p{L}(?:[\p{L}'’-]*\p{L})?(?:['’]s)?|\d+/gu;

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

/**
 * The last text split and its words. The city and facility finders run one after the other
 * on the same text, so the second reuses the first's words instead of splitting again.
 * Words are never changed after they are made, so sharing them is safe.
 */
let lastSplit: { text: string; upperText: boolean; words: readonly PlaceWord[] } | undefined;

/** Splits text into words; in all-capitals text every word counts as capitalised. */
export function placeWordsOf(text: string, upperText: boolean): readonly PlaceWord[] {
  if (lastSplit && lastSplit.text === text && lastSplit.upperText === upperText) {
    return lastSplit.words;
  }
  const words = splitPlaceWords(text, upperText);
  lastSplit = { text, upperText, words };
  return words;
}

function splitPlaceWords(text: string, upperText: boolean): PlaceWord[] {
  const words: PlaceWord[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    // A word starts with a letter or is all digits, so a letter is there when the first
    // character is no digit.
    const letter = !isAsciiDigit(raw.charCodeAt(0));
    const upper = letter && raw === raw.toUpperCase();
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
  return text.slice(from, to).replace(BLANK_RUN, (run) => (run.length <= 2 ? ' ' : '\t'));
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
