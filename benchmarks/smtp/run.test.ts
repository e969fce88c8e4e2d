import { closeOcr } from '@phiguard/extract';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSmtpArgs, renderSmtpMarkdown, runSmtpBenchmark } from './run.js';

afterAll(() => closeOcr());

describe('SMTP filter benchmark smoke run', () => {
  it('sends every message through the filter and times each reply', async () => {
    const result = await runSmtpBenchmark({ messages: 4, connections: 2, seed: 7 });
    expect(result).toMatchObject({ messages: 4, connections: 2 });
    expect(result.messagesPerSecond).toBeGreaterThan(0);
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    // Each message got exactly one decision from the filter.
    const decided = Object.values(result.outcomes).reduce((n, v) => n + v, 0);
    expect(decided).toBe(4);
    expect(renderSmtpMarkdown(result)).toMatch(/^\| messages \| connections \| msg\/s/);
  });

  it('rejects a flag value it cannot use, saying what to write', () => {
    expect(parseSmtpArgs([])).toEqual({ messages: 400, connections: 8, seed: 7 });
    expect(() => parseSmtpArgs(['--connections', '0'])).toThrow(
      "--connections must be a whole number of at least 1, got '0'; write --connections 1",
    );
  });
});
