import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { FingerprintKeyError, SCAN_YOUNG_GENERATION_MB } from '@phiguard/core';
import { loadPolicyText } from '@phiguard/rules';
import {
  AuditKeyError,
  type Envelope,
  type GuardOptions,
  type Inspection,
  type Verdict,
} from '../guard.js';
import { InspectionTimeoutError } from '../timeout.js';
import type { Reply, Request, WorkerSettings } from './protocol.js';
import { startWorker } from './start-worker.js';

export interface GuardPoolOptions extends Omit<GuardOptions, 'policy'> {
  /**
   * The policy's text: the rule language, or JSON when `policyName` ends in `.json`. The
   * `hipaa-baseline` pack when absent. Checked when the pool is made: a policy that does
   * not load throws its `PolicyError` there, before any worker starts.
   */
  readonly policyText?: string;
  /** The policy's file name, for errors and to tell JSON apart. */
  readonly policyName?: string;
  /** Worker threads, each with its own guard; one per core when absent. */
  readonly workers?: number;
  /**
   * Inspections that may wait for a free worker; more are refused at once with
   * `GuardPoolBusyError`, which a mail adapter answers with a temporary failure so the
   * sender retries later. 16 per worker when absent.
   */
  readonly maxWaiting?: number;
  /**
   * A worker that holds one inspection longer than this is stopped, which frees its CPU
   * and memory; the inspection rejects with `InspectionTimeoutError` and a new worker
   * takes its place. No limit when absent (the extractors bound their own work).
   */
  readonly timeoutMs?: number;
  /**
   * Heap of one worker in MB. A message that needs more stops that worker alone, and its
   * inspection rejects with `GuardWorkerError`; the host goes on. 1024 when absent.
   */
  readonly workerHeapMb?: number;
  /**
   * Part of a worker's heap for short-lived objects, in MB; `SCAN_YOUNG_GENERATION_MB`
   * (96) when absent. V8's own default (48) costs less memory and scans more slowly: two
   * workers did about a fifth less per second with it.
   */
  readonly workerYoungGenerationMb?: number;
}

/** Heap of one worker unless set: room for the guard's lists (about 70 MB) and a large message. */
const DEFAULT_WORKER_HEAP_MB = 1024;

/** How Node names a worker's death by running out of its heap. */
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** Every worker is busy and the waiting list is full: try again later. */
export class GuardPoolBusyError extends Error {
  override readonly name = 'GuardPoolBusyError';
  constructor(readonly waiting: number) {
    super(`all guard workers are busy and ${waiting} inspections wait; retry later or add workers`);
  }
}

/**
 * A worker stopped under an inspection (out of memory, a crash) or could not start. The
 * inspection has no result: treat the message as not inspected and fail closed.
 */
export class GuardWorkerError extends Error {
  override readonly name = 'GuardWorkerError';
  constructor(
    readonly stage: 'start' | 'inspect',
    readonly reason: string,
  ) {
    super(
      reason === OUT_OF_MEMORY
        ? `a guard worker ran out of memory during ${stage === 'start' ? 'its start' : 'an inspection'}; ` +
            'the message was not inspected. Give the workers more heap (workerHeapMb)'
        : stage === 'start'
          ? `a guard worker could not start (${reason}); check that the guard works in this ` +
            'process with createGuard, which reports the cause'
          : `the guard worker stopped during an inspection (${reason}); the message was not inspected`,
    );
  }
}

/** The pool was closed; no more inspections are taken. */
export class GuardPoolClosedError extends Error {
  override readonly name = 'GuardPoolClosedError';
  constructor() {
    super('the guard pool is closed; make a new one to inspect more');
  }
}

