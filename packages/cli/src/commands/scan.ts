import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { createGuard, type Guard, sniffType } from 'phiguard';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Logger } from '../logger.js';
import { loadPolicyArgument } from '../policy-file.js';
import { failedFileReport, toFileReport } from '../report/file-report.js';
import { type FileReport, SCAN_REPORT_SCHEMA, type ScanReport } from '../report/schema.js';
import { renderTable } from '../report/table.js';
import { listFiles } from '../walk.js';

export interface ScanCommandOptions {
  readonly format: 'table' | 'json' | 'jsonl';
  readonly policy?: string;
  readonly internalDomain: readonly string[];
  readonly showValues: boolean;
  readonly minLevel: 'low' | 'medium' | 'high';
  /** Rows per file in the table; 0 shows all. */
  readonly maxRows?: number;
  /** Exit 0 whatever was found; usage errors still exit 2. */
  readonly exitZero?: boolean;
}

export interface Io {
  readonly out: (text: string) => void;
  readonly logger: Logger;
  /** Whether stderr is a terminal: progress bars only then. */
  readonly interactive: boolean;
}

/** `phiguard scan PATH...`: inspects files and folders and reports what it finds. */
export async function scanCommand(
  paths: readonly string[],
  options: ScanCommandOptions,
  io: Io,
): Promise<ExitCode> {
  if (options.showValues) {
    io.logger.log('warn', 'show_values_on', {
      note: 'matched values are printed in clear; use this only on your own machine, never in shared logs',
    });
  }
  const policy = options.policy ? await loadPolicyArgument(options.policy) : undefined;
  const guard = createGuard({
    policy,
    internalDomains: options.internalDomain,
    includeSegmentText: options.showValues,
    logger: io.logger,
  });
  const files = await listFiles(paths);
  io.logger.log('info', 'scan_started', { files: files.length });

  const progress =
    io.interactive && files.length > 1
      ? new SingleBar({ clearOnComplete: true, stream: process.stderr })
      : undefined;
  progress?.start(files.length, 0);
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = await inspectPath(guard, file, options);
    reports.push(report);
    progress?.increment();
    if (options.format === 'jsonl') io.out(`${JSON.stringify(report)}\n`);
    if (options.format === 'table')
      io.out(`${renderTable(report, options.minLevel, options.maxRows ?? 20)}\n\n`);
  }
  progress?.stop();

  const summary = {
    files: reports.length,
    withPhi: reports.filter((r) => r.phi).length,
    withUnscannable: reports.filter((r) => r.unscannable.length > 0).length,
    findings: reports.reduce((n, r) => n + r.findings.length, 0),
  };
  if (options.format === 'json') {
    const report: ScanReport = { schema: SCAN_REPORT_SCHEMA, files: reports, summary };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  }
  if (options.format === 'table') {
    io.out(
      `${summary.files} files, ${summary.withPhi} with PHI, ${summary.withUnscannable} with unreadable parts, ${summary.findings} findings\n`,
    );
  }
  io.logger.log('info', 'scan_finished', summary);
  return options.exitZero ? EXIT.ok : exitCodeFor(reports, policy !== undefined);
}

async function inspectPath(
  guard: Guard,
  path: string,
  options: ScanCommandOptions,
): Promise<FileReport> {
  try {
    const bytes = await readFile(path);
    const type = await sniffType(bytes, path);
    const kind = type === 'message' ? 'message' : 'file';
    const inspection =
      kind === 'message'
        ? await guard.inspectMessage(bytes)
        : await guard.inspectFile(bytes, { filename: path });
    return toFileReport(path, kind, inspection, {
      withDecision: options.policy !== undefined,
      showValues: options.showValues,
    });
  } catch (error) {
    // Read errors and internal failures are reported per file; the file counts as unreadable.
    const code = (error as NodeJS.ErrnoException).code;
    return failedFileReport(
      path,
      code ? `cannot read the file (${code})` : 'the file could not be inspected',
    );
  }
}

function exitCodeFor(reports: readonly FileReport[], withDecision: boolean): ExitCode {
  const found = withDecision
    ? reports.some((r) => r.decision && r.decision.action !== 'allow')
    : reports.some((r) => r.phi);
  if (found) return EXIT.found;
  if (reports.some((r) => r.unscannable.length > 0 || r.error)) return EXIT.unscannable;
  return EXIT.ok;
}
