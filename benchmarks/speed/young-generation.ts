/**
 * What the young generation of a scanning worker changes, V8's default against
 * `SCAN_YOUNG_GENERATION_MB`, alternated so that a slow minute of a shared machine falls on
 * both:
 *
 *   pnpm exec tsx --conditions=source benchmarks/speed/young-generation.ts [--size MB] [--rounds N]
 *
 * Each round measures one and two workers (the median of three runs each) with each size,
 * over the benchmark's generated corpus (5 MB unless set).
 */
import { parseArgs } from 'node:util';
import { SCAN_YOUNG_GENERATION_MB } from '@phiguard/core';
import { buildSpeedCorpus } from '../corpus/text.js';
import { measureScaling } from './workers.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' } },
});
const corpus = await buildSpeedCorpus({ sizeMB: Number(values.size) });
const settings = [
  { label: "V8's default", youngGenerationMb: null },
  { label: `${SCAN_YOUNG_GENERATION_MB} MB`, youngGenerationMb: SCAN_YOUNG_GENERATION_MB },
] as const;
process.stdout.write(
  `${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.documents.length} documents\n`,
);
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const { label, youngGenerationMb } of settings) {
    const { points, speedup } = await measureScaling(corpus.documents, {
      runs: 3,
      warmupBytes: 1e6,
      workerCounts: [1, 2],
      youngGenerationMb,
    });
    const [one, two] = points.map((p) => p.medianMBps.toFixed(2));
    process.stdout.write(
      `round ${round}, young generation ${label}: 1 worker ${one} MB/s, ` +
        `2 workers ${two} MB/s (${speedup.toFixed(2)}x)\n`,
    );
  }
}
