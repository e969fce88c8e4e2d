import type { FoundCandidate, TextMemo } from '../../detector/types.js';
import { WordCursor } from '../../text/words.js';
import { placeNameSet } from '../places/gazetteer.js';
import {
  endsPossessive,
  gapBetween,
  isUpperCaseText,
  opensLine,
  startsUpperCase,
} from '../places/place-words.js';
import {
  CLOSINGS,
  COMMON_WORDS,
  CREDENTIALS,
  firstNameRanks,
  NAME_LEADS,
  NEVER_NAMES,
  RELATIVES,
  ROLES,
  surnameRanks,
  TITLES,
} from './lexicon.js';

/** A word of the text and what it looks like. */
interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower case, without a trailing possessive `'s`. */
  readonly key: string;
  /** `key` without accents ("jesús" as "jesus"), as the name lists are written. */
  readonly plain: string;
  readonly shape: 'capitalised' | 'upper' | 'lower' | 'initial' | 'mixed';
  /** Written with a possessive `'s`, which ends a name. */
  readonly possessive: boolean;
  /** A period right after the word ("Dr.", "S."). */
  readonly dotted: boolean;
  /** What stands between the previous word and this one, runs of blanks made one space. */
  readonly gap: string;
}

/** Confidence of each way a name is recognised, before context words are weighed. */
const CONFIDENCE = {
  afterTitle: 0.85,
  afterTitleUnlisted: 0.65,
  afterRole: 0.7,
  labelled: 0.85,
  fieldLine: 0.75,
  afterRelative: 0.75,
  afterPreposition: 0.7,
  fullName: 0.8,
  commonFirstName: 0.7,
  beforeRecord: 0.8,
  firstAndInitial: 0.8,
  initialAndSurname: 0.7,
  initialAndUnlisted: 0.6,
  firstAndUnlisted: 0.6,
  upperCaseFullName: 0.55,
  surnameComma: 0.7,
  firstNameAlone: 0.5,
  addressed: 0.65,
  andAnother: 0.65,
  signed: 0.8,
  credentialed: 0.75,
} as const;

/**
 * Ranks (by SSA births) under which a first name is common enough to start a name on its
 * own evidence; rarer listed names ("Channel", "Echo") are more often ordinary words.
 */
const FIRST_NAME_RANK = { mixedCase: 3000, upperCase: 1500, alone: 800, common: 1000 } as const;

/** Rank (by Census bearers) under which a capital-letter surname counts in capitals text. */
const SURNAME_RANK_UPPER = 20000;

/**
 * Rank under which a surname makes a name of a first name that is also a common word:
 * "Mark Barron" (655), not "Duke Score" or "River Valley" (beyond 7,000).
 */
const SURNAME_RANK_AFTER_COMMON = 5000;

/** Words before an initial and a surname that show a clinician: "per B. Petrakis". */
const CARE_BEFORE = new Set(['per', 'by', 'with', 'called', 'paged', 'notified', 'dr']);

/** Words after an initial and a surname that show a clinician: "N. Oduya aware". */
const CARE_AFTER = new Set(['aware', 'notified', 'md', 'np', 'pa', 'rn', 'placing', 'paged']);

/** Labels of a field that holds a name wherever they stand: "Patient: John Smith". */
const NAME_LABELS = new Set(['name', 'patient', 'pt', 'surname', 'lastname', 'firstname']);

/**
 * Labels that are ordinary words too ("First: remove the dressing"), or of fields that often
 * hold something else ("Insured: Self", "Member: Active"). They name a field only on a line
 * of its own, "Last: Vu", as a spreadsheet row reads when its cells are written out under
 * their column headings, and only before a word the name lists hold.
 */
const FIELD_LABELS = new Set([
  'last',
  'first',
  'given',
  'middle',
  'family',
  'fname',
  'lname',
  'member',
  'subscriber',
  'insured',
  'guarantor',
  'beneficiary',
  'enrollee',
  'resident',
]);

/** Labels of a birth date or a record number that may follow a patient's name. */
const RECORD_LABELS = new Set(['dob', 'mrn', 'born']);

/** What insurance and registration forms write in those fields besides names. */
const FIELD_VALUES = new Set([
  'self',
  'spouse',
  'child',
  'parent',
  'guardian',
  'same',
  'none',
  'unknown',
  'other',
  'active',
  'primary',
  'secondary',
  'pending',
]);

