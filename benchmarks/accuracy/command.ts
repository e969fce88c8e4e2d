/**
 * The accuracy benchmark as a command, for `pnpm bench:accuracy` and `phiguard bench
 * accuracy`: read the corpora, run each through the whole pipeline, print the Markdown
 * summary and write the HTML report and the JSON numbers.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeOcr } from '@phiguard/extract';
import { writeCorpus } from '@phiguard/fixtures';
import { type ConfidenceLevel, createGuard } from 'phiguard';
import { BENCH_OUT } from '../corpus/text.js';
import { progressBar } from '../report/progress.js';
import { BenchUsageError } from '../usage.js';
import { GoldFormatError, readGoldCorpus } from './gold.js';
import { type CorpusAccuracy, evaluateCorpus } from './measure.js';
import { renderAccuracyHtml, renderAccuracyMarkdown } from './report.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
const LEVELS: readonly ConfidenceLevel[] = ['low', 'medium', 'high'];

export const ACCURACY_USAGE = `usage: bench accuracy [--corpus DIR]... [--generate N] [--seed N]
                      [--min-level low|medium|high] [--internal-domain D]...
                      [--out report.html] [--json accuracy.json]`;

export interface AccuracyCommandOptions {
  /** Folders or `.jsonl` files in the gold format; the default set when empty. */
  readonly corpora?: readonly string[];
  /** Generated messages added to the default set (not to given corpora); 200 unless set. */
  readonly generate?: number;
  readonly seed?: number;
  readonly minLevel?: ConfidenceLevel;
  /** The organisation's domains; the generator's `example-hospital.org` unless set. */
  readonly internalDomains?: readonly string[];
  readonly out?: string;
  readonly json?: string;
  /** Draw a progress bar on stderr; on when stderr is a terminal unless set. */
  readonly progress?: boolean;
  /** Where generated corpora are cached; `.bench-out/generated` unless set. */
  readonly cacheDir?: string;
}

export interface AccuracyCommandResult {
  readonly results: readonly CorpusAccuracy[];
  readonly markdown: string;
  readonly htmlPath: string;
  readonly jsonPath: string;
}

function whole(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new BenchUsageError(
      `--${flag} must be a whole number of at least ${min}, got '${value}'; ` +
        `write --${flag} ${Math.max(min, 1)}`,
    );
  }
  return n;
}

function level(value: string | undefined): ConfidenceLevel | undefined {
  if (value === undefined) return undefined;
  if (!(LEVELS as readonly string[]).includes(value)) {
    throw new BenchUsageError(`--min-level must be one of ${LEVELS.join(', ')}; it was '${value}'`);
  }
  return value as ConfidenceLevel;
}

/** Flags of `pnpm bench:accuracy` to options; throws `BenchUsageError` on a bad value. */
export function parseAccuracyArgs(argv: readonly string[]): AccuracyCommandOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      corpus: { type: 'string', multiple: true },
      generate: { type: 'string' },
      seed: { type: 'string' },
      'min-level': { type: 'string' },
      'internal-domain': { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'string' },
    },
    strict: true,
  });
  return {
    corpora: values.corpus,
    generate: whole('generate', values.generate, 0),
    seed: whole('seed', values.seed, 0),
    minLevel: level(values['min-level']),
    internalDomains: values['internal-domain'],
    out: values.out,
    json: values.json,
  };
}

/** The default corpora: the examples, a generated corpus, and the two public corpora. */
async function defaultCorpora(options: AccuracyCommandOptions): Promise<string[]> {
  const corpora = [join(FIXTURES, 'examples')];
  const count = options.generate ?? 200;
  if (count > 0) {
    const seed = options.seed ?? 1;
    const dir = join(options.cacheDir ?? join(BENCH_OUT, 'generated'), `s${seed}-n${count}`);
    // gold.jsonl is written last, so a folder without it is an interrupted run: rebuild it.
    if (!existsSync(join(dir, 'gold.jsonl'))) await writeCorpus(dir, { seed, count });
    corpora.push(dir);
  }
  corpora.push(join(FIXTURES, 'asq-phi-dev'), join(FIXTURES, 'physionet-deid-gold-dev'));
  return corpora;
}

/** Runs the benchmark; prints the summary to `write`; writes the HTML and JSON reports. */
export async function runAccuracyCommand(
  options: AccuracyCommandOptions = {},
  write: (text: string) => void = (t) => process.stdout.write(t),
  command = 'pnpm bench:accuracy',
): Promise<AccuracyCommandResult> {
  const minLevel = options.minLevel ?? 'medium';
  const sources =
    options.corpora && options.corpora.length > 0
      ? [...options.corpora]
      : await defaultCorpora(options);
  // Every corpus is read before any is scanned, so a format error shows at once.
  const corpora = sources.map((s) => readGoldCorpus(s));
  const guard = createGuard({
    internalDomains: options.internalDomains ?? ['example-hospital.org'],
    // The text stays in memory so values can be compared; no report receives it.
    includeSegmentText: true,
    fingerprintKey: 'accuracy-benchmark-key-0001',
  });
  const bar = progressBar('accuracy', options.progress);
  bar?.start(corpora.reduce((n, c) => n + c.items.length, 0));
  const results: CorpusAccuracy[] = [];
  try {
    for (const corpus of corpora) {
      results.push(
        await evaluateCorpus(corpus, guard, { minLevel, onItem: () => bar?.step(corpus.name) }),
      );
    }
  } finally {
    bar?.stop();
    await closeOcr().catch(() => undefined);
  }

  const date = new Date().toISOString();
  const markdown = renderAccuracyMarkdown(results, { date, command });
  write(markdown);
  const htmlPath = resolve(options.out ?? join(BENCH_OUT, 'accuracy.html'));
  const jsonPath = resolve(options.json ?? join(dirname(htmlPath), 'accuracy.json'));
  mkdirSync(dirname(htmlPath), { recursive: true });
  writeFileSync(htmlPath, renderAccuracyHtml(results, { date, command }));
  mkdirSync(dirname(jsonPath), { recursive: true });
  const json = { kind: 'phiguard-accuracy-report', date, results };
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  return { results, markdown, htmlPath, jsonPath };
}

export { GoldFormatError };