/** A request before the pool numbers it (`Omit` that keeps each member of a union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

type Job = Request & {
  resolve(result: Inspection | Verdict): void;
  reject(error: Error): void;
};

/** One worker thread, the job it holds and the timer watching it. */
interface Slot {
  readonly thread: Worker;
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The guard's pipeline on worker threads: each worker has its own guard and nothing is
 * shared, so N workers inspect N messages at once and the calling thread stays free for
 * I/O (an SMTP server's connections). Inspections wait in a bounded list for a free
 * worker. Fingerprint and audit keys are the caller's or made once for the pool, so every
 * worker hashes alike. A worker that dies or runs past `timeoutMs` is replaced and its
 * inspection rejects: never an allow.
 *
 * @example
 * const pool = createGuardPool({ workers: 4, internalDomains: ['example-hospital.org'] });
 * const verdict = await pool.verdict(rawMessage, { sender, recipients });
 * await pool.close();
 */
export class GuardPool {
  readonly size: number;
  private readonly settings: WorkerSettings;
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private readonly maxWaiting: number;
  private nextId = 0;
  private closed = false;
  private broken: GuardWorkerError | undefined;

  constructor(private readonly options: GuardPoolOptions = {}) {
    // Compiled here once so that a bad policy throws now, with its located error.
    if (options.policyText !== undefined) {
      loadPolicyText(options.policyText, { name: options.policyName });
    }
    // Short keys are refused here as a guard refuses them, not later in every worker.
    checkKeyLength(options.fingerprintKey, (length) => new FingerprintKeyError(length));
    checkKeyLength(options.auditKey, (length) => new AuditKeyError(length));
    this.size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.maxWaiting = options.maxWaiting ?? 16 * this.size;
    this.settings = {
      policyText: options.policyText,
      policyName: options.policyName,
      internalDomains: options.internalDomains ?? [],
      fingerprintKey: keyBytes(options.fingerprintKey),
      auditKey: keyBytes(options.auditKey),
      limits: options.limits,
      includeSegmentText: options.includeSegmentText ?? false,
      logs: options.logger !== undefined,
    };
    for (let i = 0; i < this.size; i++) this.slots.push(this.startSlot());
  }

  /**
   * As `Guard.inspectMessage`, for raw bytes or text. The bytes are copied when a worker
   * takes the message: leave them unchanged until the promise settles.
   */
  inspectMessage(input: Uint8Array | string, envelope: Envelope = {}): Promise<Inspection> {
    return this.submit<Inspection>({
      kind: 'message',
      bytes: bytesOf(input),
      envelope,
      verdictOnly: false,
    });
  }

  /** As `Guard.inspectFile`. */
  inspectFile(
    bytes: Uint8Array,
    file: { filename?: string } = {},
    envelope: Envelope = {},
  ): Promise<Inspection> {
    return this.submit<Inspection>({
      kind: 'file',
      bytes: bytesOf(bytes),
      filename: file.filename,
      envelope,
    });
  }

  /** As `Guard.verdict`: the action, reason codes and encryption strength only. */
  verdict(input: Uint8Array | string, envelope: Envelope = {}): Promise<Verdict> {
    return this.submit<Verdict>({
      kind: 'message',
      bytes: bytesOf(input),
      envelope,
      verdictOnly: true,
    });
  }

  /** Inspections held by workers or waiting for one. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.job).length;
  }

  /** Stops every worker; inspections not finished reject with `GuardPoolClosedError`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new GuardPoolClosedError();
    for (const job of this.waiting.splice(0)) job.reject(error);
    await Promise.all(
      this.slots.map((slot) => {
        this.release(slot)?.reject(error);
        return slot.thread.terminate();
      }),
    );
  }

  private submit<T extends Inspection | Verdict>(request: Unnumbered<Request>): Promise<T> {
    if (this.closed) return Promise.reject(new GuardPoolClosedError());
    if (this.broken) return Promise.reject(this.broken);
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new GuardPoolBusyError(this.waiting.length));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({
        ...request,
        id: this.nextId++,
        resolve: resolve as (result: Inspection | Verdict) => void,
        reject,
      } as Job);
      this.dispatch();
      this.holdProcess();
    });
  }

  /**
   * Workers keep the process alive only while there is work: a program that forgets to
   * close the pool still ends, and one that waits for an inspection is not ended under it.
   */
  private holdProcess(): void {
    const busy = this.pending > 0;
    for (const slot of this.slots) {
      if (busy) slot.thread.ref();
      else slot.thread.unref();
    }
  }

  private startSlot(): Slot {
    const thread = startWorker(import.meta.url, 'guard-worker', {
      workerData: this.settings,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB,
        maxYoungGenerationSizeMb: this.options.workerYoungGenerationMb ?? SCAN_YOUNG_GENERATION_MB,
      },
    });
    const slot: Slot = { thread, ready: false, job: undefined, timer: undefined };
    thread.on('message', (reply: Reply) => this.received(slot, reply));
    // An error's message may quote the content; only its class name is kept.
    thread.on('error', (error: NodeJS.ErrnoException) =>
      this.stopped(slot, error.code ?? error.name),
    );
    thread.on('exit', (code) => this.stopped(slot, `exit code ${code}`));
    if (this.pending === 0) thread.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.waiting.shift();
      if (!job) return;
      slot.job = job;
      const { resolve: _resolve, reject: _reject, ...request } = job;
      // One copy of exactly the message's bytes, moved to the worker rather than cloned.
      const bytes = new Uint8Array(request.bytes);
      slot.thread.postMessage({ ...request, bytes } satisfies Request, [bytes.buffer]);
      if (this.options.timeoutMs !== undefined) {
        const limit = this.options.timeoutMs;
        slot.timer = setTimeout(() => this.expired(slot, limit), limit);
      }
    }
  }

