/**
 * Where the engine's time goes, for speed work:
 *
 *   node --conditions=source --import tsx packages/core/scripts/profile-scan.ts [CORPUS...]
 *
 * For each corpus: MB/s of the default scanner, of the scanner without its finders (the
 * regex part), and of each finder's `find` alone over the same texts. Corpora: `notes`
 * (PhysioNet development notes), `spam` (SpamAssassin development mail, raw) and `mail`
 * (the benchmark's generated 2 MB speed corpus, when `.bench-out/corpus` holds it). The
 * best of three rounds counts, so a pause of the machine does not decide a figure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtInDetectors, createScanner, normalizeText } from '@phiguard/core';

const ROOT = new URL('../../../', import.meta.url).pathname;
const ROUNDS = 3;

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (!/\.(md|txt)$|LICENSE/.test(name)) out.push(path);
  }
  return out;
}

function loadCorpus(name: string): string[] | undefined {
  if (name === 'notes') {
    return readFileSync(join(ROOT, 'fixtures/physionet-deid-gold-dev/gold.derived.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text);
  }
  if (name === 'spam') {
    const folder = join(ROOT, '../shared/corpora/spamassassin-public-corpus-dev');
    return filesUnder(folder).map((p) => readFileSync(p, 'latin1'));
  }
  if (name === 'mail') {
    const path = join(ROOT, '.bench-out/corpus/speed-s1-p300-2MB.txt');
    return existsSync(path) ? readFileSync(path, 'utf8').split('\f\n') : undefined;
  }
  throw new Error(`unknown corpus '${name}'; use notes, spam or mail`);
}

function best(texts: readonly string[], run: (text: string) => unknown): number {
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  let top = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (const text of texts) run(text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    top = Math.max(top, bytes / 1e6 / seconds);
  }
  return top;
}

const names = process.argv.slice(2);
const finders = builtInDetectors.filter((d) => d.find !== undefined);
const full = createScanner();
const regexOnly = createScanner({ exclude: finders.map((d) => d.id) });
for (const name of names.length > 0 ? names : ['mail', 'notes', 'spam']) {
  const texts = loadCorpus(name);
  if (!texts) {
    console.log(`${name}: not built; run the speed benchmark once`);
    continue;
  }
  const mb = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
  const rows: [string, number][] = [
    ['default scanner', best(texts, (t) => full.scan(t))],
    ['without finders', best(texts, (t) => regexOnly.scan(t))],
    ['normalise only', best(texts, (t) => normalizeText(t))],
  ];
  const normalised = texts.map((t) => normalizeText(t).text);
  for (const d of finders) rows.push([`find ${d.id}`, best(normalised, (t) => [...d.find!(t)])]);
  console.log(`${name} (${mb.toFixed(1)} MB, ${texts.length} texts)`);
  for (const [label, rate] of rows) console.log(`  ${label.padEnd(24)} ${rate.toFixed(2)} MB/s`);
}
