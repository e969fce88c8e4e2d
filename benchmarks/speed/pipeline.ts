/**
 * The whole pipeline per message: `createGuard().inspectMessage(raw)` (MIME, attachments,
 * the scanner, the assessment, the policy decision), timed one message at a time.
 */
import { createGuard, type Guard } from 'phiguard';
import type { AttachmentMix, BenchMessage } from '../corpus/mail.js';
import { type LatencySummary, median, secondsSince, summarise } from './stats.js';

export interface PipelineResult {
  readonly messages: number;
  readonly bytes: number;
  readonly runs: number;
  /** Messages per second over a whole pass, the median of the runs. */
  readonly messagesPerSecond: number;
  readonly mbPerSecond: number;
  readonly latency: LatencySummary;
  /** Every latency of every timed run, for the distribution chart. */
  readonly latenciesMs: readonly number[];
  readonly byMix: readonly MixRow[];
  /** Decisions other than `allow`, to show the pipeline did work (counts only). */
  readonly flagged: number;
}

export interface MixRow {
  readonly mix: AttachmentMix;
  readonly messages: number;
  readonly meanBytes: number;
  readonly latency: LatencySummary;
}

/** Latencies in ms of `iterations` inspections of each message, after `warmup` rounds. */
export async function timeMessages(
  guard: Guard,
  messages: readonly BenchMessage[],
  options: { runs: number; warmupRuns: number; onRun?: () => void },
): Promise<{ latencies: number[][]; passSeconds: number[]; flagged: number }> {
  let flagged = 0;
  for (let w = 0; w < options.warmupRuns; w++) {
    for (const m of messages) {
      const { decision } = await guard.inspectMessage(m.eml);
      if (w === 0 && decision.action !== 'allow') flagged++;
    }
  }
  // latencies[i] holds message i's time in each run.
  const latencies: number[][] = messages.map(() => []);
  const passSeconds: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const pass = process.hrtime.bigint();
    for (const [i, m] of messages.entries()) {
      const start = process.hrtime.bigint();
      await guard.inspectMessage(m.eml);
      latencies[i]!.push(secondsSince(start) * 1000);
    }
    passSeconds.push(secondsSince(pass));
    options.onRun?.();
  }
  return { latencies, passSeconds, flagged };
}

export async function measurePipeline(
  messages: readonly BenchMessage[],
  options: { runs: number; warmupRuns: number; onRun?: () => void; guard?: Guard },
): Promise<PipelineResult> {
  const guard = options.guard ?? createGuard({ internalDomains: ['example-hospital.org'] });
  const timed = await timeMessages(guard, messages, {
    ...options,
    warmupRuns: Math.max(1, options.warmupRuns),
  });
  const bytes = messages.reduce((n, m) => n + m.eml.length, 0);
  const seconds = median(timed.passSeconds);
  const all = timed.latencies.flat();

  const groups = new Map<AttachmentMix, { bytes: number; latencies: number[]; count: number }>();
  for (const [i, m] of messages.entries()) {
    const g = groups.get(m.mix) ?? { bytes: 0, latencies: [], count: 0 };
    g.bytes += m.eml.length;
    g.count++;
    g.latencies.push(...timed.latencies[i]!);
    groups.set(m.mix, g);
  }
  const byMix = [...groups.entries()]
    .map(([mix, g]) => ({
      mix,
      messages: g.count,
      meanBytes: g.bytes / g.count,
      latency: summarise(g.latencies),
    }))
    .sort((a, b) => a.latency.p50Ms - b.latency.p50Ms);

  return {
    messages: messages.length,
    bytes,
    runs: options.runs,
    messagesPerSecond: messages.length / seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    latency: summarise(all),
    latenciesMs: all,
    byMix,
    flagged: timed.flagged,
  };
}

export interface SizePoint {
  readonly bytes: number;
  readonly iterations: number;
  readonly latency: LatencySummary;
  /** Message bytes over the median latency. */
  readonly mbPerSecond: number;
}

/** Latency and throughput of single plain messages of growing size, one guard for all. */
export async function measureSizes(
  messages: readonly BenchMessage[],
  options: {
    budgetBytes: number;
    minIterations: number;
    maxIterations: number;
    onPoint?: () => void;
    guard?: Guard;
  },
): Promise<SizePoint[]> {
  const guard = options.guard ?? createGuard({ internalDomains: ['example-hospital.org'] });
  const points: SizePoint[] = [];
  for (const m of messages) {
    // Small messages get many iterations, large ones few: about `budgetBytes` per size.
    const iterations = Math.min(
      options.maxIterations,
      Math.max(options.minIterations, Math.ceil(options.budgetBytes / m.eml.length)),
    );
    const timed = await timeMessages(guard, [m], { runs: iterations, warmupRuns: 1 });
    const latency = summarise(timed.latencies[0]!);
    points.push({
      bytes: m.eml.length,
      iterations,
      latency,
      mbPerSecond: m.eml.length / 1e6 / (latency.p50Ms / 1000),
    });
    options.onPoint?.();
  }
  return points;
}
