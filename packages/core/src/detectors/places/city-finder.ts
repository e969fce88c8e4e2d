import type { FoundCandidate, TextMemo } from '../../detector/types.js';
import { COMMON_WORDS, firstNameRanks } from '../people/lexicon.js';
import { hospitalCitySet, placeNameSet, placeSet, STATE_NAMES, STATES } from './gazetteer.js';
import { joinsPlace, NOT_PLACES, opensLine, type PlaceWord, placeTextOf } from './place-words.js';

const CONFIDENCE = {
  /** "Fresno, CA" with the pair in the Census list. */
  listedWithState: 0.9,
  /** "Smalltown, VT": a state code that is nothing else, after a capitalised word. */
  unlistedWithState: 0.6,
  /** "seen in Fresno", "lives in Maryland". */
  afterPreposition: 0.65,
  /** The same in all-capitals notes, where a capital says less. */
  afterPrepositionUpper: 0.55,
  /** "NYC", "the Bronx": names the lists do not hold. */
  alias: 0.7,
  /** "City: Parnell" on a line of its own, the town in the Census list. */
  listedField: 0.75,
  /** The same with a town the list does not hold: kept, but below medium ("City: Unknown"). */
  unlistedField: 0.45,
} as const;

/** The most words a city name may have: "Rancho Santa Margarita", "Lake Havasu City". */
const MAX_CITY_WORDS = 4;

/**
 * State codes that are also common abbreviations or words (OR, IN, MD, ME, PA, OK, HI, ID):
 * after a city the lists do not hold they do not make a place.
 */
const AMBIGUOUS_CODES = new Set([
  'CT',
  'MI',
  'DC',
  'NC',
  'SC',
  'ND',
  'NE',
  'AL',
  'AK',
  'OR',
  'IN',
  'MD',
  'ME',
  'PA',
  'OK',
  'HI',
  'ID',
  'OH',
  'MS',
  'CO',
  'LA',
  'DE',
  'MA',
  'MT',
  'AS',
  'GU',
  'VA',
  'PR',
]);

/** Words after which a lone city or state is a place: "from", "lives in", "near". */
const PLACE_LEADS = new Set(['in', 'from', 'near', 'to', 'at', 'of', 'outside', 'around']);

/** Labels of a field that holds a town: "City: Parnell", a spreadsheet cell written out. */
const CITY_LABELS = new Set(['city', 'town', 'hometown', 'birthplace', 'residence']);

const LIVES = new Set(['lives', 'living', 'live', 'resides', 'residing', 'reside', 'located']);

/** The longest listed place of up to three words at `start`, in any case. */
function livesInPlace(
  words: readonly PlaceWord[],
  start: number,
  listed: ReadonlySet<string>,
): { start: number; end: number } | undefined {
  for (let n = 3; n >= 1; n--) {
    const span = words.slice(start, start + n);
    if (span.length < n || !span.every((w, k) => k === 0 || w.gap === ' ')) continue;
    if (words[start]!.gap !== ' ') return undefined;
    const key = span.map((w) => w.key).join(' ');
    if (n === 1 && (NOT_PLACES.has(key) || COMMON_WORDS.has(key))) continue;
    if (listed.has(key) || ALIASES.has(key) || STATE_NAMES.has(key)) {
      return { start: span[0]!.start, end: span[n - 1]!.end };
    }
  }
  return undefined;
}

/** First words of state names, to skip most words without building a phrase. */
const STATE_FIRST_WORDS = new Set([...STATE_NAMES.keys()].map((name) => name.split(' ')[0]!));

const UPPER_PLACE_LEADS = new Set(['in', 'from', 'near']);

/** Places the Census list does not name that way, in lower case. */
const ALIASES = new Set([
  'nyc',
  'bronx',
  'brooklyn',
  'manhattan',
  'harlem',
  'staten island',
  'long island',
  'queens',
  'sf',
  'bay area',
]);

function keyOf(words: readonly PlaceWord[], from: number, to: number): string {
  return words
    .slice(from, to + 1)
    .map((w) => w.key)
    .join(' ')
    .replace(/^(st|ft|mt)\b/, (abbr) => ({ st: 'saint', ft: 'fort', mt: 'mount' })[abbr]!);
}

/** Also tries the abbreviated form the Census list uses ("st. louis" as "st. louis"). */
function listedIn(set: ReadonlySet<string>, prefix: string, key: string, raw: string): boolean {
  return set.has(prefix + key) || set.has(prefix + raw);
}

/**
 * Finds US cities and towns: "City, ST" and "City, State" checked against the Census 2010
 * places, and a city alone after "in", "from" or "near" when it has a hospital in the CMS
 * list (so it is a real town, not a word that happens to name a hamlet).
 */
