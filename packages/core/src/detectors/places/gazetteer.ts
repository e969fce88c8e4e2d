import { readDataList } from '../people/lexicon.js';

/**
 * USPS state and territory codes to their names (Census 2017 Gazetteer). Small and fixed,
 * so it lives in code rather than in a data file.
 */
export const STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  AS: 'American Samoa',
  GU: 'Guam',
  MP: 'Northern Mariana Islands',
  PR: 'Puerto Rico',
  VI: 'Virgin Islands',
};

/** The state codes as one re2 alternation, for patterns. */
export const STATE_CODES = Object.keys(STATES).join('|');

/** State names, lower case, to their code. */
export const STATE_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(STATES).map(([code, name]) => [name.toLowerCase(), code]),
);

let places: ReadonlySet<string> | undefined;
let hospitalCities: ReadonlySet<string> | undefined;

/**
 * Census 2010 places as `ST|name`, lower case, without the type word; about 29k entries
 * (380 KB), loaded on first use.
 */
export function placeSet(): ReadonlySet<string> {
  places ??= new Set(readDataList('places.txt'));
  return places;
}

let placeNames: ReadonlySet<string> | undefined;

/** The Census place names without their state, lower case. */
export function placeNameSet(): ReadonlySet<string> {
  placeNames ??= new Set([...placeSet()].map((entry) => entry.slice(entry.indexOf('|') + 1)));
  return placeNames;
}

/** Cities and towns that have a CMS-listed hospital, lower case; about 3,000. */
export function hospitalCitySet(): ReadonlySet<string> {
  hospitalCities ??= new Set(readDataList('hospital-cities.txt'));
  return hospitalCities;
}

/** USPS street suffixes, full and abbreviated, lower case; read once at load time. */
export const STREET_SUFFIXES: readonly string[] = readDataList('street-suffixes.txt');