/** Words after a first name and its comma that show it is the person addressed. */
const ADDRESSED_AFTER = new Set([
  'you',
  'your',
  "you're",
  'we',
  'thank',
  'thanks',
  'please',
  'this',
  'here',
  'just',
  'welcome',
  'hi',
  'hello',
]);

/** The most words a name may have after its first: "Mary Anne de la Cruz" is cut at four. */
const MAX_NAME_WORDS = 3;

const UPPER_LETTER = /\p{Lu}/u;

function shapeOf(word: string): Word['shape'] {
  if (word.length === 1) return isUpperLetter(word) ? 'initial' : 'lower';
  return asciiShapeOf(word) ?? unicodeShapeOf(word);
}

/**
 * The shape of an ASCII word by counting capitals and small letters, which is what
 * comparing it with its upper- and lower-case forms decides; undefined for other words.
 */
function asciiShapeOf(word: string): Word['shape'] | undefined {
  let capitals = 0;
  let smalls = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x80) return undefined;
    if (code >= 0x41 && code <= 0x5a) capitals++;
    else if (code >= 0x61 && code <= 0x7a) smalls++;
  }
  if (smalls === 0) return 'upper';
  if (capitals === 0) return 'lower';
  return startsUpperCase(word) ? 'capitalised' : 'mixed';
}

function unicodeShapeOf(word: string): Word['shape'] {
  const upper = word.toUpperCase();
  const lower = word.toLowerCase();
  if (word === upper) return 'upper';
  if (word === lower) return 'lower';
  if (startsUpperCase(word)) return 'capitalised';
  return 'mixed';
}

/** True when a one-character word is a capital letter; ASCII is decided without a regex. */
function isUpperLetter(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPER_LETTER.test(word);
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = 0;
  // A letter then letters, apostrophes and hyphens inside, so "O'Brien" and "Smith-Jones".
  const cursor = new WordCursor(text, false);
  while (cursor.next()) {
    const { start } = cursor;
    let raw = text.slice(start, cursor.end);
    // "Smith's chart": the name is "Smith".
    const possessive = raw.length > 3 && endsPossessive(raw);
    if (possessive) raw = raw.slice(0, -2);
    const key = raw.toLowerCase();
    words.push({
      start,
      end: start + raw.length,
      key,
      plain: isAscii(key) ? key : withoutAccents(key),
      shape: shapeOf(raw),
      possessive,
      dotted: text.charCodeAt(cursor.end) === 0x2e,
      // One or two blanks join words; a wider run is a column or an indent and does not.
      gap: gapBetween(text, previousEnd, start),
    });
    previousEnd = cursor.end;
  }
  return words;
}

/** Gaps that keep two words inside one name: spaces, or the period of an initial. */
function joins(gap: string): boolean {
  return gap === ' ' || gap === '. ' || gap === '.';
}

