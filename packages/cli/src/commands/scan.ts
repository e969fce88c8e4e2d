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
  // Only the JSON document needs every report at the end; the other formats print each
  // as it comes and keep counts, so memory holds the paths and a few reports.
  const kept: FileReport[] = [];
  const tally = new Tally(options.policy !== undefined);
  const inspector = await inspectorFor(settings, jobs, io.logger);
  for await (const report of inspectAll(inspector, files, settings, jobs > 1 ? 2 * jobs : 1)) {
    tally.add(report);
    progress?.increment();
    if (options.format === 'json') kept.push(report);
    if (options.format === 'jsonl') io.out(`${JSON.stringify(report)}\n`);
    if (options.format === 'table')
      io.out(`${renderTable(report, options.minLevel, options.maxRows ?? 20)}\n\n`);
  }
  progress?.stop();

  const { summary } = tally;
  if (options.format === 'json') {
    const report: ScanReport = { schema: SCAN_REPORT_SCHEMA, files: kept, summary };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  }
  if (options.format === 'table') {
    io.out(
      `${summary.files} files, ${summary.withPhi} with PHI, ${summary.withUnscannable} with unreadable parts, ${summary.findings} findings\n`,
    );
  }
  io.logger.log('info', 'scan_finished', summary);
  return options.exitZero ? EXIT.ok : tally.exitCode;
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

/** The summary and exit code of a scan, counted report by report. */
class Tally {
  readonly summary = { files: 0, withPhi: 0, withUnscannable: 0, findings: 0 };
  private found = false;
  private unreadable = false;

  /** With a policy, "found" means a decision other than allow; without, PHI. */
  constructor(private readonly withDecision: boolean) {}

  add(report: FileReport): void {
    const unscannable = report.unscannable.length > 0;
    this.summary.files++;
    if (report.phi) this.summary.withPhi++;
    if (unscannable) this.summary.withUnscannable++;
    this.summary.findings += report.findings.length;
    const flagged = this.withDecision
      ? report.decision !== undefined && report.decision.action !== 'allow'
      : report.phi;
    if (flagged) this.found = true;
    if (unscannable || report.error) this.unreadable = true;
  }

  get exitCode(): ExitCode {
    if (this.found) return EXIT.found;
    return this.unreadable ? EXIT.unscannable : EXIT.ok;
  }
}
