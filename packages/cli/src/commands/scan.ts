import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Logger } from '../logger.js';
import { type FileReport, SCAN_REPORT_SCHEMA, type ScanReport } from '../report/schema.js';
import { renderTable } from '../report/table.js';
import {
  type Inspector,
  type InspectSettings,
  inspectorFor,
  inspectPath,
} from '../scan/inspect-path.js';
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
  /**
   * Files inspected at once, each in its own worker thread; `auto` (the default) uses one
   * per core for large batches (see `jobsFor`) and this process for small ones.
   */
  readonly jobs?: number | 'auto';
}

/**
 * Files per worker below which `auto` starts fewer workers. A worker loads its own guard
 * (about 0.6 s of one core) and its own OCR and PDF workers when it meets images and PDFs;
 * measured on 2 cores, 200 generated messages ran slower on 2 workers than in one process.
 */
const FILES_PER_WORKER = 256;

/**
 * How many workers `--jobs auto` starts for `files` files: one per core, but no more than
 * one per 256 files; 1 means the files are inspected in this process.
 */
export function jobsFor(files: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(files / FILES_PER_WORKER)));
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
  const settings: InspectSettings = {
    policy: options.policy,
    internalDomains: options.internalDomain,
    showValues: options.showValues,
  };
  const files = await listFiles(paths);
  const jobs =
    options.jobs === undefined || options.jobs === 'auto' ? jobsFor(files.length) : options.jobs;
  io.logger.log('info', 'scan_started', { files: files.length, jobs });

  const progress =
    io.interactive && files.length > 1
      ? new SingleBar({ clearOnComplete: true, stream: process.stderr })
      : undefined;
  progress?.start(files.length, 0);
  const reports: FileReport[] = [];
  const inspector = await inspectorFor(settings, jobs, io.logger);
  for await (const report of inspectAll(inspector, files, settings, jobs > 1 ? 2 * jobs : 1)) {
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
  return options.exitZero ? EXIT.ok : exitCodeFor(reports, options.policy !== undefined);
}

/**
 * The report of every file, in the order given, with at most `ahead` files handed over at
 * a time: memory holds a few reports whatever the number of files, and a slow file holds
 * back the output, not the work. The inspector is closed at the end.
 */
async function* inspectAll(
  inspector: Inspector,
  files: readonly string[],
  settings: InspectSettings,
  ahead: number,
): AsyncGenerator<FileReport> {
  try {
    const pending: Promise<FileReport>[] = [];
    let next = 0;
    const fill = () => {
      while (next < files.length && pending.length < ahead) {
        pending.push(inspectPath(inspector, files[next++]!, settings));
      }
    };
    fill();
    while (pending.length > 0) {
      const report = await pending.shift()!;
      fill();
      yield report;
    }
  } finally {
    await inspector.close?.();
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
