import { readFileSync } from 'node:fs';

/**
 * The word lists shipped in `packages/core/data/`, built by `scripts/build-data.ts`. The
 * folder sits two levels above both `src/detectors/people/` and `dist/detectors/people/`,
 * so one relative path serves the source and the build.
 */
const DATA = new URL('../../../data/', import.meta.url);

/**
 * Reads one shipped list: one entry a line, `#` lines are comments. A missing file is a
 * broken install, and the error says so rather than letting names go unseen.
 */
export function readDataList(name: string): string[] {
  let text: string;
  try {
    text = readFileSync(new URL(name, DATA), 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataFileError(name, reason);
  }
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/** A shipped data file could not be read: the package is installed without its `data/`. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `data file '${file}' of @phiguard/core cannot be read (${reason}); reinstall the ` +
        `package with its data/ folder, or run scripts/build-data.ts in a checkout`,
    );
  }
}

let firstNames: ReadonlyMap<string, number> | undefined;
let surnames: ReadonlyMap<string, number> | undefined;

function ranked(list: readonly string[]): ReadonlyMap<string, number> {
  return new Map(list.map((name, rank) => [name, rank]));
}

/**
 * SSA first names (1,000+ births), lower case, to their rank by births (0 is the most
 * given). Loaded on first use, about 12k entries (80 KB), then kept for the process.
 */
export function firstNameRanks(): ReadonlyMap<string, number> {
  firstNames ??= ranked(readDataList('first-names.txt'));
  return firstNames;
}

/** Census 2010 surnames (500+ bearers), lower case, to their rank; about 43k (330 KB). */
export function surnameRanks(): ReadonlyMap<string, number> {
  surnames ??= ranked(readDataList('surnames.txt'));
  return surnames;
}

/**
 * Words that are names in the lists but far more often something else in mail and
 * clinical notes: verbs, months, colours, body parts, places of care and the shorthand of
 * nursing notes. A word here never starts a name on dictionary evidence alone; after a
 * title ("Dr. Hope") it still counts.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  // Verbs, modals, adjectives and nouns that are also first names or surnames.
  (
    'will may can must shall might hope grant mark bill rose young long brown white black ' +
    'green gray grey bell hill king sharp rich page love joy faith grace chance guy major ' +
    'chase miles penny ray sterling summer winter autumn dawn eve art bud buck duke earl ' +
    'frank gene glen jack jean lane nick pat rob sue sandy sunny dean don van wade wood woods ' +
    'ward west north south east cook baker hunter archer mason stone rock river brook field ' +
    'fields ford golden hall house street park price cash case head foot hand heart blood ' +
    'chest pain care nurse doctor day night noon morning evening today home bay pond lake ' +
    'sea new good well best strong little short small large low high fair free early late ' +
    'dear early best last first second third next soon still even just only also very much ' +
    'more most less least such same other another each every both either neither all any ' +
    'some many few several own main general central north south east western eastern ' +
    'christian human angel star sky rain storm snow sun moon cloud ' +
    'trust honor honour patience prudence constance mercy charity unity liberty justice ' +
    'royal king queen prince princess baron lord bishop pope dean judge marshal sheriff ' +
    'major colonel general sergeant ' +
    'read reading walker walk walks runner sitter rider singer fisher fish bird crane drake ' +
    'fox wolf lamb bear bull hawk swan robin wren jay lark finch martin ' +
    'max min mae back given rounds prior amber ' +
    'tuesday wednesday thursday friday saturday sunday monday ' +
    'january february march april june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'spring fall christmas easter ' +
    // Clinical and nursing shorthand that the lists hold as names.
    'pt pts patient patients dr drs md mds rn rns np pa bsn msw rrt lpn cna do ' +
    'ccu icu micu sicu ccu er ed or pacu rehab hosp hospital clinic unit floor bed room ' +
    'cath lab neuro resp cv gi gu id skin social soc plan dispo pmh hpi ros ' +
    'aware notified called paged updated informed spoke talked present here there ' +
    'in at to on of for by with from per and or but not no yes the a an as is was be been ' +
    'he she his her him they them their we us our you your it its this that these those ' +
    'family wife husband son daughter mother father sister brother friend team staff ' +
    'service services medicine surgery cardiology oncology radiology ' +
    'tele lasix levo heparin insulin morphine ativan haldol ' +
    'stable alert oriented sedated intubated extubated awake asleep ' +
    'pressure rate rhythm sinus sat sats temp temps ' +
    'note notes report reports order orders call calls contact meet met visit visits ' +
    'see seen saw said says told tell ask asked want wants need needs ' +
    'mr mrs ms miss mister doctor prof professor sir madam ' +
    'dear hi hello thanks regards sincerely best cheers ' +
    'street avenue road drive lane court place way boulevard ' +
    'medical center health memorial general university community regional saint st'
  )
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Titles that put a name right after them. */
export const TITLES: ReadonlySet<string> = new Set([
  'dr',
  'drs',
  'doctor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mister',
  'prof',
  'professor',
  'rabbi',
  'chaplain',
]);

/**
 * Words after which a name often follows: the people around a patient ("wife Carol"), and
 * the small words of "spoke with Carol", "per Carol", "patient named Carol". A name after
 * one of these still needs a listed first name or surname.
 */
export const NAME_LEADS: ReadonlySet<string> = new Set([
  'wife',
  'husband',
  'daughter',
  'daughters',
  'son',
  'sons',
  'mother',
  'mom',
  'father',
  'dad',
  'sister',
  'sisters',
  'brother',
  'brothers',
  'friend',
  'niece',
  'nephew',
  'grandson',
  'granddaughter',
  'grandmother',
  'grandfather',
  'aunt',
  'uncle',
  'cousin',
  'fiance',
  'fiancee',
  'partner',
  'boyfriend',
  'girlfriend',
  'spouse',
  'proxy',
  'hcp',
  'poa',
  'guardian',
  'caregiver',
  'neighbor',
  'neighbour',
  'dtr',
  'dau',
  'visitor',
  'other',
  'person',
  'with',
  'named',
  'patient',
  'pt',
  'name',
  'by',
  'per',
]);

/** The words of `NAME_LEADS` that name a relative or a proxy rather than a preposition. */
export const RELATIVES: ReadonlySet<string> = new Set(
  [...NAME_LEADS].filter(
    (w) => !['with', 'named', 'patient', 'pt', 'name', 'by', 'per'].includes(w),
  ),
);

/**
 * Words that are never a name, even where a name is expected ("DR AWARE", "wife will"),
 * though some are in the name lists.
 */
export const NEVER_NAMES: ReadonlySet<string> = new Set(
  (
    'will may can must shall might is was were are be been has had have and or at in on ' +
    'here there to not also still then now called aware notified paged informed updated ' +
    'visited present arrived left came went says said the of for from with by per as into ' +
    'about after before unable able office team note notes orders order service services ' +
    'regarding re pt pts patient md rn np pa ho rrt staff on-call oncall covering ' +
    'coli diff difficile aureus aureous epidermidis pneumoniae faecalis albicans fib flutter ' +
    'would could should did does do done po'
  ).split(' '),
);

/**
 * Roles written before a name in notes ("NP Brandt", "HO Osei", "MD TULLY"): like a
 * title, but the name after them must be listed or written as a name.
 */
export const ROLES: ReadonlySet<string> = new Set(['np', 'md', 'ho', 'rn', 'nurse', 'resident']);

/** Professional credentials written after a name: "Jane Doe, RN". */
export const CREDENTIALS: ReadonlySet<string> = new Set([
  'md',
  'do',
  'rn',
  'bsn',
  'msn',
  'np',
  'pa',
  'pa-c',
  'rrt',
  'rt',
  'lpn',
  'msw',
  'lcsw',
  'cna',
  'phd',
  'pharmd',
  'dds',
  'dpm',
  'crna',
  'aprn',
  'fnp',
  'ccrn',
]);

/** Words that close a letter, after which the next line holds the sender's name. */
export const CLOSINGS: ReadonlySet<string> = new Set([
  'sincerely',
  'regards',
  'thanks',
  'best',
  'cheers',
  'respectfully',
  'cordially',
  'truly',
  'yours',
  'you',
  'wishes',
]);