export function findCities(text: string, memo?: TextMemo): FoundCandidate[] {
  const { upperText, words } = placeTextOf(text, memo);
  const places = placeSet();
  const cities = hospitalCitySet();
  const found: FoundCandidate[] = [];

  const rawKey = (from: number, to: number): string =>
    text.slice(words[from]!.start, words[to]!.end).toLowerCase();

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;

    // "Fresno, CA", "Cedar Falls, IA", "Salt Lake City UT", "Baltimore, Maryland".
    // A code that is also a word ("CONVERSE IN ENGLISH") needs its comma.
    const state = stateAt(words, i);
    const loose =
      state && AMBIGUOUS_CODES.has(state.code) && word.upper && !word.gap.startsWith(',');
    if (state && !loose && i > 0 && /^,? ?$/.test(word.gap)) {
      let best: { from: number; listed: boolean } | undefined;
      for (let n = 1; n <= MAX_CITY_WORDS && i - n >= 0; n++) {
        const from = i - n;
        const first = words[from]!;
        if (!first.capital || /^\d/.test(first.key)) break;
        if (n > 1 && !joinsPlace(words[from + 1]!.gap)) break;
        const key = keyOf(words, from, i - 1);
        if (listedIn(places, `${state.code}|`, key, rawKey(from, i - 1)) || ALIASES.has(key)) {
          best = { from, listed: true };
        }
      }
      const previous = words[i - 1]!;
      // An unlisted city counts only in mixed-case text and before a comma: in notes "ABD
      // CT" and "6 L NC" are no places.
      const plain = previous.capital && !COMMON_WORDS.has(previous.key) && !upperText;
      const comma = word.gap.startsWith(',');
      if (!best && plain && comma && !AMBIGUOUS_CODES.has(state.code) && word.upper) {
        best = { from: i - 1, listed: false };
      }
      if (best) {
        const confidence = best.listed ? CONFIDENCE.listedWithState : CONFIDENCE.unlistedWithState;
        found.push({
          start: words[best.from]!.start,
          end: words[state.last]!.end,
          confidence,
          pattern: best.listed ? 'city_state' : 'unlisted_city_state',
        });
      }
    }

    const field = cityField(words, i, upperText);
    if (field) {
      found.push(field);
      continue;
    }

    // "lives in salem", "living in Cedar Falls": after these any listed place counts, in
    // any case.
    const previous = words[i - 1];
    if (word.key === 'in' && previous && LIVES.has(previous.key)) {
      const place = livesInPlace(words, i + 1, placeNameSet());
      if (place) {
        found.push({ ...place, confidence: CONFIDENCE.afterPreposition, pattern: 'lives_in' });
        continue;
      }
    }

    // "seen in Fresno", "lives in Maryland", "from the Bronx"; in capitals only after "in",
    // "from" or "near", and not a first name ("IN GRANT PARK").
    if (!PLACE_LEADS.has(word.key)) continue;
    if (upperText && !UPPER_PLACE_LEADS.has(word.key)) continue;
    let start = i + 1;
    if (words[start]?.key === 'the' && !words[start]!.capital) start++;
    for (let n = MAX_CITY_WORDS; n >= 1; n--) {
      const to = start + n - 1;
      if (to >= words.length) continue;
      const span = words.slice(start, to + 1);
      if (!span.every((w, k) => w.capital && (k === 0 || joinsPlace(w.gap)))) continue;
      if (!words[start] || words[start]!.gap !== ' ') break;
      const key = keyOf(words, start, to);
      if (n === 1 && (NOT_PLACES.has(key) || COMMON_WORDS.has(key) || key.length < 3)) continue;
      if (span.some((w) => w.possessive)) continue;
      if (upperText && n === 1 && firstNameRanks().has(key)) continue;
      const alias = ALIASES.has(key);
      if (!alias && !cities.has(key) && !STATE_NAMES.has(key)) continue;
      // A hospital city followed by a facility word is the facility's, not the city's.
      const confidence = alias
        ? CONFIDENCE.alias
        : upperText
          ? CONFIDENCE.afterPrepositionUpper
          : CONFIDENCE.afterPreposition;
      found.push({
        start: words[start]!.start,
        end: words[to]!.end,
        confidence,
        pattern: 'city_after_preposition',
      });
      break;
    }
  }
  return found;
}

/**
 * "City: Parnell", "Town: Sea Isle City": a town label that starts its line, a colon, and
 * up to four capitalised words that end the line.
 */
function cityField(
  words: readonly PlaceWord[],
  i: number,
  upperText: boolean,
): FoundCandidate | undefined {
  const label = words[i]!;
  if (!CITY_LABELS.has(label.key)) return undefined;
  if (!opensLine(label.gap, i === 0) || !/^: ?$/.test(words[i + 1]?.gap ?? '')) return undefined;
  let to = i + 1;
  while (to + 1 < words.length && to - i < MAX_CITY_WORDS && joinsPlace(words[to + 1]!.gap)) to++;
  const after = words[to + 1];
  if (after !== undefined && !after.gap.includes('\n')) return undefined;
  const span = words.slice(i + 1, to + 1);
  if (!span.every((w) => w.capital || upperText) || /^\d/.test(span[0]!.key)) return undefined;
  const key = keyOf(words, i + 1, to);
  if (NOT_PLACES.has(key) || COMMON_WORDS.has(key)) return undefined;
  const listed = placeNameSet().has(key) || hospitalCitySet().has(key) || ALIASES.has(key);
  if (!listed && upperText) return undefined;
  return {
    start: span[0]!.start,
    end: span[span.length - 1]!.end,
    confidence: listed ? CONFIDENCE.listedField : CONFIDENCE.unlistedField,
    pattern: listed ? 'city_field' : 'unlisted_city_field',
  };
}

/** A state at word `i`: a USPS code in capitals, or a state name of one to three words. */
function stateAt(
  words: readonly PlaceWord[],
  i: number,
): { code: string; last: number } | undefined {
  const word = words[i]!;
  if (word.upper && word.key.length === 2 && STATES[word.key.toUpperCase()]) {
    return { code: word.key.toUpperCase(), last: i };
  }
  if (!word.capital || !STATE_FIRST_WORDS.has(word.key)) return undefined;
  for (let n = 3; n >= 1; n--) {
    if (i + n > words.length) continue;
    const key = words
      .slice(i, i + n)
      .map((w) => w.key)
      .join(' ');
    const code = STATE_NAMES.get(key);
    if (code) return { code, last: i + n - 1 };
  }
  return undefined;
}
