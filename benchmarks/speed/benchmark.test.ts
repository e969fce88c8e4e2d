import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeOcr } from '@phiguard/extract';
import { generateMessage } from '@phiguard/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEERS } from '../peers/npm.js';
import { accuracyTables } from '../report/accuracy.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { runSpeedBenchmark, type SpeedReport } from './benchmark.js';

/**
 * A smoke run of the whole speed benchmark on tiny inputs, so the harness cannot rot. It
 * checks that every measurement ran and produced numbers, not how fast anything is.
 */
const ripgrepInstalled = spawnSync('rg', ['--version']).status === 0;

let report: SpeedReport;

beforeAll(async () => {
  report = await runSpeedBenchmark({
    sizeMB: 0.03,
    poolMessages: 6,
    messages: 3,
    runs: 1,
    peerSampleMB: 0.01,
    messageSizes: [1_000, 5_000],
    memorySizesMB: [0.03],
    typicalIterations: 2,
    workerCounts: [1, 2],
    cacheDir: false,
    workDir: mkdtempSync(join(tmpdir(), 'phiguard-speed-')),
  });
}, 120_000);

// Generated mail holds scanned images; their OCR workers end with the run.
afterAll(() => closeOcr());

describe('speed benchmark smoke run', () => {
  it('measures the engine, the workers and the pipeline with positive throughput', () => {
    expect(report.engine.medianMBps).toBeGreaterThan(0);
    expect(report.engine.findings).toBeGreaterThan(0);
    expect(report.scaling.points.map((p) => p.workers)).toEqual([1, 2]);
    for (const p of report.scaling.points) expect(p.medianMBps).toBeGreaterThan(0);
    expect(report.pipeline).toMatchObject({ messages: 3, runs: 1 });
    expect(report.pipeline.messagesPerSecond).toBeGreaterThan(0);
    expect(report.pipeline.latenciesMs).toHaveLength(3);
    const { p50Ms, p95Ms, p99Ms } = report.pipeline.latency;
    expect(p50Ms).toBeGreaterThan(0);
    expect(p95Ms).toBeGreaterThanOrEqual(p50Ms);
    expect(p99Ms).toBeGreaterThanOrEqual(p95Ms);
  });

  it('gives one point per message size and per memory size', () => {
    expect(report.sizes).toHaveLength(2);
    for (const s of report.sizes) expect(s.mbPerSecond).toBeGreaterThan(0);
    expect(report.memory.points).toHaveLength(1);
    for (const p of report.memory.points) expect(p.peakBytes).toBeGreaterThan(p.input);
  });

  it('runs both npm peers and ripgrep when it is installed, with a ratio for each', () => {
    expect(report.peers.results.map((r) => r.name)).toEqual(PEERS.map((p) => p.name));
    for (const r of report.peers.results) {
      expect(r.available, r.reason).toBe(true);
      expect(r.throughput?.medianMBps).toBeGreaterThan(0);
    }
    expect(report.peers.ripgrep.available).toBe(ripgrepInstalled);
    expect(report.ratios).toHaveLength(PEERS.length + (ripgrepInstalled ? 2 : 0));
    for (const r of report.ratios) expect(r.ratio).toBeGreaterThan(0);
  });

  it('renders Markdown and HTML with inline SVG charts, without generated values', async () => {
    const accuracy = accuracyTables({
      corpus: 'mini',
      scores: [{ cls: 'ssn', precision: 1, recall: 0.5 }],
    });
    const html = renderHtml(report, { command: 'test', accuracy });
    const markdown = renderMarkdown(report, 'test');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    for (const title of [
      'Throughput on the same text',
      'Whole-pipeline latency per generated message',
      'Throughput against message size',
      'Precision and recall per class: mini scores',
    ]) {
      expect(html).toContain(`<title>${title}`);
    }
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(6);
    expect(markdown).toContain('### Peers, same text, same run');
    expect(markdown).toMatch(/\| generated mail, whole pipeline \| [\d.]+ messages\/s \|/);
    // The pipeline's messages are the generator's first three for seed 1: none of their
    // labelled values may appear in a report.
    for (let i = 0; i < 3; i++) {
      const { gold } = await generateMessage({ seed: 1 }, i);
      for (const span of gold.spans.filter((s) => s.value.length >= 6)) {
        expect(html).not.toContain(span.value);
        expect(markdown).not.toContain(span.value);
      }
    }
  });
});
