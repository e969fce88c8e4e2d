/**
 * Worker scaling: the corpus split across N worker threads, each with its own scanner and
 * no shared state, timed from the moment all are told to start until the last one ends.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SCAN_YOUNG_GENERATION_MB } from '@phiguard/core';
import { secondsSince, type Throughput, throughput, utf8Bytes } from './stats.js';

const require = createRequire(import.meta.url);

const WORKER_URL = new URL('./engine-worker.ts', import.meta.url).href;

/**
 * Workers run the TypeScript source, like the main thread: they import it through tsx's
 * API, with the `source` export condition, because under vitest the parent has neither.
 * Node 20 refuses a `.ts` file as a worker entry, so the entry is an evaluated one-liner.
 */
function workerSource(url: string): string {
  const root = dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(join(root, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(url)}, ${JSON.stringify(url)}));`;
}

/** Flags for every worker: resolve workspace packages to their TypeScript source. */
export const WORKER_EXEC_ARGV: readonly string[] = ['--conditions=source'];

/** Splits documents into `n` shares of about equal bytes, keeping each document whole. */
export function share(documents: readonly string[], n: number): string[][] {
  const shares: string[][] = Array.from({ length: n }, () => []);
  const sizes = new Array<number>(n).fill(0);
  for (const d of documents) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    shares[smallest]!.push(d);
    sizes[smallest]! += d.length;
  }
  return shares;
}

function startWorker(
  documents: readonly string[],
  warmupBytes: number,
  youngGenerationMb: number | undefined,
): Promise<Worker> {
  const worker = new Worker(workerSource(WORKER_URL), {
    eval: true,
    execArgv: [...WORKER_EXEC_ARGV],
    resourceLimits:
      youngGenerationMb === undefined ? {} : { maxYoungGenerationSizeMb: youngGenerationMb },
    workerData: { documents, warmupBytes },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { type: string }) => {
      if (m.type === 'ready') resolve(worker);
      else reject(new Error(`worker sent ${m.type} before it was ready`));
    });
  });
}

function runOnce(workers: readonly Worker[]): Promise<void> {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('error', reject);
          w.once('message', () => resolve());
          w.postMessage({ type: 'go' });
        }),
    ),
  ).then(() => undefined);
}

export interface ScalingPoint extends Throughput {
  readonly workers: number;
}

export interface ScalingResult {
  readonly cores: number;
  readonly points: readonly ScalingPoint[];
  /** Median throughput with the most workers over that with one. */
  readonly speedup: number;
}

/** Throughput with 1 .. `maxWorkers` workers (1 and the number of cores by default). */
export async function measureScaling(
  documents: readonly string[],
  options: {
    runs: number;
    warmupBytes: number;
    workerCounts?: readonly number[];
    /**
     * Each worker's young generation in MB: `SCAN_YOUNG_GENERATION_MB` unless set, as the
     * guard pool's workers have it, so the scaling measured is the one users get; `null`
     * leaves V8's default.
     */
    youngGenerationMb?: number | null;
    onRun?: () => void;
  },
): Promise<ScalingResult> {
  const young =
    options.youngGenerationMb === null
      ? undefined
      : (options.youngGenerationMb ?? SCAN_YOUNG_GENERATION_MB);
  const cores = availableParallelism();
  const counts = options.workerCounts ?? [...new Set([1, Math.max(2, cores)])];
  const bytes = utf8Bytes(documents);
  const points: ScalingPoint[] = [];
  for (const n of counts) {
    const workers = await Promise.all(
      share(documents, n).map((s) => startWorker(s, options.warmupBytes / n, young)),
    );
    try {
      const seconds: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        const start = process.hrtime.bigint();
        await runOnce(workers);
        seconds.push(secondsSince(start));
        options.onRun?.();
      }
      points.push({ workers: n, ...throughput(bytes, seconds) });
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return { cores, points, speedup: last.medianMBps / first.medianMBps };
}
