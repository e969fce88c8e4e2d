import { type Command, Option } from 'commander';
import { EXIT, type ExitCode } from '../exit-codes.js';

/**
 * What `phiguard bench` calls in `@phiguard/benchmarks`. The module is imported only when a
 * bench command runs: it pulls in the peer packages and the mail generator, which the other
 * commands must not load. Its shape is declared here, and a test checks that it matches.
 */
export interface BenchModule {
  parseAccuracyArgs(argv: readonly string[]): object;
  runAccuracyCommand(
    options: object,
    write: (text: string) => void,
    command: string,
  ): Promise<{ readonly htmlPath: string; readonly jsonPath: string }>;
  parseSpeedArgs(argv: readonly string[]): object;
  runSpeedCommand(
    options: object,
    write: (text: string) => void,
    command: string,
  ): Promise<{ readonly htmlPath: string; readonly jsonPath: string }>;
  isUsageError(error: unknown): error is Error;
  readonly GoldFormatError: abstract new (...args: never[]) => Error;
}

/** The benchmarks could not be loaded: they live in the source tree, not in the package. */
export class BenchUnavailableError extends Error {
  override readonly name = 'BenchUnavailableError';
}

const BENCHMARKS = '@phiguard/benchmarks';

async function loadBenchmarks(): Promise<BenchModule> {
  try {
    // A specifier in a variable: the compiler does not follow it into the benchmarks'
    // source, and nothing is loaded until a bench command runs.
    return (await import(BENCHMARKS)) as BenchModule;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    throw new BenchUnavailableError(
      `phiguard bench could not load ${BENCHMARKS} (${code}); it runs from a clone of the ` +
        'phiguard repository: run `pnpm install` there, then `pnpm bench:accuracy`, ' +
        '`pnpm bench:speed`, or `pnpm exec tsx --conditions=source packages/cli/src/bin.ts bench`',
    );
  }
}

export interface BenchIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly interactive: boolean;
}

/** Commander's options back to the flags the benchmarks parse, so they check them once. */
function toArgv(options: Record<string, unknown>, names: Readonly<Record<string, string>>) {
  const argv: string[] = [];
  for (const [key, flag] of Object.entries(names)) {
    const value = options[key];
    if (value === undefined || value === false) continue;
    if (value === true) argv.push(`--${flag}`);
    else if (Array.isArray(value)) for (const v of value) argv.push(`--${flag}`, String(v));
    else argv.push(`--${flag}`, String(value));
  }
  return argv;
}

const ACCURACY_FLAGS = {
  corpus: 'corpus',
  generate: 'generate',
  seed: 'seed',
  minLevel: 'min-level',
  internalDomain: 'internal-domain',
  out: 'out',
  json: 'json',
} as const;

const SPEED_FLAGS = {
  size: 'size',
  quick: 'quick',
  runs: 'runs',
  messages: 'messages',
  seed: 'seed',
  peerSample: 'peer-sample',
  maxMessageSize: 'max-message-size',
  out: 'out',
  json: 'json',
  accuracy: 'accuracy',
} as const;

async function runBench(
  kind: 'accuracy' | 'speed',
  options: Record<string, unknown>,
  io: BenchIo,
): Promise<ExitCode> {
  let bench: BenchModule;
  try {
    bench = await loadBenchmarks();
  } catch (error) {
    if (!(error instanceof BenchUnavailableError)) throw error;
    io.err(`${error.message}\n`);
    return EXIT.usage;
  }
  const flags = kind === 'accuracy' ? ACCURACY_FLAGS : SPEED_FLAGS;
  const argv = toArgv(options, flags);
  const command = `phiguard bench ${kind} ${argv.join(' ')}`.trim();
  try {
    const parse = kind === 'accuracy' ? bench.parseAccuracyArgs : bench.parseSpeedArgs;
    const run = kind === 'accuracy' ? bench.runAccuracyCommand : bench.runSpeedCommand;
    // The progress bar is drawn only when stderr is a terminal.
    const parsed = { ...parse(argv), progress: io.interactive };
    const { htmlPath, jsonPath } = await run(parsed, io.out, command);
    io.err(`report: ${htmlPath}\nnumbers: ${jsonPath}\n`);
    return EXIT.ok;
  } catch (error) {
    if (bench.isUsageError(error) || error instanceof bench.GoldFormatError) {
      io.err(`phiguard bench ${kind}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/**
 * Adds `phiguard bench accuracy|speed` to `program`; `setCode` receives the exit code.
 * Created through `program.command` so the subcommands inherit its output and exit handling.
 */
export function addBenchCommand(
  program: Command,
  io: BenchIo,
  setCode: (code: ExitCode) => void,
): Command {
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  const bench = program
    .command('bench')
    .description(
      'measure accuracy on labelled mail and speed on generated mail, with peers side by side',
    );
  bench
    .command('accuracy')
    .description(
      'score the whole pipeline on gold corpora (fixtures/README.md): precision, recall, F1 ' +
        'and F2 per class and detector, message recall, false alarms, decisions',
    )
    .option(
      '--corpus <dir>',
      'folder with gold.jsonl and .eml files, or plain-text .jsonl (repeatable); ' +
        'default: examples, a generated corpus, ASQ-PHI and PhysioNet dev',
      collect,
    )
    .option('--generate <n>', 'messages in the generated default corpus (default 200; 0: none)')
    .option('--seed <n>', 'seed of the generated corpus (default 1)')
    .addOption(
      new Option(
        '--min-level <level>',
        'lowest confidence that counts as a finding (default medium)',
      ).choices(['low', 'medium', 'high']),
    )
    .option('--internal-domain <domain>', "the organisation's domain (repeatable)", collect)
    .option('--out <file>', 'HTML report (default .bench-out/accuracy.html)')
    .option('--json <file>', 'the numbers as JSON (default beside the HTML report)')
    .action(async (options: Record<string, unknown>) => {
      setCode(await runBench('accuracy', options, io));
    });
  bench
    .command('speed')
    .description(
      'MB/s, messages/s, p50/p95/p99 latency, peak RSS, growth with size and attachments, ' +
        '1 worker and all cores, openredaction, redact-pii and ripgrep on the same text',
    )
    .option('--size <MB>', 'engine corpus size in MB (default 20, 2 with --quick)')
    .option('--quick', 'smaller inputs and one run: a look, not a measurement')
    .option('--runs <n>', 'timed runs per measurement; the median is reported (default 3)')
    .option('--messages <n>', 'generated messages for the pipeline (default 200)')
    .option('--seed <n>', 'seed of the generated inputs (default 1)')
    .option('--peer-sample <MB>', 'MB of the corpus the npm peers scan (default 0.5)')
    .option('--max-message-size <bytes>', 'largest message of the size curve (default 10 MB)')
    .option('--out <file>', 'HTML report (default .bench-out/report.html)')
    .option('--json <file>', 'the numbers as JSON (default beside the HTML report)')
    .option('--accuracy <file>', 'accuracy JSON from bench accuracy, charted in the report')
    .action(async (options: Record<string, unknown>) => {
      setCode(await runBench('speed', options, io));
    });
  return bench;
}
