import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogFields } from 'phiguard';
import type { Logger } from '../logger.js';
import { failedFileReport } from '../report/file-report.js';
import type { FileReport } from '../report/schema.js';
import type { InspectSettings } from './inspect-path.js';

/** A file for a worker to inspect. */
export interface ToWorker {
  readonly id: number;
  readonly path: string;
}

/** What a worker sends back: it is ready, a report, or a debug event (codes and counts). */
export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'report'; readonly id: number; readonly report: FileReport }
  | { readonly kind: 'log'; readonly event: string; readonly fields?: LogFields };

/** A worker stopped before it could inspect anything: the scan cannot go on in parallel. */
export class ScanWorkerError extends Error {
  override readonly name = 'ScanWorkerError';
  constructor(readonly reason: string) {
    super(
      `a scan worker could not start (${reason}); run the scan with --jobs 1 to scan in ` +
        'this process, and report the problem if that works',
    );
  }
}

const require = createRequire(import.meta.url);

/**
 * How to start a worker. Built, the worker is the compiled `worker.js` beside this file.
 * From the TypeScript source (development and tests) Node cannot start a `.ts` file, so
 * the worker is a one-line script that loads it through tsx, with the `source` condition
 * that resolves the workspace packages to their source too.
 */
function workerStart(): { entry: string | URL; options: { eval: boolean; execArgv?: string[] } } {
  const built = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { entry: built, options: { eval: false } };
  const source = new URL('./worker.ts', import.meta.url).href;
  const api = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const load = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}));`;
  return { entry: load, options: { eval: true, execArgv: ['--conditions=source'] } };
}

interface Task {
  readonly id: number;
  readonly path: string;
  resolve(report: FileReport): void;
  reject(error: Error): void;
}

/** One worker thread and the task it holds, if any. */
class Slot {
  readonly thread: Worker;
  task: Task | undefined;
  ready = false;

  constructor(
    settings: InspectSettings,
    onMessage: (slot: Slot, message: FromWorker) => void,
    onStop: (slot: Slot, reason: string) => void,
  ) {
    const { entry, options } = workerStart();
    this.thread = new Worker(entry, { ...options, workerData: settings });
    this.thread.on('message', (message: FromWorker) => onMessage(this, message));
    // The error's message may hold text from the file; only its kind is kept.
    this.thread.on('error', (error) => onStop(this, error.name));
    this.thread.on('exit', (code) => onStop(this, `exit code ${code}`));
  }
}

/**
 * A pool of worker threads for `phiguard scan --jobs N`: each has its own guard and no
 * state is shared, so N workers inspect N files at once. Tasks wait in a queue until a
 * worker is free; the caller bounds how many it hands over at once (see `scanCommand`).
 * A worker that dies under a file is replaced and that file is reported as not
 * inspected, so it counts as unreadable, never as clean.
 */
export class InspectPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  private broken: ScanWorkerError | undefined;

  constructor(
    readonly size: number,
    private readonly settings: InspectSettings,
    private readonly logger: Logger,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.startSlot());
  }

  /** The report of one file, once a worker has inspected it. */
  inspect(path: string): Promise<FileReport> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, path, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; tasks still queued are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the scan pool is closed'));
    await Promise.all(this.slots.map((slot) => slot.thread.terminate()));
  }

  private startSlot(): Slot {
    return new Slot(
      this.settings,
      (slot, message) => this.received(slot, message),
      (slot, reason) => this.stopped(slot, reason),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.thread.postMessage({ id: task.id, path: task.path } satisfies ToWorker);
    }
  }

  private received(slot: Slot, message: FromWorker): void {
    if (message.kind === 'ready') {
      slot.ready = true;
    } else if (message.kind === 'log') {
      this.logger.log('debug', message.event, message.fields);
    } else if (slot.task?.id === message.id) {
      const { task } = slot;
      slot.task = undefined;
      task.resolve(message.report);
    }
    this.dispatch();
  }

  private stopped(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    const { task } = slot;
    if (!slot.ready) {
      // A worker that never started will not start on a second try either.
      this.broken = new ScanWorkerError(reason);
      this.slots.splice(index, 1);
      void slot.thread.terminate();
      for (const waiting of this.queue.splice(0)) waiting.reject(this.broken);
      task?.reject(this.broken);
      return;
    }
    this.logger.log('warn', 'scan_worker_stopped', { reason });
    this.slots[index] = this.startSlot();
    void slot.thread.terminate();
    task?.resolve(
      failedFileReport(task.path, 'the file could not be inspected (its worker stopped)'),
    );
  }
}
