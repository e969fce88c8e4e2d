import type { FoundCandidate, TextMemo } from '../../detector/types.js';
import { COMMON_WORDS, firstNameRanks, NEVER_NAMES } from '../people/lexicon.js';
import { hospitalCitySet } from './gazetteer.js';
import { type PlaceWord, placeTextOf } from './place-words.js';

const CONFIDENCE = {
  /** "Riverside Hospital", "UCLA Medical Center", "HOWARD MEMORIAL". */
  namedFacility: 0.85,
  /** "Johns Hopkins", "Cedars-Sinai": a well-known name alone. */
  knownInstitution: 0.9,
  /** "Stanford", "Baylor": known, but also a university or a surname; context decides. */
  ambiguousInstitution: 0.45,
  /** "seen at Pine Ridge": capitalised words where a facility is expected. */
  afterCareVerb: 0.6,
  /** "transfer to Westbrook 2": a ward or building and its number after a care verb. */
  ward: 0.6,
  /** "transferred to MH": a short capital abbreviation that is no unit of care. */
  acronym: 0.55,
  /** "our Chicago clinic", "St. Luke's": a place of care named in passing. */
  inPassing: 0.7,
} as const;

/** Words that end a facility name, as word sequences in lower case. */
const FACILITY_WORDS: readonly (readonly string[])[] = [
  ['medical', 'center'],
  ['medical', 'centre'],
  ['medical', 'ctr'],
  ['med', 'center'],
  ['med', 'ctr'],
  ['health', 'center'],
  ['health', 'system'],
  ['health', 'care'],
  ['cancer', 'center'],
  ['heart', 'center'],
  ['heart', 'institute'],
  ['eye', 'institute'],
  ['medical', 'associates'],
  ['nursing', 'home'],
  ['medical', 'group'],
  ['surgery', 'center'],
  ['surgical', 'center'],
  ['urgent', 'care'],
  ['rehabilitation', 'center'],
  ['hospital'],
  ['hospitals'],
  ['hosp'],
  ['clinic'],
  ['clinics'],
  ['healthcare'],
  ['health'],
  ['memorial'],
  ['infirmary'],
  ['hospice'],
  ['rehab'],
  ['vamc'],
  ['general'],
];

/** Small words before a facility named in lower case: "works at harford memorial". */
const FACILITY_LEADS = new Set(['at', 'from', 'to', 'for', 'on', 'in']);

/** A word that may be a facility's name in any case: letters, not a common word. */
function plainName(w: PlaceWord): boolean {
  return (
    /^\p{L}{3,}$/u.test(w.key) &&
    !COMMON_WORDS.has(w.key) &&
    !NEVER_NAMES.has(w.key) &&
    !NOT_FACILITIES.has(w.key) &&
    !UNITS.has(w.key) &&
    !FACILITY_STARTS.has(w.key)
  );
}

/** Lower-case words that name a place of care after a capitalised one: "our Miami office". */
const PASSING_WORDS = new Set(['clinic', 'office', 'branch', 'hospital', 'practice', 'campus']);

/**
 * Units and services inside a hospital, and other short capitals that follow "transferred
 * to" without naming a facility.
 */
const UNITS = new Set(
  (
    'icu ccu micu sicu nicu picu csru cvicu tsicu pacu tcu or er ed ct ir ep mri us hd cath ' +
    'echo floor unit ward rehab home snf ltac osh rm room bed pt dr md np rn ho ns lr ' +
    'him her them us it ot slp ems'
  ).split(' '),
);

/** Facility words that name a facility by themselves: "VAMC". */
const STANDALONE = new Set(['vamc']);

/**
 * Hospitals and health systems known well enough to be written without a facility word.
 * Hand-picked large US academic centres and systems; the CMS list names them with a
 * facility word, which the patterns above already find.
 */
