import { closeOcr } from '@phiguard/extract';
import { generateMessage } from '@phiguard/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseSmtpArgs,
  renderSmtpMarkdown,
  runSmtpBenchmark,
  type SmtpBenchmarkResult,
} from './run.js';

// Generated mail holds scanned images; their OCR workers end with the run.
afterAll(() => closeOcr());

const SEED = 7;
const MESSAGES = 6;
let result: SmtpBenchmarkResult;

beforeAll(async () => {
  result = await runSmtpBenchmark({ messages: MESSAGES, connections: 2, seed: SEED });
}, 60_000);

describe('SMTP filter benchmark smoke run', () => {
  it('sends every message through the filter and times each reply', () => {
    expect(result).toMatchObject({ messages: MESSAGES, connections: 2 });
    expect(result.bytes).toBeGreaterThan(MESSAGES * 500);
    expect(result.messagesPerSecond).toBeGreaterThan(0);
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p95Ms);
    // The client waits for the filter's reply, so its time holds the filter's.
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.filter.p50Ms);
  });

  it('gets exactly one decision per message, refusals included', () => {
    const decided = Object.values(result.outcomes).reduce((n, v) => n + v, 0);
    expect(decided).toBe(MESSAGES);
    expect(result.outcomes.deferred ?? 0).toBe(0);
    // Every refusal is a block: nothing was deferred.
    expect(result.refused).toBe(result.outcomes.block ?? 0);
  });

  it('prints the machine and one row of numbers, without a value from the mail', async () => {
    const markdown = renderSmtpMarkdown(result, 'pnpm bench:smtp --messages 6');
    expect(markdown).toContain('## phiguard SMTP filter benchmark');
    expect(markdown).toContain(`${result.machine.cores} cores`);
    expect(markdown).toContain('Command: `pnpm bench:smtp --messages 6`');
    expect(markdown).toMatch(/^\| 6 \| 2 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/m);
    for (let i = 0; i < MESSAGES; i++) {
      const { gold } = await generateMessage({ seed: SEED }, i);
      for (const span of gold.spans.filter((s) => s.value.length >= 6)) {
        expect(markdown).not.toContain(span.value);
      }
    }
  });

  it('rejects a flag value it cannot use, saying what to write', () => {
    expect(parseSmtpArgs([])).toEqual({ messages: 400, connections: 8, seed: 7, workers: 0 });
    expect(parseSmtpArgs(['--workers', '2']).workers).toBe(2);
    expect(() => parseSmtpArgs(['--connections', '0'])).toThrow(
      "--connections must be a whole number of at least 1, got '0'; write --connections 1",
    );
  });
});

describe('SMTP filter benchmark on guard workers', () => {
  it('decides every message on the pool, as in the filter thread', async () => {
    const pooled = await runSmtpBenchmark({
      messages: MESSAGES,
      connections: 2,
      seed: SEED,
      workers: 2,
    });
    expect(pooled.workers).toBe(2);
    expect(pooled.outcomes).toEqual(result.outcomes);
    expect(renderSmtpMarkdown(pooled)).toContain('on 2 guard workers');
  }, 60_000);
});
