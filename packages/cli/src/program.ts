import { Command, InvalidArgumentError, Option } from 'commander';
import { addBenchCommand } from './commands/bench.js';
import { hookCommand } from './commands/hook.js';
import { rulesCheckCommand, rulesTestCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { createLogger, LOG_LEVELS, type LogLevel } from './logger.js';
import { PolicyFileError } from './policy-file.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdin: AsyncIterable<Buffer | string>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly interactive: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function level(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`use one of ${LOG_LEVELS.join(', ')}`);
  }
  return value as LogLevel;
}

/**
 * Runs the `phiguard` command with `argv` (without the node and script paths) and
 * resolves with the exit code. Nothing here calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('phiguard')
    .description(
      'Finds protected health information in mail and files, and decides what may leave.',
    )
    .version('0.1.0')
    .addOption(
      new Option('--log-level <level>', 'stderr verbosity').argParser(level).default('warn'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const loggerOf = () => createLogger(program.opts<{ logLevel: LogLevel }>().logLevel, io.err);

  program
    .command('scan')
    .description('scan messages, attachments and text files; folders are walked recursively')
    .argument('<paths...>', 'files or folders')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'jsonl'])
        .default('table'),
    )
    .option('--policy <file>', 'add the decision of this policy file or pack (e.g. hipaa-baseline)')
    .option('--internal-domain <domain>', "the organisation's domain (repeatable)", collect, [])
    .addOption(
      new Option('--min-level <level>', 'lowest confidence shown in the table')
        .choices(['low', 'medium', 'high'])
        .default('medium'),
    )
    .option('--show-values', 'print matched values in clear (local debugging only)', false)
    .option('--max-rows <n>', 'findings shown per file in the table (0: all)', Number, 20)
    .option('--exit-zero', 'exit 0 even when PHI is found (for demos and reports)', false)
    .option(
      '--jobs <n>',
      'files inspected at once, each in a worker thread (auto: one per core, one per 256 files)',
      parseJobs,
      'auto',
    )
    .action(async (paths: string[], options) => {
      code = await scanCommand(paths, options, {
        out: io.out,
        logger: loggerOf(),
        interactive: io.interactive,
      });
    });

  program
    .command('hook')
    .description('decide one message read on stdin; the exit code says the action')
    .option('--policy <file>', 'policy file or pack (default: hipaa-baseline)')
    .option('--internal-domain <domain>', "the organisation's domain (repeatable)", collect, [])
    .option('--sender <address>', 'envelope sender, when it differs from From:')
    .option(
      '--recipient <address>',
      'envelope recipient (repeatable); default: To, Cc and Bcc',
      collect,
      [],
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 allow, 10 encrypt, 11 quarantine, 12 block, 13 the scanner failed (do not send).',
    )
    .action(async (options) => {
      code = await hookCommand(io.stdin, options, { out: io.out, logger: loggerOf() });
    });

  const rules = program.command('rules').description('check and test policy files');
  rules
    .command('check')
    .description('load a policy file and report the first error with its line and column')
    .argument('<file>', 'policy file (.phg or .json) or pack name')
    .action(async (file: string) => {
      code = await rulesCheckCommand(file, { out: io.out });
    });
  rules
    .command('test')
    .description('run fixture messages through a policy and check the action each declares')
    .argument('<file>', 'policy file or pack name')
    .argument('<fixtures...>', 'fixture files or folders (X-Phiguard-Expect: ACTION in each)')
    .option('--internal-domain <domain>', "the organisation's domain (repeatable)", collect, [])
    .action(async (file: string, fixtures: string[], options) => {
      code = await rulesTestCommand(file, fixtures, options, { out: io.out });
    });

  addBenchCommand(program, io, (exitCode) => {
    code = exitCode;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (exitCode === 0) return EXIT.ok;
    if (error instanceof PolicyFileError) {
      io.err(`${error.message}\n`);
      return EXIT.usage;
    }
    if (exitCode !== undefined) return EXIT.usage;
    throw error;
  }
  return code;
}

/** `--jobs`: `auto` or a whole number from 1 to 256. */
function parseJobs(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new InvalidArgumentError('use auto or a whole number from 1 to 256');
  }
  return jobs;
}