const KNOWN_INSTITUTIONS = [
  'johns hopkins',
  'john hopkins',
  'cedars-sinai',
  'cedars sinai',
  'cedar sinai',
  'cedar-sinai',
  'mount sinai',
  'mt sinai',
  'kaiser permanente',
  'nyu langone',
  'beth israel',
  'mass general',
  'massachusetts general',
  'md anderson',
  'dana-farber',
  'dana farber',
  'sloan kettering',
  'memorial sloan kettering',
  'new york presbyterian',
  'newyork-presbyterian',
  'brigham and women',
  'ucsf',
  'ucla',
  'upmc',
  'uwmc',
  'uw med',
  'ohsu',
  'mayo',
  'bellevue',
  'cleveland clinic',
  'houston methodist',
  'baylor scott',
  'intermountain',
  'geisinger',
  'ochsner',
  'lenox hill',
  'montefiore',
  'jackson memorial',
];

/** Known, but also a university, a surname or a word: they need a place word before them. */
const AMBIGUOUS_INSTITUTIONS = [
  'stanford',
  'baylor',
  'duke',
  'emory',
  'yale',
  'vanderbilt',
  'northwestern',
  'kaiser',
  'sutter',
  'providence',
  'methodist',
  'presbyterian',
  'hopkins',
  'langone',
];

/** Verbs of care after which capitalised words name where the care happened. */
const CARE_PHRASES = [
  'seen at',
  'treated at',
  'admitted to',
  'admitted at',
  'evaluated at',
  'discharged from',
  'transferred to',
  'transferred from',
  'transfer to',
  'followed at',
  'presented at',
  'presented to',
  'visited',
  'referred from',
  'referred to',
  'care at',
  'visit at',
  'seen in',
  'last seen at',
  'tx at',
  "tx'd at",
  'admitted',
  'hospitalized at',
  'diagnosed at',
  'operated on at',
  'attended',
  'went to',
];

/** Units named right after a hospital's abbreviation: "MH ED", "MH cath lab". */
const UNITS_AFTER = new Set(['er', 'ed', 'cath', 'icu', 'ccu', 'micu', 'sicu', 'tcu', 'ew']);

/** Words that never stand inside a facility's name. */
const FACILITY_STOPS = new Set(
  (
    'at to from in on the a an and or with by for per as is was were be been has had ' +
    'will may can not no pt pts patient aware called seen admitted transferred'
  ).split(' '),
);

/** Small words before a ward or an abbreviated hospital: "to Westbrook 2", "at MH". */
const WARD_LEADS = new Set(['to', 'from', 'on', 'at', 'in']);

/** Common abbreviations in notes that are never a hospital after "to" or "at". */
const NOT_ACRONYMS = new Set(
  (
    'am pm hs prn bid tid qid qd qhs ns lr ivf po iv im sq sl ng og npo abd bp hr rr ' +
    'sbp dbp map cvp ok no na k mg ca cl co md rn np pa ho ss sw vs iabp ett ngt ogt ' +
    'cxr ekg ecg eeg abg vbg cbc bmp ct mri hct inr ptt wbc plt rbc prbc ffp dnr dni ' +
    'gi gu cv id tf tpn pca peg picc tlc cvl sob cp mi chf copd cad htn dm afib svt vt vf ' +
    'it is at in on to of or as be do go up he me we us'
  ).split(' '),
);

/** A word the lists know as a place or a name: trusted before a facility word in capitals. */
function listedWord(w: PlaceWord): boolean {
  return hospitalCitySet().has(w.key) || firstNameRanks().has(w.key) || w.key.length <= 4;
}

/** Words that are never the start of a facility name after a care verb. */
const NOT_FACILITIES = new Set(
  (
    'the our a an his her their this that home floor unit icu ccu micu sicu csru cvicu pacu ' +
    'or er ed cath lab rehab hospital clinic dr dr. doctor mr mrs ms er ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday ' +
    'friday saturday sunday today yesterday last next least'
  ).split(' '),
);

/**
 * Phrases indexed by their first word, so that looking for any of them at a word costs
 * one map lookup rather than a pass over the list.
 */
class PhraseIndex {
  private readonly byFirst = new Map<string, (readonly string[])[]>();

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const parts = phrase.split(/\s+/);
      const list = this.byFirst.get(parts[0]!) ?? [];
      list.push(parts);
      // Longest first, so "last seen at" wins over "seen at".
      list.sort((x, y) => y.length - x.length);
      this.byFirst.set(parts[0]!, list);
    }
  }

  /** The phrase the words at `i` spell, or undefined. */
  at(words: readonly PlaceWord[], i: number): readonly string[] | undefined {
    const candidates = this.byFirst.get(words[i]!.key);
    return candidates?.find((parts) => parts.every((part, k) => words[i + k]?.key === part));
  }
}

