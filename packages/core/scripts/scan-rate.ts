/**
 * One figure for speed work, before and after a change:
 *
 *   node --conditions=source --import tsx packages/core/scripts/scan-rate.ts [--size MB] [--rounds N]
 *
 * MB/s of the default scanner over the benchmark's generated speed corpus (built and cached
 * in `.bench-out/corpus` on first use). Each round scans the whole corpus; the median round
 * is printed with the others, because the machine is shared and one round can be paused.
 * The rate by CPU time (user and system time of this process) is printed too: on a shared
 * machine it moves less than the wall-clock rate.
 */
import { parseArgs } from 'node:util';
import { buildSpeedCorpus } from '../../../benchmarks/corpus/text.js';
import { createScanner } from '../src/index.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '5' }, rounds: { type: 'string', default: '5' } },
});
const corpus = await buildSpeedCorpus({ sizeMB: Number(values.size) });
const scanner = createScanner();
const megabytes = corpus.bytes / 1e6;
const wallRates: number[] = [];
const cpuRates: number[] = [];
let findings = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  findings = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  for (const document of corpus.documents) findings += scanner.scan(document).findings.length;
  const cpu = process.cpuUsage(cpuBefore);
  wallRates.push(megabytes / (Number(process.hrtime.bigint() - started) / 1e9));
  cpuRates.push(megabytes / ((cpu.user + cpu.system) / 1e6));
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const list = (rates: readonly number[]) => rates.map((r) => r.toFixed(2)).join(' ');
process.stdout.write(
  `${megabytes.toFixed(1)} MB, ${corpus.documents.length} documents, ${findings} findings\n` +
    `wall: median ${median(wallRates).toFixed(2)} MB/s (rounds: ${list(wallRates)})\n` +
    `cpu:  median ${median(cpuRates).toFixed(2)} MB/s (rounds: ${list(cpuRates)})\n`,
);
