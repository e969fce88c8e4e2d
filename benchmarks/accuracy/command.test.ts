import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from '@phiguard/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAccuracy } from '../report/accuracy.js';
import { type AccuracyCommandResult, parseAccuracyArgs, runAccuracyCommand } from './command.js';
import { readGoldCorpus } from './gold.js';
import { ANY_CLASS } from './measure.js';

/**
 * A smoke run of the accuracy benchmark through the command that `pnpm bench:accuracy` and
 * `phiguard bench accuracy` run: the committed examples and a small generated corpus, both
 * mail in the gold format, scored by the whole pipeline, with every report written.
 */
const EXAMPLES = fileURLToPath(new URL('../../fixtures/examples', import.meta.url));
const GENERATED_MESSAGES = 8;

const dir = mkdtempSync(join(tmpdir(), 'phiguard-accuracy-cmd-'));
const generated = join(dir, 'generated');
const htmlPath = join(dir, 'out', 'accuracy.html');
let run: AccuracyCommandResult;
let markdown = '';

beforeAll(async () => {
  await writeCorpus(generated, { seed: 3, count: GENERATED_MESSAGES });
  run = await runAccuracyCommand(
    { corpora: [EXAMPLES, generated], out: htmlPath, progress: false },
    (text) => {
      markdown += text;
    },
    'test',
  );
}, 60_000);

/** Every labelled value of both corpora long enough to be found by chance in no report. */
function labelledValues(): string[] {
  return [EXAMPLES, generated]
    .flatMap((c) => readGoldCorpus(c).items.flatMap((i) => i.spans.map((s) => s.value ?? '')))
    .filter((v) => v.length >= 6);
}

describe('accuracy benchmark smoke run', () => {
  it('scores each corpus with positive precision, recall and message recall', () => {
    expect(run.results.map((r) => [r.corpus, r.format, r.messages, r.failed])).toEqual([
      ['examples', 'mail', 5, 0],
      ['generated', 'mail', GENERATED_MESSAGES, 0],
    ]);
    for (const result of run.results) {
      const any = result.scores.find((s) => s.cls === ANY_CLASS);
      expect(any?.gold).toBeGreaterThan(0);
      expect(any?.precision).toBeGreaterThan(0);
      expect(any?.recall).toBeGreaterThan(0);
      expect(result.detectors.length).toBeGreaterThan(0);
      expect(result.message.phiMessages).toBeGreaterThan(0);
      expect(result.message.phiFlagged).toBeGreaterThan(0);
    }
  });

  it('writes the HTML report with one chart per corpus, and the numbers as JSON', () => {
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/<\/svg>/g)).toHaveLength(2);
    expect(html).toContain('<title>Precision and recall per class (overlap): generated');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(run.jsonPath).toBe(join(dir, 'out', 'accuracy.json'));
    const json = JSON.parse(readFileSync(run.jsonPath, 'utf8'));
    expect(json.kind).toBe('phiguard-accuracy-report');
    expect(json.results[1].messages).toBe(GENERATED_MESSAGES);
    // The speed report charts this file: it must find one table per corpus in it.
    expect(readAccuracy(run.jsonPath).map((t) => t.name)).toEqual(['examples', 'generated']);
  });

  it('prints the tables the issue asks for, per corpus', () => {
    expect(markdown).toBe(run.markdown);
    for (const heading of [
      '### examples',
      '### generated',
      '#### Spans per class',
      '#### Spans per detector',
      '#### Decisions: expected (rows) against reached (columns)',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toMatch(/\| clean flagged \(false-alarm rate\) \| [\d.]+ % \|/);
  });

  it('puts no labelled value in the summary, the HTML or the JSON', () => {
    const reports = [markdown, readFileSync(htmlPath, 'utf8'), readFileSync(run.jsonPath, 'utf8')];
    const values = labelledValues();
    expect(values.length).toBeGreaterThan(50);
    for (const value of values) {
      for (const report of reports) expect(report).not.toContain(value);
    }
  });

  it('rejects a flag value it cannot use, saying what to write', () => {
    expect(() => parseAccuracyArgs(['--generate', 'two'])).toThrow(
      "--generate must be a whole number of at least 0, got 'two'; write --generate 1",
    );
    expect(() => parseAccuracyArgs(['--min-level', 'loud'])).toThrow(
      "--min-level must be one of low, medium, high; it was 'loud'",
    );
  });
});

describe('the accuracy file the speed report charts', () => {
  it('rejects a file that is missing, not JSON, or holds no table, saying what to pass', () => {
    const notJson = join(dir, 'speed.txt');
    const noTable = join(dir, 'other.json');
    writeFileSync(notJson, 'engine 0.5 MB/s\n');
    writeFileSync(noTable, JSON.stringify({ kind: 'phiguard-speed-report', runs: [1, 2] }));
    const hint = 'pass the accuracy.json that `bench accuracy` writes beside its HTML report';
    expect(() => readAccuracy(join(dir, 'missing.json'))).toThrow(
      `--accuracy ${join(dir, 'missing.json')}: cannot read it (ENOENT); ${hint}`,
    );
    expect(() => readAccuracy(notJson)).toThrow(`cannot read it (not JSON); ${hint}`);
    expect(() => readAccuracy(noTable)).toThrow(
      `--accuracy ${noTable}: no precision and recall per class; ${hint}`,
    );
  });
});
