/**
 * Writes every finding of the default scanner over the development corpora to a file, one
 * JSON line per text, so that a change meant only for speed can be checked to leave the
 * findings exactly as they were:
 *
 *   node --conditions=source --import tsx packages/core/scripts/findings-snapshot.ts OUT
 *   node --conditions=source --import tsx packages/core/scripts/findings-snapshot.ts OUT BEFORE
 *
 * With a second file the two are compared and the first differing text is named by corpus
 * and index (offsets and detector ids only, never a value). The fingerprint key is fixed, so
 * fingerprints take part in the comparison: they change when a canonical value does.
 * Texts: the PhysioNet and ASQ-PHI development notes, the example messages and the
 * SpamAssassin development mail, all as raw text, and the benchmark's generated 2 MB speed
 * corpus (dense in matches) when `.bench-out/corpus` holds it (`pnpm bench:speed` makes it).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from '@phiguard/core';

const ROOT = new URL('../../../', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'fixtures');
const SPAM = join(ROOT, '../shared/corpora/spamassassin-public-corpus-dev');

function jsonTexts(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (!/\.(md|txt)$|LICENSE/.test(name)) out.push(path);
  }
  return out;
}

const corpora: [string, string[]][] = [
  ['physionet', jsonTexts(join(FIXTURES, 'physionet-deid-gold-dev/gold.derived.jsonl'))],
  ['asq', jsonTexts(join(FIXTURES, 'asq-phi-dev/asq_phi.derived.jsonl'))],
  [
    'examples',
    filesUnder(join(FIXTURES, 'examples'))
      .filter((p) => p.endsWith('.eml'))
      .map((p) => readFileSync(p, 'utf8')),
  ],
  ['spamassassin', filesUnder(SPAM).map((p) => readFileSync(p, 'latin1'))],
];
const SPEED_CORPUS = join(ROOT, '.bench-out/corpus/speed-s1-p300-2MB.txt');
if (existsSync(SPEED_CORPUS)) {
  corpora.push(['generated', readFileSync(SPEED_CORPUS, 'utf8').split('\f\n')]);
}

const scanner = createScanner({ fingerprintKey: 'findings-snapshot-fixed-key-0123456789' });
const lines: string[] = [];
let findings = 0;
for (const [name, texts] of corpora) {
  texts.forEach((text, index) => {
    const result = scanner.scan(text);
    findings += result.findings.length;
    lines.push(JSON.stringify({ corpus: name, index, ...result }));
  });
}

const [out, before] = process.argv.slice(2);
if (!out) throw new Error('usage: findings-snapshot.ts OUT [BEFORE]');
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} texts, ${findings} findings written to ${out}`);

if (before) {
  const old = readFileSync(before, 'utf8').split('\n');
  const differing = lines.filter((line, i) => line !== old[i]);
  if (differing.length === 0 && old.length === lines.length + 1) {
    console.log(`identical to ${before}`);
  } else {
    for (const line of differing.slice(0, 5)) {
      const { corpus, index } = JSON.parse(line) as { corpus: string; index: number };
      console.log(`differs: ${corpus} #${index}`);
    }
    console.log(`${differing.length} texts differ from ${before}`);
    process.exitCode = 1;
  }
}
