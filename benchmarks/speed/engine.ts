/**
 * Engine throughput: the full default detector set (`createScanner()`) over text, in this
 * thread. Warm-up first (JIT and re2's compiled programs), then several timed passes, and
 * the median counts.
 */
import { createScanner, type Scanner } from '@phiguard/core';
import { secondsSince, type Throughput, throughput, utf8Bytes } from './stats.js';

export interface TimedScanOptions {
  /** Timed passes over the whole input; the median is reported. */
  readonly runs: number;
  /** UTF-8 bytes scanned before timing starts. */
  readonly warmupBytes: number;
  /** Called after each timed pass, for a progress bar. */
  readonly onRun?: () => void;
  /** Called once the warm-up is done, before the first timed pass. */
  readonly onWarm?: () => void;
}

/** Runs `scanOne` over every document, `runs` times, after a warm-up. */
export async function timeScans(
  documents: readonly string[],
  scanOne: (text: string) => unknown,
  options: TimedScanOptions,
): Promise<Throughput> {
  let warmed = 0;
  for (const d of documents) {
    if (warmed >= options.warmupBytes) break;
    await scanOne(d);
    warmed += Buffer.byteLength(d);
  }
  options.onWarm?.();
  const seconds: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const start = process.hrtime.bigint();
    for (const d of documents) await scanOne(d);
    seconds.push(secondsSince(start));
    options.onRun?.();
  }
  return throughput(utf8Bytes(documents), seconds);
}

export interface EngineResult extends Throughput {
  readonly documents: number;
  /** Findings in one pass, to show the engine did work (a count, never a value). */
  readonly findings: number;
}

/** Throughput of one scanner, built once, in this thread. */
export async function measureEngine(
  documents: readonly string[],
  options: TimedScanOptions,
  scanner: Scanner = createScanner(),
): Promise<EngineResult> {
  // Findings are counted in the first timed pass only (a sum is cheap next to a scan).
  let findings = 0;
  let counting = false;
  const result = await timeScans(
    documents,
    (d) => {
      const n = scanner.scan(d).findings.length;
      if (counting) findings += n;
    },
    {
      ...options,
      onRun: () => {
        counting = false;
        options.onRun?.();
      },
      onWarm: () => {
        counting = true;
      },
    },
  );
  return { ...result, documents: documents.length, findings };
}