const KNOWN = new PhraseIndex(KNOWN_INSTITUTIONS);
const AMBIGUOUS = new PhraseIndex(AMBIGUOUS_INSTITUTIONS);
const CARE = new PhraseIndex(CARE_PHRASES);
const FACILITY_STARTS = new Set(FACILITY_WORDS.map((sequence) => sequence[0]!));

/** How many words from `i` make a facility word, or 0. */
function facilityWordAt(words: readonly PlaceWord[], i: number, anyCase = false): number {
  if (!FACILITY_STARTS.has(words[i]?.key ?? '')) return 0;
  for (const sequence of FACILITY_WORDS) {
    if (spells(words, i, sequence, anyCase)) return sequence.length;
  }
  return 0;
}

/**
 * True when the words from `i` on are `sequence`, each capitalised unless `anyCase`. A
 * loop rather than `every` with a closure: this runs for most words of a text.
 */
function spells(
  words: readonly PlaceWord[],
  i: number,
  sequence: readonly string[],
  anyCase: boolean,
): boolean {
  for (let k = 0; k < sequence.length; k++) {
    const word = words[i + k];
    if (word === undefined || word.key !== sequence[k] || !(anyCase || word.capital)) return false;
  }
  return true;
}

/**
 * Finds hospitals, clinics and health systems: capitalised words before a facility word
 * ("St. Luke's Hospital", "UCLA Med Ctr", "HOWARD MEMORIAL"), well-known institutions
 * written alone ("Johns Hopkins"), and capitalised words after a verb of care ("seen at
 * Pine Ridge").
 */
export function findFacilities(text: string, memo?: TextMemo): FoundCandidate[] {
  const { upperText, words } = placeTextOf(text, memo);
  const found: FoundCandidate[] = [];
  const push = (from: number, to: number, confidence: number, pattern: string): void => {
    found.push({ start: words[from]!.start, end: words[to]!.end, confidence, pattern });
  };
  // Capitalised words that may stand in a facility's name.
  const namePart = (w: PlaceWord): boolean =>
    w.capital && !FACILITY_STOPS.has(w.key) && !NOT_FACILITIES.has(w.key);

  for (let i = 0; i < words.length; i++) {
    // "Methodist Hospital", "University of Maryland Medical Center", "Children's Hospital".
    // In mixed-case text "Larkin hospital" counts too, when a capital name comes first.
    const lowerOk =
      !upperText &&
      i > 1 &&
      words[i - 1]!.capital &&
      !/[.!?\n]/.test(words[i - 1]!.gap) &&
      PASSING_WORDS.has(words[i]!.key);
    // "General" before another capital word is "General Public License", "General Motors".
    const next = words[i + 1];
    const generalOf =
      words[i]!.key === 'general' && next?.capital && facilityWordAt(words, i + 1) === 0;
    const length = generalOf ? 0 : facilityWordAt(words, i, lowerOk);
    if (length > 0) {
      let end = i + length - 1;
      let run = 1;
      // "Cedar Sinai Medical Center", "Stanford Health Care": facility words run on.
      for (
        let more = facilityWordAt(words, end + 1);
        more > 0;
        more = facilityWordAt(words, end + 1)
      ) {
        if (words[end + 1]!.gap !== ' ') break;
        end += more;
        run++;
      }
      let from = i;
      for (let k = i - 1; k >= 0 && i - k <= 5; k--) {
        const w = words[k]!;
        const gapOk =
          words[k + 1]!.gap === ' ' || words[k + 1]!.gap === '. ' || words[k + 1]!.gap === '-';
        if (!gapOk) break;
        if (namePart(w) || (w.key === 'of' && from < i)) from = k;
        else break;
      }
      if (words[from]!.key === 'of') from++;
      // In capitals a name word must be a listed place or name ("DENVER REHAB",
      // "HOWARD MEMORIAL"): "REQUIRE REHAB" is a sentence.
      const trusted = !upperText || from === i || listedWord(words[i - 1]!);
      const general = words[i]!.key === 'general' && from === i;
      if (((from < i && trusted) || STANDALONE.has(words[i]!.key) || run > 1) && !general) {
        push(from, end, CONFIDENCE.namedFacility, 'named_facility');
      }
      i = end;
      continue;
    }

    // "Johns Hopkins", "Cedars-Sinai", "UCSF".
    const word = words[i]!;
    if (!word.capital && !word.upper) continue;
    const known = KNOWN.at(words, i);
    if (known) {
      push(i, i + known.length - 1, CONFIDENCE.knownInstitution, 'known_institution');
      continue;
    }
    const ambiguous = AMBIGUOUS.at(words, i);
    if (ambiguous) {
      push(i, i + ambiguous.length - 1, CONFIDENCE.ambiguousInstitution, 'known_institution');
    }
  }

  findAfterCareVerbs(words, upperText, namePart, found);
  findInPassing(words, upperText, found);
  findWards(text, words, found);
  return found;
}

