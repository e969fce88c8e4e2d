/**
 * Builds the word lists shipped in `packages/core/data/` from the public reference lists in
 * the shared corpora folder. Run it again when a source list changes:
 *
 *   pnpm exec tsx packages/core/scripts/build-data.ts [/path/to/shared/corpora]
 *
 * Every output is plain text, one entry a line, lower case, most frequent first where the
 * source gives a frequency, so a reader can check any entry with grep.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const corpora = process.argv[2] ?? '/work/shared/corpora';
const out = new URL('../data/', import.meta.url);

/** Births (SSA, 1880-2023) a first name needs to be listed: 11.5k names, most people. */
const MIN_FIRST_NAME_BIRTHS = 1000;

/** Bearers (Census 2010) a surname needs to be listed: 43k surnames. */
const MIN_SURNAME_BEARERS = 500;

function lines(path: string): string[] {
  return readFileSync(join(corpora, path), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
}

function write(name: string, header: string, entries: readonly string[]): void {
  const body = `${header
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n')}\n${entries.join('\n')}\n`;
  writeFileSync(new URL(name, out), body);
  console.error(`${name}: ${entries.length} entries, ${Buffer.byteLength(body)} bytes`);
}

// First names: female and male births added up.
const firstNames = lines('ref-ssa-first-names-1880-2023/ssa_first_names.derived.csv')
  .slice(1)
  .map((line) => {
    const [name, female, male] = line.split(',');
    return { name: name!.toLowerCase(), count: Number(female) + Number(male) };
  })
  .filter((n) => n.count >= MIN_FIRST_NAME_BIRTHS)
  .sort((a, b) => b.count - a.count)
  .map((n) => n.name);
write(
  'first-names.txt',
  `SSA first names given to ${MIN_FIRST_NAME_BIRTHS}+ babies, 1880-2023, most frequent first.\n` +
    'Source: US Social Security Administration, public domain. Built by scripts/build-data.ts.',
  firstNames,
);

// Surnames: the Census list is already sorted by bearers.
const surnames = lines('ref-census-surnames-2010/us-surnames.csv')
  .map((line) => line.split(','))
  .filter(([, count]) => Number(count) >= MIN_SURNAME_BEARERS)
  .map(([name]) => name!.toLowerCase())
  .filter((name) => /^[a-z][a-z'-]+$/.test(name));
write(
  'surnames.txt',
  `Census 2010 surnames with ${MIN_SURNAME_BEARERS}+ bearers, most frequent first.\n` +
    'Source: US Census Bureau, public domain. Built by scripts/build-data.ts.',
  surnames,
);

// Places: incorporated places and census designated places, without their type word
// ("Abbeville city" is listed as "abbeville"), as "ST|name".
const TYPE_WORDS =
  /\s+(?:city|town|village|borough|CDP|municipality|comunidad|zona urbana|city and borough|\(balance\)|consolidated government|metropolitan government|unified government|urban county|corporation|plantation)(?:\s.*)?$/;
const places = new Set<string>();
for (const line of lines('ref-census-places-2010/national_places.derived.txt').slice(1)) {
  const [state, , , name, type] = line.split('|');
  if (type === 'County Subdivision') continue;
  const bare = name!.replace(TYPE_WORDS, '').trim();
  if (bare.length < 3) continue;
  places.add(`${state}|${bare.toLowerCase()}`);
}
write(
  'places.txt',
  'Census 2010 incorporated and designated places as "ST|name", without the type word.\n' +
    'Source: US Census Bureau, public domain. Built by scripts/build-data.ts.',
  [...places].sort(),
);

// Cities and towns that have a CMS-listed hospital: about 3,000 places large enough that a
// capitalised mention of one alone ("seen in Fresno") is most likely the place.
const CSV_FIELD = /("(?:[^"]|"")*"|[^,]*)(?:,|$)/g;
function csvFields(line: string): string[] {
  return [...line.matchAll(CSV_FIELD)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
}
const hospitalCities = new Set<string>();
for (const line of lines('ref-cms-hospitals/Hospital_General_Information.csv').slice(1)) {
  const fields = csvFields(line);
  const city = fields[3]?.trim().toLowerCase();
  if (city && city.length >= 3) hospitalCities.add(city);
}
write(
  'hospital-cities.txt',
  'Cities and towns with a hospital in the CMS Hospital General Information list.\n' +
    'Source: Centers for Medicare & Medicaid Services, public domain. Built by scripts/build-data.ts.',
  [...hospitalCities].sort(),
);

// USPS Publication 28 street suffixes (full name and standard abbreviation) and unit
// designators, for the street address patterns.
const suffixes = new Set<string>();
for (const line of lines('ref-usps-street-suffixes/2017_USPS_Street_Suffixes.csv').slice(1)) {
  for (const field of line.split(',')) if (field.trim()) suffixes.add(field.trim().toLowerCase());
}
write(
  'street-suffixes.txt',
  'USPS Publication 28 street suffixes, full names and standard abbreviations.\n' +
    'Source: US Postal Service, public domain. Built by scripts/build-data.ts.',
  [...suffixes].sort(),
);
