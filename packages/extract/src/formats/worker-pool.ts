import { availableParallelism } from 'node:os';

/**
 * At most `size` workers of one kind (PDF threads, OCR engines), started on demand and
 * reused. A job takes an idle worker, starts a new one while fewer than `size` live, or
 * waits for one to come back. A worker that may be in a bad state is discarded instead of
 * given back, and a job waiting then starts a fresh one.
 */
export class WorkerPool<T> {
  private size = 1;
  private live = 0;
  private readonly idle: T[] = [];
  private readonly waiting: Array<(worker: T | undefined) => void> = [];

  /**
   * @param kind named in errors (`pdf`, `ocr`)
   * @param start makes a worker; its errors reach the job that asked
   * @param stop ends a worker that is discarded or closed
   */
  constructor(
    private readonly kind: string,
    private readonly start: () => T | Promise<T>,
    private readonly stop: (worker: T) => unknown,
  ) {}

  /** Sets how many workers may live at once: an integer from 1 to the number of cores. */
  resize(size: number): void {
    const cores = availableParallelism();
    if (!Number.isInteger(size) || size < 1 || size > cores) {
      throw new RangeError(
        `${this.kind} poolSize must be an integer from 1 to ${cores} (the core count)`,
      );
    }
    this.size = size;
  }

  /** Workers alive now, busy or idle. */
  get count(): number {
    return this.live;
  }

  async acquire(): Promise<T> {
    const ready = this.idle.pop();
    if (ready !== undefined) return ready;
    if (this.live < this.size) {
      this.live += 1;
      try {
        return await this.start();
      } catch (error) {
        this.live -= 1;
        throw error;
      }
    }
    const handed = await new Promise<T | undefined>((resolve) => this.waiting.push(resolve));
    return handed ?? this.acquire();
  }

  /** Gives a healthy worker back: to the next job waiting, or to the idle ones. */
  release(worker: T): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(worker);
    else this.idle.push(worker);
  }

  /** Ends a worker that failed or ran out of time; a job waiting starts a fresh one. */
  discard(worker: T): void {
    this.live -= 1;
    try {
      // Ended at once; an engine that fails to end is dropped all the same.
      void Promise.resolve(this.stop(worker)).catch(() => {});
    } catch {}
    this.waiting.shift()?.(undefined);
  }

  /** Ends every idle worker; the next job starts new ones. */
  async close(): Promise<void> {
    const workers = this.idle.splice(0);
    this.live -= workers.length;
    await Promise.allSettled(workers.map(async (worker) => this.stop(worker)));
  }
}