/** "our Chicago clinic", "at St. Luke's": places of care named in passing, mixed case. */
function findInPassing(words: readonly PlaceWord[], upperText: boolean, found: FoundCandidate[]) {
  for (let i = 1; i + 1 < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1]!;

    // "works at harford memorial", "transferred from sacred heart hosp", "on mazur campus":
    // after a small word, one or two plain words and a facility word, in any case.
    if (FACILITY_LEADS.has(word.key)) {
      for (let n = 1; n <= 2; n++) {
        const name = words.slice(i + 1, i + 1 + n);
        const tail = i + 1 + n;
        if (name.length < n || !name.every(plainName) || !name.every((w) => w.gap === ' ')) break;
        const length = facilityWordAt(words, tail, true) || (words[tail]?.key === 'campus' ? 1 : 0);
        if (length > 0 && words[tail]!.gap === ' ') {
          found.push({
            start: name[0]!.start,
            end: words[tail + length - 1]!.end,
            confidence: CONFIDENCE.afterCareVerb,
            pattern: 'after_preposition',
          });
          break;
        }
      }
    }

    // "St. Luke's", "Saint Mary's": a saint's name with its possessive.
    // "University of Maryland", "U of MD": a state university's hospital, as notes name it.
    const university = (word.key === 'university' || word.key === 'u') && word.capital;
    if (university && next.key === 'of' && words[i + 2]?.capital && words[i + 2]!.gap === ' ') {
      found.push({
        start: word.start,
        end: words[i + 2]!.end,
        confidence: CONFIDENCE.inPassing,
        pattern: 'university',
      });
    }
    const saint = (word.key === 'st' || word.key === 'saint') && word.capital;
    if (saint && next.capital && next.possessive && (next.gap === ' ' || next.gap === '. ')) {
      found.push({
        start: word.start,
        end: next.end,
        confidence: CONFIDENCE.inPassing,
        pattern: 'saint',
      });
    }
    const previous = words[i - 1]!;
    if (upperText || (previous.key !== 'our' && previous.key !== 'the')) continue;
    let end = i;
    while (
      end + 1 < words.length &&
      words[end]!.capital &&
      words[end + 1]!.gap === ' ' &&
      end - i < 3
    ) {
      if (PASSING_WORDS.has(words[end + 1]!.key) && !words[end + 1]!.capital) {
        found.push({
          start: word.start,
          end: words[end + 1]!.end,
          confidence: CONFIDENCE.inPassing,
          pattern: 'in_passing',
        });
        break;
      }
      end++;
    }
  }
}

