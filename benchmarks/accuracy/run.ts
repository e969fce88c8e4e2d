/**
 * Measures how well the default scanner finds labelled PHI in the development halves of
 * ASQ-PHI and the PhysioNet deid gold notes, and writes `docs/accuracy.md`.
 *
 *   pnpm exec tsx benchmarks/accuracy/run.ts [--min-level low|medium|high] [--no-write]
 *
 * The report holds counts and ratios only, never a text or a value from the corpora.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
// The source, not the build: the numbers are those of the working tree, with no build step.
import { type ConfidenceLevel, createScanner } from '../../packages/core/src/index.js';
import { ASQ_CLASSES, loadAsq, loadPhysioNet, PHYSIONET_CLASSES } from './corpora.js';
import { type CorpusResult, evaluate, TARGETS } from './evaluate.js';
import { ANY_CLASS, type ClassScore, combine } from './score.js';

const COMMAND = 'pnpm exec tsx benchmarks/accuracy/run.ts';
const REPORT = new URL('../../docs/accuracy.md', import.meta.url);
const LEVELS: readonly ConfidenceLevel[] = ['low', 'medium', 'high'];

/**
 * What the name and place detectors miss on these corpora, in words: the misses are
 * described by kind, never quoted. Kept here so the report is written in one place.
 */
const KNOWN_GAPS = [
  '- A name that no list holds, written with no title, relative word or credential near it,',
  '  is not found (a rare first name alone in a sentence, a surname alone at a line start).',
  '- In all-capital notes a first name and surname pair counts only when both are listed',
  '  and common; rarer pairs are missed there to keep shorthand from reading as names.',
  '- A facility named only by an abbreviation is found after a verb of moving a patient',
  '  ("transferred to") or before a unit ("ED", "cath lab"); elsewhere it is missed.',
  '- Facility names written wholly in lower case, and neighbourhoods or towns without a',
  '  hospital after "in" or "from", are missed; "City, ST" needs the pair in the Census list',
  '  or an unambiguous state code.',
];

function percent(value: number | null): string {
  return value === null ? 'n/a' : (value * 100).toFixed(1);
}

/** Whether a row meets its target: a mark for the table, blank for classes without one. */
function verdict(row: ClassScore): string {
  const target = TARGETS[row.cls];
  if (!target || row.recall === null) return '';
  const met = row.recall >= target.recall && (row.precision ?? 0) >= target.precision;
  return met ? 'met' : 'missed';
}

function table(rows: readonly ClassScore[]): string {
  const lines = [
    '| class | labelled | found | recall % | predicted | correct | precision % | target |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    if (r.gold === 0 && r.predicted === 0) continue;
    const target = TARGETS[r.cls];
    const goal = target ? `R ${target.recall} / P ${target.precision}: ${verdict(r)}` : '';
    lines.push(
      `| ${r.cls} | ${r.gold} | ${r.found} | ${percent(r.recall)} | ${r.predicted} | ` +
        `${r.correct} | ${percent(r.precision)} | ${goal} |`,
    );
  }
  return lines.join('\n');
}

function mapping(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([label, cls]) => `\`${label}\` → \`${cls}\``)
    .join(', ');
}

function section(result: CorpusResult): string {
  const unscored = Object.entries(result.unscoredPredictions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
  return [
    `### ${result.corpus}`,
    '',
    `\`fixtures/${result.folder}/\`: ${result.documents} documents.`,
    '',
    table(result.scores),
    '',
    `Labelled spans not scored (no offsets or no class of ours): ${result.unscoredGold}.`,
    `Findings of classes this corpus does not label, left out of precision: ${unscored || 'none'}.`,
    '',
  ].join('\n');
}

function report(results: readonly CorpusResult[], minLevel: ConfidenceLevel): string {
  const combined = combine(results.map((r) => r.scores));
  return [
    '# Accuracy on labelled corpora',
    '',
    'Written by the command below; do not edit by hand. Run it again after changing a',
    'detector and commit the new numbers with the change.',
    '',
    '```sh',
    `${COMMAND}${minLevel === 'medium' ? '' : ` --min-level ${minLevel}`}`,
    '```',
    '',
    '## How it is measured',
    '',
    `The default scanner (every built-in detector) scans each document; findings at the`,
    `\`${minLevel}\` level or above count. A labelled span is found when a finding of the same`,
    'class overlaps it by one character or more; a finding is correct when it overlaps a',
    'labelled span of its class. The `any` row ignores classes: it says whether something',
    'was flagged over each labelled span, which is what keeps PHI from leaving. Findings of a',
    'class a corpus does not label are left out of its precision and counted separately.',
    '',
    'Both corpora are the development halves: detectors are tuned on them, so these are',
    'development figures and the held-out halves will read lower.',
    '',
    '## Label mapping',
    '',
    `- ASQ-PHI: ${mapping(ASQ_CLASSES)}.`,
    `- PhysioNet deid: ${mapping(PHYSIONET_CLASSES)}.`,
    '',
    'PhysioNet labels each word of a name or place as its own span, so one finding over',
    '"first last" finds two labelled spans there.',
    '',
    '## Both corpora',
    '',
    table(combined),
    '',
    '## By corpus',
    '',
    ...results.map(section),
    '## Known gaps in names and places',
    '',
    ...KNOWN_GAPS,
    '',
  ].join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'min-level': { type: 'string', default: 'medium' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const minLevel = values['min-level'] as ConfidenceLevel;
  if (!LEVELS.includes(minLevel)) {
    console.error(`--min-level must be one of ${LEVELS.join(', ')}; it was '${minLevel}'`);
    process.exitCode = 2;
    return;
  }

  // A fixed key: fingerprints are not looked at here, only offsets and classes.
  const scanner = createScanner({ fingerprintKey: 'accuracy-benchmark-key' });
  const results = [loadAsq(), loadPhysioNet()].map((c) => evaluate(c, scanner, minLevel));

  const combined = combine(results.map((r) => r.scores));
  for (const row of combined) {
    if (row.gold === 0 && row.predicted === 0) continue;
    const mark = verdict(row);
    console.log(
      `${row.cls.padEnd(16)} recall ${percent(row.recall).padStart(5)}  precision ` +
        `${percent(row.precision).padStart(5)}  (${row.found}/${row.gold}, ` +
        `${row.correct}/${row.predicted})${mark ? `  ${mark}` : ''}${row.cls === ANY_CLASS ? '' : ''}`,
    );
  }
  if (!values['no-write']) {
    writeFileSync(REPORT, report(results, minLevel));
    console.error('wrote docs/accuracy.md');
  }
}

main();