/** Gaps between a lead word and a name: "wife, Carol", "contact person (Carol)". */
function leadsIn(gap: string): boolean {
  return gap.length <= 3 && /^[ ,(:"'&]*$/.test(gap);
}

/** Part of an e-mail address or a web address: never a name on its own. */
function insideAddress(text: string, start: number, end: number): boolean {
  // The text touching the span on each side up to white space, within 40 and 60 characters.
  let from = start;
  while (from > Math.max(0, start - 40) && !isWhiteSpace(text, from - 1)) from--;
  let to = end;
  while (to < Math.min(text.length, end + 60) && !isWhiteSpace(text, to)) to++;
  const before = text.slice(from, start);
  const after = text.slice(end, to);
  return /@|:\/\/|www\./i.test(before + after) || /^[._-]?\w*@/.test(after);
}

const WHITE_SPACE = /\s/;

/** True when the character at `i` is white space as `\s` reads it; ASCII without a regex. */
function isWhiteSpace(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return WHITE_SPACE.test(text[i]!);
}

/** `key` without its accents ("jesús" as "jesus"), for lists written in ASCII. */
function withoutAccents(key: string): string {
  return key.normalize('NFD').replace(/\p{M}/gu, '');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * "Anne-Marie": a hyphenated word counts as the first name before its first hyphen when the
 * part after that hyphen is a name too ("son-in-law" does not). Undefined otherwise.
 */
function hyphenatedFirstRank(
  key: string,
  firstRank: ReadonlyMap<string, number>,
  lastRank: ReadonlyMap<string, number>,
): number | undefined {
  const dash = key.indexOf('-');
  if (dash < 0) return undefined;
  const nextDash = key.indexOf('-', dash + 1);
  const tail = key.slice(dash + 1, nextDash < 0 ? key.length : nextDash);
  return firstRank.has(tail) || lastRank.has(tail) ? firstRank.get(key.slice(0, dash)) : undefined;
}

/**
 * Joins overlapping candidates into one span with the best confidence: "Agnes" after
 * "by" and "Agnes Whitcombe" before ", NP" are one name, and the longer span must win.
 */
function merge(found: FoundCandidate[]): FoundCandidate[] {
  const sorted = found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: FoundCandidate[] = [];
  for (const candidate of sorted) {
    const last = merged[merged.length - 1];
    if (last && candidate.start < last.end) {
      const best = candidate.confidence > last.confidence ? candidate : last;
      merged[merged.length - 1] = {
        start: last.start,
        end: Math.max(last.end, candidate.end),
        confidence: best.confidence,
        pattern: best.pattern,
      };
    } else {
      merged.push(candidate);
    }
  }
  return merged;
}

/**
 * Finds person names by the words around them and by the SSA and Census name lists.
 *
 * Each rule looks at one word and the few after it; candidates of several rules may cover
 * one name and are merged. The lists are loaded on the first call.
 */
export function findNames(text: string, memo?: TextMemo): FoundCandidate[] {
  const firstRank = firstNameRanks();
  const lastRank = surnameRanks();
  // Shared with the place finders within a scan: one count of the letters per text.
  const upperText = memo ? memo.of(isUpperCaseText) : isUpperCaseText(text);
  const words = wordsOf(text);
  const found: FoundCandidate[] = [];

  const isFirst = (w: Word, limit = Number.POSITIVE_INFINITY): boolean => {
    const rank = firstRank.get(w.plain) ?? hyphenatedFirstRank(w.plain, firstRank, lastRank);
    return rank !== undefined && rank < limit;
  };
  const isLast = (w: Word, limit = Number.POSITIVE_INFINITY): boolean =>
    (lastRank.get(w.plain) ?? Number.POSITIVE_INFINITY) < limit;
  const listed = (w: Word): boolean => isFirst(w) || isLast(w);
  const never = (w: Word): boolean => w.shape !== 'initial' && NEVER_NAMES.has(w.key);
  const common = (w: Word): boolean =>
    w.shape !== 'initial' && (COMMON_WORDS.has(w.key) || CREDENTIALS.has(w.key));
  // Written the way names are written in this text.
  const nameShaped = (w: Word): boolean =>
    w.shape === 'capitalised' || w.shape === 'mixed' || (upperText && w.shape === 'upper');
  // A word that may stand in a name already started: a name-shaped word, an initial, or in
  // lower-case writing a listed name; common words only when listed ("Robert Brown").
  const continues = (w: Word): boolean =>
    !never(w) &&
    (w.shape === 'initial' ||
      (nameShaped(w) && (!common(w) || listed(w))) ||
      (w.shape === 'lower' && listed(w) && !common(w)));

  const emit = (from: number, to: number, confidence: number, pattern: string): void => {
    if (to < from) return;
    const a = words[from]!;
    const b = words[to]!;
    // An initial keeps its period: "Nora T." is the name.
    const end = b.shape === 'initial' && b.dotted ? b.end + 1 : b.end;
    if (insideAddress(text, a.start, end)) return;
    found.push({ start: a.start, end, confidence, pattern });
    // "Dr. Okafor and Brennig", "daughters lena and ruth": a second name after "and".
    const and = words[to + 1];
    const other = words[to + 2];
    if (pattern !== 'and' && and?.key === 'and' && other && joins(other.gap) && !never(other)) {
      const shaped = nameShaped(other) && !common(other) && (!upperText || listed(other));
      if (shaped || isFirst(other, FIRST_NAME_RANK.mixedCase)) {
        emit(to + 2, to + 1 + extend(to + 2), CONFIDENCE.andAnother, 'and');
      }
    }
  };

  // The words from `label` to `to` are the whole of their line: "Last: Vu".
  const ownLine = (label: number, to: number): boolean => {
    const first = words[label]!;
    const after = words[to + 1];
    return opensLine(first.gap, label === 0) && (after === undefined || after.gap.includes('\n'));
  };

  // How many words from `i` on make one name; the word at `i` is taken as it is.
  const extend = (i: number, most = MAX_NAME_WORDS): number => {
    let n = 1;
    if (words[i]!.possessive) return n;
    while (n < most && i + n < words.length) {
      const w = words[i + n]!;
      // A period joins only after an initial or a title: "S. Smith", not "Aline. R".
      const previous = words[i + n - 1]!;
      const period = w.gap.includes('.');
      if (period && previous.shape !== 'initial' && !TITLES.has(previous.key)) break;
      if (!joins(w.gap) || !continues(w)) break;
      n++;
      if (w.possessive) break;
    }
    return n;
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (!next) break;

    // "Dr. Smith", "MR HALVERSON", "dr. pruitt", "Drs' Lindqvist": anything but a word that is
    // never a name; a common word only when the lists hold it ("Dr. Price").
    if (
      TITLES.has(word.key) &&
      !word.possessive &&
      (joins(next.gap) || next.gap === "' ") &&
      !never(next)
    ) {
      // "MS" is also mental status and morphine: it needs a listed name after it. "Lake
      // Shore Dr Suite 200": "Dr" after a capitalised word is a street suffix.
      const previous = words[i - 1];
      const street =
        word.key === 'dr' &&
        previous?.shape === 'capitalised' &&
        word.gap === ' ' &&
        /\d[ \t]+(?:\p{Lu}\p{Ll}+[ \t]+){1,3}$/u.test(
          text.slice(Math.max(0, word.start - 48), word.start),
        );
      const ambiguous = street || (word.key === 'ms' && !(listed(next) && nameShaped(next)));
      if ((!common(next) || listed(next)) && !ambiguous) {
        const shaped = nameShaped(next) || next.shape === 'initial' || listed(next);
        const confidence = shaped ? CONFIDENCE.afterTitle : CONFIDENCE.afterTitleUnlisted;
        emit(i + 1, i + extend(i + 1), confidence, 'title');
      }
    }

    // "NP Brandt", "HO Osei", "md tully", "nurse dana kowalski": a role, then a listed
    // word, or in mixed-case text a word written as a name.
    if (ROLES.has(word.key) && next.gap === ' ' && !never(next) && !common(next)) {
      if (upperText ? listed(next) : nameShaped(next) || listed(next)) {
        emit(i + 1, i + extend(i + 1), CONFIDENCE.afterRole, 'role');
      }
    }

    // "Patient: John Smith", "Name: SMITH, JOHN", and on a line of its own "Last: Vu".
    if (next.gap.startsWith(':') && nameShaped(next) && !common(next) && !never(next)) {
      const last = i + extend(i + 1);
      if (NAME_LABELS.has(word.key)) {
        emit(i + 1, last, CONFIDENCE.labelled, 'label');
      } else if (
        FIELD_LABELS.has(word.key) &&
        listed(next) &&
        !FIELD_VALUES.has(next.key) &&
        ownLine(i, last)
      ) {
        emit(i + 1, last, CONFIDENCE.fieldLine, 'field');
      }
    }

    // "wife Carol", "daughter, irene walsh", "son rob": after a word for a relative even
    // a common word that is a listed first name counts, but not another relative.
    // "SOCIAL-daughter Lou": the relative word may end a hyphenated heading.
    const lead = word.key.slice(word.key.lastIndexOf('-') + 1);
    const relative = RELATIVES.has(lead) && !RELATIVES.has(next.key);
    if (relative && leadsIn(next.gap) && !never(next) && isFirst(next)) {
      const confidence = CONFIDENCE.afterRelative + (nameShaped(next) ? 0.05 : 0);
      emit(i + 1, i + extend(i + 1), confidence, 'relative');
    } else if (NAME_LEADS.has(word.key) && !RELATIVES.has(word.key) && next.gap === ' ') {
      // "spoke with Mary", "per carol brandt", "WITH KATIE DOYLE": a well-known first name.
      const known = isFirst(next, FIRST_NAME_RANK.upperCase) && !common(next) && !never(next);
      if (known && (nameShaped(next) || !upperText)) {
        const confidence =
          nameShaped(next) && !upperText
            ? CONFIDENCE.afterPreposition
            : CONFIDENCE.upperCaseFullName;
        emit(i + 1, i + extend(i + 1), confidence, 'lead');
      }
    }

    // "Smith, John": a listed surname, a comma, a listed first name.
    if (nameShaped(word) && isLast(word) && !common(word) && next.gap === ', ') {
      if (nameShaped(next) && isFirst(next, FIRST_NAME_RANK.mixedCase) && !common(next)) {
        emit(i, i + 1, CONFIDENCE.surnameComma, 'sorted');
      }
    }

    // "E. HARLOW AWARE", "B. Petrakis": an initial with its period, after a blank or a bracket
    // ("90'S. LUNG" has none), and a listed surname.
    if (
      word.shape === 'initial' &&
      word.dotted &&
      /^(?:|[\s(])$/.test(text.slice(Math.max(0, word.start - 1), word.start))
    ) {
      const limit = upperText ? SURNAME_RANK_UPPER : Number.POSITIVE_INFINITY;
      if (joins(next.gap) && nameShaped(next) && isLast(next, limit) && continues(next)) {
        if (!common(next)) emit(i, i + 1, CONFIDENCE.initialAndSurname, 'initial_surname');
      } else if (joins(next.gap) && nameShaped(next) && !common(next) && !never(next)) {
        // "AS PER B. PETRAKIS", "N. ODUYA AWARE": an unlisted surname needs words of care
        // around it.
        const before = words[i - 1]?.key ?? '';
        const after = words[i + 2]?.key ?? '';
        if (CARE_BEFORE.has(before) || CARE_AFTER.has(after)) {
          emit(i, i + 1, CONFIDENCE.initialAndUnlisted, 'initial_surname');
        }
      }
    }

    // "Sarah, your appointment is...": a first name that opens a line or a sentence and
    // addresses the reader.
    const opens = i === 0 || /[.!?\n]/.test(word.gap);
    if (opens && next.gap === ', ' && ADDRESSED_AFTER.has(next.key) && !upperText) {
      if (word.shape === 'capitalised' && !common(word) && !never(word)) {
        if (isFirst(word, FIRST_NAME_RANK.mixedCase)) {
          emit(i, i, CONFIDENCE.addressed, 'addressed');
        }
      }
    }

    // The rules below start at a name-shaped, listed first name.
    if (never(word) || !nameShaped(word) || next.gap !== ' ') continue;
    const rankLimit = upperText ? FIRST_NAME_RANK.upperCase : FIRST_NAME_RANK.mixedCase;
    if (!isFirst(word, rankLimit)) continue;

    // "Mason Green (DOB 4/12/1932)", "for Mark Little MRN 1234": a listed first name and a
    // listed surname, common words included, right before a birth date or a record number.
    const after = words[i + 2];
    if (nameShaped(next) && isLast(next) && after && RECORD_LABELS.has(after.key)) {
      if (/^(?: \(?|, | - )$/.test(after.gap)) {
        emit(i, i + 1, CONFIDENCE.beforeRecord, 'before_record');
      }
    }

    if (next.shape === 'initial' && !upperText) {
      // "Nora T.", "John Q. Public", "pt is John D". A common word that is a first name
      // ("Frank", "Jack") starts a name only here, before an initial with its period.
      if (common(word) && !next.dotted) continue;
      emit(i, i + extend(i + 1), CONFIDENCE.firstAndInitial, 'first_initial');
    } else if (!common(word) && nameShaped(next) && continues(next)) {
      // "Mary Johnson", "Robert Brown", "HELEN MORRISON"; with no title before it, a name of
      // more than three words is more likely a heading.
      const n = extend(i + 1, 2);
      const surname = words[i + n]!;
      if (!upperText) {
        const known = isLast(surname);
        emit(i, i + n, known ? CONFIDENCE.fullName : CONFIDENCE.firstAndUnlisted, 'full_name');
      } else if (isLast(surname, SURNAME_RANK_UPPER) && !common(surname)) {
        emit(i, i + n, CONFIDENCE.upperCaseFullName, 'full_name');
      }
    } else if (!upperText && next.shape === 'capitalised' && continues(next)) {
      // "Mark Barron", "Jean Donnelly": a first name that is also a common word needs to be
      // a usual first name, before a usual surname that is nothing else, and the two must
      // not name a town ("Long Beach").
      const n = extend(i + 1, 2);
      const surname = words[i + n]!;
      const usual =
        isFirst(word, FIRST_NAME_RANK.common) && isLast(surname, SURNAME_RANK_AFTER_COMMON);
      if (usual && !common(surname) && !placeNameSet().has(`${word.key} ${next.key}`)) {
        emit(i, i + n, CONFIDENCE.commonFirstName, 'common_first_name');
      }
    }
  }

  findFirstNamesAlone(words, upperText, isFirst, common, found);
  findSignatures(text, words, found);
  return merge(found.filter((c) => !insideAddress(text, c.start, c.end)));
}

/**
 * A well-known first name alone, in mixed-case text, inside a sentence ("a 20yo female,
 * Anna, seen at ..."). At the start of a sentence a capital says nothing, so it is skipped.
 */
function findFirstNamesAlone(
  words: readonly Word[],
  upperText: boolean,
  isFirst: (w: Word, limit?: number) => boolean,
  common: (w: Word) => boolean,
  found: FoundCandidate[],
): void {
  if (upperText) return;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.shape !== 'capitalised' || common(word) || NEVER_NAMES.has(word.key)) continue;
    if (/[.!?:;\n]/.test(word.gap)) continue;
    if (!isFirst(word, FIRST_NAME_RANK.alone)) continue;
    found.push({
      start: word.start,
      end: word.end,
      confidence: CONFIDENCE.firstNameAlone,
      pattern: 'first_name',
    });
  }
}

/**
 * Names at the end of a message or note: the line after "Sincerely," and a line that ends
 * with a credential ("Jane Doe, RN", "WALTER K. OSTROWSKI, RRT").
 */
function findSignatures(text: string, words: readonly Word[], found: FoundCandidate[]): void {
  const stops = (w: Word): boolean =>
    w.shape !== 'initial' &&
    (NEVER_NAMES.has(w.key) ||
      CREDENTIALS.has(w.key) ||
      (COMMON_WORDS.has(w.key) && !firstNameRanks().has(w.key)));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (CLOSINGS.has(word.key) && next && /^,? ?\n/.test(next.gap.replace(/ ?\n\s*/, '\n'))) {
      // The whole next line, up to a few words, is the signature.
      let j = i + 1;
      while (j + 1 < words.length && j - i < 4 && !words[j + 1]!.gap.includes('\n')) j++;
      if (j - i <= MAX_NAME_WORDS + 1 && !stops(next)) {
        found.push({
          start: next.start,
          end: words[j]!.end,
          confidence: CONFIDENCE.signed,
          pattern: 'signature',
        });
      }
    }

    // A credential closes the name that stands right before it on the same line.
    if (CREDENTIALS.has(word.key) && word.key.length > 1 && i > 0) {
      const after = text.slice(word.end, word.end + 20);
      const closesLine = /^(?:\/[A-Za-z-]+)*[ \t]*(?:[,.;)]|\r?\n|$)/.test(after);
      // "ann keller np aware": mid-sentence, only listed names and initials count.
      const beforeVerb = /^ (?:aware|notified|paged|called|made aware|in to see)\b/i.test(after);
      if (!/^,? ?$/.test(word.gap) || !(closesLine || beforeVerb)) continue;
      const listed = (w: Word): boolean =>
        w.shape === 'initial' || firstNameRanks().has(w.key) || surnameRanks().has(w.key);
      let n = 0;
      for (let j = i - 1; j >= 0 && n <= MAX_NAME_WORDS; j--) {
        const w = words[j]!;
        if (stops(w) || (!closesLine && !listed(w))) break;
        n++;
        if (!joins(w.gap)) break;
      }
      if (n >= 2) {
        found.push({
          start: words[i - n]!.start,
          end: words[i - 1]!.end,
          confidence: CONFIDENCE.credentialed,
          pattern: 'credential',
        });
      }
    }
  }
}