/** "seen at Pine Ridge", "admitted to Bellevue": up to four capitalised words. */
function findAfterCareVerbs(
  words: readonly PlaceWord[],
  upperText: boolean,
  namePart: (w: PlaceWord) => boolean,
  found: FoundCandidate[],
): void {
  // In capitals text every word is capitalised and this rule would take any phrase.
  if (upperText) return;
  for (let i = 0; i < words.length; i++) {
    const care = CARE.at(words, i);
    if (!care) continue;
    let start = i + care.length;
    if (words[start]?.key === 'the') start++;
    let end = start - 1;
    while (end + 1 < words.length && end - start < 3) {
      const w = words[end + 1]!;
      if (!namePart(w) || (end >= start && !/^[ .-]{1,2}$/.test(w.gap))) {
        break;
      }
      end++;
    }
    // "transfer to Cardiac floor" names a unit, not a facility.
    const after = words[end + 1]?.key ?? '';
    if (end >= start && words[start]!.gap === ' ' && !UNITS.has(after) && after !== 'service') {
      found.push({
        start: words[start]!.start,
        end: words[end]!.end,
        confidence: CONFIDENCE.afterCareVerb,
        pattern: 'after_care_verb',
      });
    }
  }
}

/** Verbs of moving a patient, before "to" or "from" and an abbreviated hospital. */
const MOVES = new Set(
  (
    'transferred transfered transfer tranfered admitted flighted brought discharged ' +
    "dc'd retired"
  ).split(' '),
);

/** Verbs that follow "to" before a number in notes: "to receive 2 units", "to almost 1". */
const INFINITIVES = new Set(
  (
    'receive transfuse decrease increase reinsert insert almost maintain titrate continue ' +
    'start restart change replace remove repeat check give obtain complete approximately ' +
    'wean advance reduce return'
  ).split(' '),
);

/** Units and words after a number that make it a dose or a setting, not a ward number. */
const DOSE_WORDS = new Set(
  'mg mcg cc ml l u units peep ps psv fio am pm hrs hr min mins x wk wks days lpm'.split(' '),
);

/**
 * "transfer to Westbrook 2", "transferred to MH": after a verb of moving a patient and
 * "to" or "from", a capitalised ward or building with its number, or a short abbreviation
 * that is no unit of care and no clinical shorthand.
 */
function findWards(text: string, words: readonly PlaceWord[], found: FoundCandidate[]): void {
  for (let i = 1; i + 1 < words.length; i++) {
    const lead = words[i]!.key;
    if (!WARD_LEADS.has(lead)) continue;
    const moved = MOVES.has(words[i - 1]!.key);
    let at = i + 1;
    if (words[at]!.key === 'the' && at + 1 < words.length) at++;
    const word = words[at]!;
    // Lower-case notes write "transfer to westbrook 2": after a verb of moving, any case.
    const towards = lead === 'to' || lead === 'from';
    const lowerWard = towards && word.key.length >= 6;
    if (word.gap !== ' ' || !(word.capital || moved || lowerWard) || !/^\p{L}/u.test(word.key)) {
      continue;
    }
    if (UNITS.has(word.key) || NEVER_NAMES.has(word.key) || COMMON_WORDS.has(word.key)) continue;
    if (INFINITIVES.has(word.key)) continue;

    // A ward number stands alone: "2" or "2." but not "6.25", "30mg" or "5 PEEP".
    const number = words[at + 1];
    const after = number ? text.slice(number.end, number.end + 2) : '';
    const unit = words[at + 2];
    const numbered =
      number !== undefined &&
      /^\d{1,2}$/.test(number.key) &&
      number.gap === ' ' &&
      /^(?:$|\s|[.,;:)](?:$|\s))/.test(after) &&
      !(unit && unit.gap === ' ' && DOSE_WORDS.has(unit.key)) &&
      word.key.length >= 4 &&
      (moved || lead === 'to' || lead === 'from');
    if (numbered) {
      found.push({
        start: word.start,
        end: word.end,
        confidence: CONFIDENCE.ward,
        pattern: 'ward',
      });
      continue;
    }
    // "to MH cath lab", "presented to MH ED": a unit of care after it shows a hospital.
    const acronym = word.upper && word.key.length >= 2 && word.key.length <= 4;
    const unitAfter = number !== undefined && number.gap === ' ' && UNITS_AFTER.has(number.key);
    if (acronym && (moved || unitAfter) && !NOT_ACRONYMS.has(word.key)) {
      found.push({
        start: word.start,
        end: word.end,
        confidence: CONFIDENCE.acronym,
        pattern: 'acronym',
      });
    }
  }
}
