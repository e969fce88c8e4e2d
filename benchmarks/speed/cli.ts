/**
 * The speed benchmark as a command, for `run.ts`, `pnpm bench:speed` and `phiguard bench
 * speed`: parse flags, run, print the Markdown summary on stdout and write the HTML report.
 * Progress goes to stderr, and only when stderr is a terminal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closeOcr } from '@phiguard/extract';
import { BENCH_OUT } from '../corpus/text.js';
import { ensureRipgrep, RipgrepUnavailableError } from '../peers/ripgrep.js';
import { readAccuracy } from '../report/accuracy.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { progressBar } from '../report/progress.js';
import { BenchUsageError } from '../usage.js';
import { runSpeedBenchmark, type SpeedOptions, type SpeedReport } from './benchmark.js';

export const SPEED_USAGE = `usage: bench speed [--size MB] [--quick] [--runs N] [--messages N]
                   [--seed N] [--peer-sample MB] [--max-message-size BYTES]
                   [--out report.html]
                   [--json speed.json] [--accuracy accuracy.json]`;

export interface SpeedCommandOptions {
  readonly sizeMB?: number;
  readonly quick?: boolean;
  readonly runs?: number;
  readonly messages?: number;
  readonly seed?: number;
  readonly peerSampleMB?: number;
  /** Largest message of the size curve (1 KB, 10 KB ... up to this); 10 MB unless set. */
  readonly maxMessageBytes?: number;
  readonly out?: string;
  readonly json?: string;
  /** An accuracy JSON (`bench accuracy --json`) whose precision and recall are charted. */
  readonly accuracy?: string;
  /** Draw a progress bar on stderr; on when stderr is a terminal unless set. */
  readonly progress?: boolean;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new BenchUsageError(
      `--${flag} must be a number above 0, got '${value}'; write --${flag} 2`,
    );
  }
  return n;
}

/** Flags of `pnpm bench:speed` to options; throws `BenchUsageError` on a bad value. */
export function parseSpeedArgs(argv: readonly string[]): SpeedCommandOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      size: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      messages: { type: 'string' },
      seed: { type: 'string' },
      'peer-sample': { type: 'string' },
      'max-message-size': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      accuracy: { type: 'string' },
    },
    strict: true,
  });
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) {
    throw new BenchUsageError(
      `--seed must be a whole number, got '${values.seed}'; write --seed 1`,
    );
  }
  const runs = positive('runs', values.runs);
  const messages = positive('messages', values.messages);
  return {
    sizeMB: positive('size', values.size),
    quick: values.quick ?? false,
    seed,
    runs: runs === undefined ? undefined : Math.ceil(runs),
    messages: messages === undefined ? undefined : Math.ceil(messages),
    peerSampleMB: positive('peer-sample', values['peer-sample']),
    maxMessageBytes: positive('max-message-size', values['max-message-size']),
    out: values.out,
    json: values.json,
    accuracy: values.accuracy,
  };
}

export interface SpeedCommandResult {
  readonly report: SpeedReport;
  readonly markdown: string;
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/** Message sizes of the curve: powers of ten from 1 KB up to `max`. */
function sizesUpTo(max: number): number[] {
  const sizes: number[] = [];
  for (let bytes = 1000; bytes <= max; bytes *= 10) sizes.push(bytes);
  return sizes.length > 0 ? sizes : [max];
}

/** Runs the benchmark; prints the summary to `write`; writes the HTML and JSON reports. */
export async function runSpeedCommand(
  options: SpeedCommandOptions = {},
  write: (text: string) => void = (t) => process.stdout.write(t),
  command = 'pnpm bench:speed',
  extra: Partial<SpeedOptions> = {},
): Promise<SpeedCommandResult> {
  // The accuracy file is read first, so a wrong path fails before minutes of measuring.
  const accuracy = options.accuracy ? readAccuracy(options.accuracy) : undefined;
  try {
    ensureRipgrep();
  } catch (error) {
    if (!(error instanceof RipgrepUnavailableError)) throw error;
    // The run goes on without the ratio to ripgrep; the report says it is missing.
    process.stderr.write(`bench speed: ${error.message}\n`);
  }
  let report: SpeedReport;
  try {
    report = await runSpeedBenchmark({
      sizeMB: options.sizeMB,
      quick: options.quick ?? false,
      seed: options.seed,
      runs: options.runs,
      messages: options.messages,
      peerSampleMB: options.peerSampleMB,
      ...(options.maxMessageBytes === undefined
        ? {}
        : { messageSizes: sizesUpTo(options.maxMessageBytes) }),
      progress: progressBar('speed', options.progress),
      ...extra,
    });
  } finally {
    // Generated mail holds scanned images: the OCR workers must end for the process to exit.
    await closeOcr().catch(() => undefined);
  }
  const markdown = renderMarkdown(report, command);
  write(markdown);

  const htmlPath = resolve(options.out ?? join(BENCH_OUT, 'report.html'));
  const jsonPath = resolve(options.json ?? join(dirname(htmlPath), 'speed.json'));
  mkdirSync(dirname(htmlPath), { recursive: true });
  writeFileSync(htmlPath, renderHtml(report, { command, accuracy }));
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  return { report, markdown, htmlPath, jsonPath };
}
