import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import { WorkerPool } from './worker-pool.js';

/**
 * A small pool of tesseract.js workers, fully offline. Workers start on first use (0.4 s
 * each, 70–120 MB), are reused across jobs, and a job that runs past its time is ended by
 * terminating its worker, which the pool then replaces on demand.
 */

const require = createRequire(import.meta.url);

// The trained data ships in @tesseract.js-data/eng. Without a local langPath tesseract.js
// tries a CDN and hangs or crashes offline; `best_int` is the accurate integer model.
const LANG_PATH = join(
  dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);

/** Thrown when OCR of one image ran past its time; the worker was terminated. */
export class OcrTimeoutError extends Error {
  override readonly name = 'OcrTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(
      `OCR ran past ${timeoutMs} ms and was stopped; raise ocrTimeoutMs or send a smaller image`,
    );
  }
}

/** Thrown when tesseract could not read an image (a format it cannot decode, a crash). */
export class OcrFailedError extends Error {
  override readonly name = 'OcrFailedError';
  constructor(cause: unknown) {
    super('OCR failed on the image; check that it is a valid PNG, JPEG, TIFF, GIF, BMP or WebP', {
      cause,
    });
  }
}

/**
 * What the pool needs from one OCR worker: tesseract.js's `Worker` has this shape. Any
 * other engine (or a wrapper that injects faults in tests) can stand in for it.
 */
export interface OcrEngine {
  recognize(image: Buffer): Promise<{ readonly data: { readonly text: string } }>;
  terminate(): Promise<unknown>;
}

/** Starts one OCR worker; the pool calls it whenever it needs a new worker. */
export type OcrEngineFactory = () => Promise<OcrEngine>;

let engineFactory: OcrEngineFactory = startWorker;
const pool = new WorkerPool<OcrEngine>(
  'ocr',
  () => engineFactory(),
  (worker) => worker.terminate(),
);

/**
 * Sets how many OCR workers may run at once (default 1, at most the number of cores) and
 * how a worker is started (default: an offline tesseract.js worker). Both take effect for
 * workers started afterwards; call `closeOcr()` first to drop idle ones.
 *
 * `engine` exists for fault injection: the hardening tests wrap a real tesseract worker in
 * one that crashes or hangs, to check that a failed job fails closed and the pool recovers.
 * It is not meant for production use.
 */
export function configureOcr(options: {
  readonly poolSize?: number;
  readonly engine?: OcrEngineFactory;
}): void {
  pool.resize(options.poolSize ?? 1);
  engineFactory = options.engine ?? startWorker;
}

/** Terminates every idle OCR worker; the next OCR job starts new ones. Call before exit. */
export async function closeOcr(): Promise<void> {
  await pool.close();
}

/** The default engine: one offline tesseract.js worker. */
export function startWorker(): Promise<Worker> {
  // errorHandler is required: without it a bad image throws from the worker thread and
  // takes the process down. No logger is passed, so nothing about the image is printed.
  return createWorker('eng', 1, {
    langPath: LANG_PATH,
    gzip: true,
    cacheMethod: 'none',
    errorHandler: () => {},
  });
}

/**
 * Reads the text of one image (PNG, JPEG, TIFF, BMP and what tesseract's decoder knows).
 * Throws `OcrTimeoutError` after `timeoutMs` and `OcrFailedError` when tesseract fails.
 */
export async function recognizeImage(image: Uint8Array, timeoutMs: number): Promise<string> {
  const worker = await pool.acquire().catch((error: unknown) => {
    throw new OcrFailedError(error);
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([worker.recognize(Buffer.from(image)), expired]);
    if (outcome === 'expired') {
      pool.discard(worker);
      throw new OcrTimeoutError(timeoutMs);
    }
    pool.release(worker);
    return outcome.data.text;
  } catch (error) {
    if (error instanceof OcrTimeoutError) throw error;
    // A failed job may leave the worker in a bad state: replace it rather than reuse it.
    pool.discard(worker);
    throw new OcrFailedError(error);
  } finally {
    clearTimeout(timer);
  }
}
