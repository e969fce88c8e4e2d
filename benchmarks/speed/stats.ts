/** Small statistics for timings: medians and percentiles, nothing clever. */

/** The value at fraction `p` (0..1) of the sorted sample, interpolating between ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function summarise(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((n, v) => n + v, 0);
  return {
    count: sorted.length,
    meanMs: sorted.length > 0 ? sum / sorted.length : Number.NaN,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Throughput of several timed runs over the same input: the median and the spread. */
export interface Throughput {
  readonly bytes: number;
  readonly runs: number;
  /** MB/s of each run, MB being 10^6 UTF-8 bytes. */
  readonly mbPerSecond: readonly number[];
  readonly medianMBps: number;
  readonly minMBps: number;
  readonly maxMBps: number;
}

export function throughput(bytes: number, secondsPerRun: readonly number[]): Throughput {
  const mbPerSecond = secondsPerRun.map((s) => bytes / 1e6 / s);
  return {
    bytes,
    runs: secondsPerRun.length,
    mbPerSecond,
    medianMBps: median(mbPerSecond),
    minMBps: Math.min(...mbPerSecond),
    maxMBps: Math.max(...mbPerSecond),
  };
}

/** Seconds since `start` (a `process.hrtime.bigint()` reading). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function utf8Bytes(texts: readonly string[]): number {
  return texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
}
