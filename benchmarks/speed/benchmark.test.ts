import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeOcr } from '@phiguard/extract';
import { generateMessage } from '@phiguard/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEERS } from '../peers/npm.js';
import { ensureRipgrep, measureRipgrep, RIPGREP_PATTERNS } from '../peers/ripgrep.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import type { SpeedReport } from './benchmark.js';
import { runSpeedCommand } from './cli.js';

/**
 * A smoke run of the whole speed benchmark on tiny inputs, through the command that
 * `pnpm bench:speed` and `phiguard bench speed` run, so the harness cannot rot. It checks
 * that every measurement ran and produced numbers, and that the reports were written whole;
 * not how fast anything is.
 */
const out = mkdtempSync(join(tmpdir(), 'phiguard-speed-'));
let report: SpeedReport;
let markdown = '';

beforeAll(async () => {
  // The ratio to ripgrep is a speed target: as root this installs it, otherwise it fails
  // saying how to.
  ensureRipgrep();
  // An accuracy result in the shape `bench accuracy --json` writes, charted in the report.
  const accuracyJson = join(out, 'accuracy.json');
  writeFileSync(
    accuracyJson,
    JSON.stringify({
      results: [{ corpus: 'mini', scores: [{ cls: 'ssn', precision: 1, recall: 0.5 }] }],
    }),
  );
  const result = await runSpeedCommand(
    {
      sizeMB: 0.03,
      messages: 3,
      runs: 1,
      peerSampleMB: 0.01,
      out: join(out, 'report.html'),
      accuracy: accuracyJson,
      progress: false,
    },
    (text) => {
      markdown += text;
    },
    'test',
    {
      poolMessages: 6,
      messageSizes: [1_000, 5_000],
      memorySizesMB: [0.03],
      typicalIterations: 2,
      workerCounts: [1, 2],
      cacheDir: false,
      workDir: out,
    },
  );
  report = result.report;
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
    for (const memory of [report.memory, report.streamMemory]) {
      expect(memory.points).toHaveLength(1);
      for (const p of memory.points) expect(p.peakBytes).toBeGreaterThan(p.input);
    }
    expect(report.streamMemory.mode).toBe('stream');
    // The streamed text is the corpus file cut at the same size, so it holds findings too.
    expect(report.streamMemory.points[0]!.input).toBeGreaterThan(0);
  });

  it('runs both npm peers and ripgrep, with a ratio for each', () => {
    expect(report.peers.results.map((r) => r.name)).toEqual(PEERS.map((p) => p.name));
    for (const r of report.peers.results) {
      expect(r.available, r.reason).toBe(true);
      expect(r.throughput?.medianMBps).toBeGreaterThan(0);
    }
    expect(report.peers.ripgrep.available).toBe(true);
    expect(report.ratios).toHaveLength(PEERS.length + 2);
    for (const r of report.ratios) expect(r.ratio).toBeGreaterThan(0);
  });

  it('writes the HTML report with inline SVG charts and the numbers as JSON', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    for (const title of [
      'Throughput on the same text',
      'Whole-pipeline latency per generated message',
      'Throughput against message size',
      'Latency against message size',
      'Memory against input size',
      'Precision and recall per class: mini',
    ]) {
      expect(html).toContain(`<title>${title}`);
    }
    // Six charts, each closed: a chart cut short would break the page after it.
    expect(html.match(/<svg /g)).toHaveLength(6);
    expect(html.match(/<\/svg>/g)).toHaveLength(6);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    const json = JSON.parse(readFileSync(join(out, 'speed.json'), 'utf8')) as SpeedReport;
    expect(json.kind).toBe('phiguard-speed-report');
    expect(json.engine.medianMBps).toBe(report.engine.medianMBps);
  });

  it('prints a Markdown summary with the headline, the peers and no generated value', async () => {
    expect(markdown).toContain('### Peers, same text, same run');
    expect(markdown).toMatch(/\| generated mail, whole pipeline \| [\d.]+ messages\/s \|/);
    expect(markdown).toContain('| ripgrep (rg -c, 1 thread) |');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
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

  it('says ripgrep is not installed when it cannot run, and charts no bar for it', () => {
    const missing = measureRipgrep(join(out, 'speed.json'), 1, 1, out, join(out, 'no-such-rg'));
    expect(missing).toEqual({
      available: false,
      version: 'not installed',
      patterns: RIPGREP_PATTERNS.length,
    });
    const withoutRg: SpeedReport = {
      ...report,
      peers: { ...report.peers, ripgrep: missing },
      ratios: report.ratios.filter((r) => !r.peer.startsWith('ripgrep')),
    };
    const summary = renderMarkdown(withoutRg, 'test');
    expect(summary).toContain('- ripgrep: not installed');
    expect(summary).not.toContain('| ripgrep (');
    const html = renderHtml(withoutRg, { command: 'test' });
    expect(html).toContain('<li>ripgrep: not installed');
    expect(html).not.toContain('>ripgrep -c<');
  });
});
