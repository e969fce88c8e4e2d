import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Benchmarks from '@phiguard/benchmarks';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../exit-codes.js';
import { runCaptured } from '../testing/capture.js';
import type { BenchModule } from './bench.js';

// The shape the CLI declares must be what the benchmarks export: this fails to compile
// (`pnpm typecheck`) when one of them changes without the other.
const matchesDeclaredShape = (module: typeof Benchmarks): BenchModule => module;

const run = (argv: string[]) => runCaptured(argv);

/** Two plain-text records: one labelled SSN the scanner finds, one clean line. */
function tinyCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phiguard-bench-cli-'));
  const records = [
    {
      id: 'a',
      text: 'Patient SSN 512-43-7789 was reviewed today.',
      spans: [{ class: 'ssn', start: 12, end: 23 }],
    },
    { id: 'b', text: 'Lunch is at noon on the third floor.', phi: false, spans: [] },
  ];
  writeFileSync(join(dir, 'gold.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  return dir;
}

describe('phiguard bench', () => {
  it('loads the benchmarks module only when a bench command runs', () => {
    expect(typeof matchesDeclaredShape).toBe('function');
    const program = readFileSync(new URL('../program.ts', import.meta.url), 'utf8');
    const bench = readFileSync(new URL('./bench.ts', import.meta.url), 'utf8');
    expect(program).not.toContain('@phiguard/benchmarks');
    expect(bench).not.toMatch(/^import .*benchmarks/m);
  });

  it('lists accuracy and speed, and documents their flags', async () => {
    const help = await run(['bench', '--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.out).toMatch(/accuracy \[options\]/);
    expect(help.out).toMatch(/speed \[options\]/);
    expect((await run(['bench', 'accuracy', '--help'])).out).toContain('--corpus <dir>');
    expect((await run(['bench', 'speed', '--help'])).out).toContain('--max-message-size');
  });

  it('scores a corpus given with --corpus and writes the HTML report with its chart', async () => {
    const corpus = tinyCorpus();
    const htmlPath = join(corpus, 'out', 'report.html');
    const { code, out, err } = await run([
      'bench',
      'accuracy',
      '--corpus',
      corpus,
      '--out',
      htmlPath,
    ]);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/\| ssn \| 1 \| 1 \| 1 \| 1 \| 100\.0 \| 100\.0 \|/);
    expect(out).not.toContain('512-43-7789');
    expect(err).toContain(`report: ${htmlPath}`);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toContain('512-43-7789');
    const numbers = JSON.parse(readFileSync(join(corpus, 'out', 'accuracy.json'), 'utf8'));
    expect(numbers.results[0].message).toMatchObject({ phiMessages: 1, cleanMessages: 1 });
  });

  it('exits 2 with a sentence on a corpus it cannot read or a bad flag value', async () => {
    const missing = await run(['bench', 'accuracy', '--corpus', '/nonexistent/corpus']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain('/nonexistent/corpus: no such file or folder');
    const badRuns = await run(['bench', 'speed', '--runs', 'many']);
    expect(badRuns.code).toBe(EXIT.usage);
    expect(badRuns.err).toContain("--runs must be a number above 0, got 'many'");
    // A wrong --accuracy file is found before any measuring starts.
    const badAccuracy = await run(['bench', 'speed', '--accuracy', '/nonexistent/accuracy.json']);
    expect(badAccuracy.code).toBe(EXIT.usage);
    expect(badAccuracy.err).toContain(
      'phiguard bench speed: --accuracy /nonexistent/accuracy.json: cannot read it (ENOENT)',
    );
  });
});
