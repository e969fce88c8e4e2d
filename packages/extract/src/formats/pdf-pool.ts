import { Worker } from 'node:worker_threads';
import type { PdfContent } from './pdf-document.mjs';
import { WorkerPool } from './worker-pool.js';

/**
 * A small pool of PDF worker threads (pdf-worker.mjs). pdfjs does not yield while it
 * parses a page, so a PDF read on the main thread keeps its core busy after its time has
 * run out. In a worker, the time running out terminates the thread, and the CPU and memory
 * it held are freed. Workers start on first use (about 0.1 s under Node: a thread and pdf-parse), are
 * reused for the next PDF, and one that timed out, failed or ran out of memory is replaced.
 */

// Heap of one worker. A PDF that needs more ends as unscannable instead of taking the host
// down; image buffers live outside this heap and are bounded by maxImagePixels instead.
const WORKER_HEAP_MB = 512;

// Closing a parsed PDF takes milliseconds; a worker that needs longer is replaced instead.
const CLOSE_TIMEOUT_MS = 1_000;

/** Thrown when a worker died under a PDF: out of memory, or the thread crashed. */
export class PdfWorkerError extends Error {
  override readonly name = 'PdfWorkerError';
  constructor(readonly outOfMemory: boolean) {
    super(outOfMemory ? 'the PDF worker ran out of memory' : 'the PDF worker stopped');
  }
}

/** Thrown in place of a pdfjs error, carrying only its class name (never its message). */
class PdfParseError extends Error {
  constructor(name: string) {
    super('pdfjs rejected the file');
    this.name = name;
  }
}

type Reply =
  | { kind: 'read'; content: PdfContent }
  | { kind: 'rendered'; image: Uint8Array | undefined }
  | { kind: 'closed' }
  | { kind: 'failed'; name: string };

/** One worker thread with at most one request in flight. */
class PdfWorker {
  private readonly thread: Worker;
  private pending: { resolve(reply: Reply): void; reject(error: Error): void } | undefined;
  private death: PdfWorkerError | undefined;

  constructor() {
    this.thread = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.thread.on('message', (reply: Reply) => this.settle((p) => p.resolve(reply)));
    this.thread.on('error', (error: NodeJS.ErrnoException) => {
      this.fail(new PdfWorkerError(error.code === 'ERR_WORKER_OUT_OF_MEMORY'));
    });
    this.thread.on('exit', () => this.fail(new PdfWorkerError(false)));
    // An idle worker does not keep the process alive; one with a PDF in hand does.
    this.thread.unref();
  }

  get alive(): boolean {
    return this.death === undefined;
  }

  request(message: object, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.death !== undefined) return Promise.reject(this.death);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.thread.ref();
      this.thread.postMessage(message, transfer);
    });
  }

  /** Ends the thread at once, wherever pdfjs stands. */
  terminate(): void {
    this.fail(new PdfWorkerError(false));
    void this.thread.terminate();
  }

  private fail(error: PdfWorkerError): void {
    this.death ??= error;
    this.settle((p) => p.reject(this.death ?? error));
  }

  private settle(how: (pending: NonNullable<PdfWorker['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    this.thread.unref();
    if (pending !== undefined) how(pending);
  }
}

const pool = new WorkerPool<PdfWorker>(
  'pdf',
  () => new PdfWorker(),
  (worker) => worker.terminate(),
);

/** Sets how many PDF workers may run at once: an integer from 1 to the number of cores. */
export function setPdfPoolSize(size: number): void {
  pool.resize(size);
}

/** PDF worker threads alive now, busy or idle. */
export function pdfWorkerCount(): number {
  return pool.count;
}

/** Terminates every idle PDF worker; the next PDF starts a new one. Call before exit. */
export async function closePdfWorkers(): Promise<void> {
  await pool.close();
}

/** Gives a worker back, or ends it when it died under its last PDF. */
function release(worker: PdfWorker): void {
  if (worker.alive) pool.release(worker);
  else pool.discard(worker);
}

/**
 * One PDF open in a pooled worker. `stop` may come at any time, also while the session is
 * still waiting for a worker: a worker that arrives after it goes back to the pool unused.
 */
export class PdfWorkerSession {
  private readonly worker: Promise<PdfWorker>;
  /** The worker once it arrived, until the session gives it back or ends it. */
  private held: PdfWorker | undefined;
  private stopped = false;
  private closed = false;

  constructor() {
    this.worker = pool.acquire();
    void this.worker.then(
      (worker) => {
        if (this.stopped) release(worker);
        else this.held = worker;
      },
      () => {},
    );
  }

  /** Moves `data` into the worker (it is detached here) and reads the PDF there. */
  async read(data: Uint8Array, maxPages: number, maxImagePixels: number): Promise<PdfContent> {
    const reply = await this.ask({ kind: 'open', data, maxPages, maxImagePixels }, [
      data.buffer as ArrayBuffer,
    ]);
    if (reply.kind !== 'read') throw new PdfWorkerError(false);
    return reply.content;
  }

  async render(page: number): Promise<Uint8Array | undefined> {
    const reply = await this.ask({ kind: 'render', page });
    if (reply.kind !== 'rendered') throw new PdfWorkerError(false);
    return reply.image;
  }

  /** Closes the PDF and hands the worker back to the pool. */
  async close(): Promise<void> {
    if (this.stopped || this.closed) return;
    this.closed = true;
    const worker = await this.worker;
    this.held = undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), CLOSE_TIMEOUT_MS);
    });
    const closing = worker.request({ kind: 'close' }).catch(() => undefined);
    const reply = await Promise.race([closing, late]).finally(() => clearTimeout(timer));
    // A worker that does not close cleanly and quickly is not trusted with the next PDF.
    if (reply?.kind === 'closed') release(worker);
    else pool.discard(worker);
  }

  /** Terminates the worker mid-work, wherever pdfjs stands: the PDF ran past its time. */
  stop(): void {
    if (this.stopped || this.closed) return;
    this.stopped = true;
    const worker = this.held;
    this.held = undefined;
    if (worker !== undefined) pool.discard(worker);
  }

  private async ask(message: object, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const worker = await this.worker;
    if (this.stopped) throw new PdfWorkerError(false);
    const reply = await worker.request(message, transfer);
    if (reply.kind === 'failed') throw new PdfParseError(reply.name);
    return reply;
  }
}
