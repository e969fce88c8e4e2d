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

/** Splits text into words; in all-capitals text every word counts as capitalised. */
export function placeWordsOf(text: string, upperText: boolean): PlaceWord[] {
  const words: PlaceWord[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    const upper = /\p{L}/u.test(raw) && raw === raw.toUpperCase();
    const initialCapital = /^\p{Lu}/u.test(raw);
    words.push({
      start,
      end: start + raw.length,
      key: raw.toLowerCase().replace(/['’]s$/, ''),
      capital: upperText ? upper : initialCapital,
      upper,
      possessive: /['’]s$/i.test(raw),
      // One or two blanks join words; a wider run is a column or an indent and does not.
      gap: text
        .slice(previousEnd, start)
        .replace(/[ \t]+/g, (run) => (run.length <= 2 ? ' ' : '\t')),
    });
    previousEnd = start + raw.length;
  }
  return words;
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