  private received(slot: Slot, reply: Reply): void {
    if (reply.kind === 'ready') {
      slot.ready = true;
    } else if (reply.kind === 'log') {
      this.options.logger?.log('debug', reply.event, reply.fields);
    } else if (slot.job?.id === reply.id) {
      const job = this.release(slot)!;
      if (reply.kind === 'done') job.resolve(reply.inspection);
      else if (reply.kind === 'verdict') job.resolve(reply.verdict);
      else job.reject(new GuardWorkerError('inspect', `the guard threw ${reply.name}`));
    }
    this.dispatch();
    this.holdProcess();
  }

  /** Takes the job off a slot and stops its timer. */
  private release(slot: Slot): Job | undefined {
    const { job } = slot;
    slot.job = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    return job;
  }

  private expired(slot: Slot, limit: number): void {
    const job = this.release(slot);
    this.replace(slot);
    job?.reject(
      new InspectionTimeoutError(`no decision within ${limit} ms; the worker was stopped`),
    );
  }

  private stopped(slot: Slot, reason: string): void {
    if (this.closed || !this.slots.includes(slot)) return;
    const job = this.release(slot);
    if (!slot.ready) {
      // A worker that could not start will not start on a second try either.
      this.broken = new GuardWorkerError('start', reason);
      this.slots.splice(this.slots.indexOf(slot), 1);
      for (const waiting of this.waiting.splice(0)) waiting.reject(this.broken);
      job?.reject(this.broken);
      return;
    }
    this.replace(slot);
    job?.reject(new GuardWorkerError('inspect', reason));
  }

  /** Puts a new worker in the place of `slot`, which is stopped. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots[index] = this.startSlot();
    void slot.thread.terminate();
  }
}

/** A pool of guards on worker threads; see `GuardPool`. */
export function createGuardPool(options: GuardPoolOptions = {}): GuardPool {
  return new GuardPool(options);
}

/** Shortest secret key accepted, as by a guard. */
const MIN_KEY_BYTES = 16;

function checkKeyLength(key: string | Uint8Array | undefined, error: (length: number) => Error) {
  if (key === undefined) return;
  const length = typeof key === 'string' ? Buffer.byteLength(key, 'utf8') : key.length;
  if (length < MIN_KEY_BYTES) throw error(length);
}

function keyBytes(key: string | Uint8Array | undefined): Uint8Array {
  if (key === undefined) return randomBytes(32);
  return typeof key === 'string' ? Buffer.from(key, 'utf8') : Uint8Array.from(key);
}

/**
 * The message's bytes. A caller's bytes are kept as they are until a worker takes the
 * message, when they are copied; text is encoded now.
 */
function bytesOf(input: Uint8Array | string): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}
