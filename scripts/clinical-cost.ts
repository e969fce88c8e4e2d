/**
 * pnpm exec tsx --conditions=source scripts/clinical-cost.ts [--size MB]
 *
 * What the clinical detectors (code sets and vocabulary) cost: engine throughput on the
 * generated speed corpus with every built-in detector, and with the clinical ones left
 * out. Each scanner scans the corpus three times; the best run counts, so a pause of the
 * machine does not decide the figure.
 */
import { parseArgs } from 'node:util';
import { buildSpeedCorpus } from '../benchmarks/corpus/text.js';
import { builtInDetectors, createScanner, type Scanner } from '../packages/core/src/index.js';

const CLINICAL_CLASSES = new Set([
  'diagnosis_code',
  'procedure_code',
  'drug_code',
  'lab_code',
  'clinical_term',
]);

const ROUNDS = 3;

function bestMegabytesPerSecond(scanner: Scanner, documents: readonly string[], bytes: number) {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (const document of documents) scanner.scan(document);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, bytes / 1e6 / seconds);
  }
  return best;
}

const { values } = parseArgs({ options: { size: { type: 'string', default: '20' } } });
const corpus = await buildSpeedCorpus({ sizeMB: Number(values.size) });
const withoutClinical = builtInDetectors.filter((d) => !CLINICAL_CLASSES.has(d.class));
const rows = [
  ['every built-in detector', createScanner()],
  ['without clinical detectors', createScanner({ detectors: withoutClinical })],
] as const;

const [full, base] = rows.map(([, scanner]) =>
  bestMegabytesPerSecond(scanner, corpus.documents, corpus.bytes),
) as [number, number];
process.stdout.write(
  `corpus: ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.documents.length} documents\n` +
    `${rows[0][0]}: ${full.toFixed(2)} MB/s\n` +
    `${rows[1][0]} (${withoutClinical.length} detectors): ${base.toFixed(2)} MB/s\n` +
    `clinical detectors cost: ${(100 * (1 - full / base)).toFixed(1)}% of throughput\n`,
);
