import { describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool.js';

/** A pool of numbered stand-in workers that records which were stopped. */
function numbered(size: number) {
  let made = 0;
  const stopped: number[] = [];
  const pool = new WorkerPool<number>(
    'test',
    () => ++made,
    (worker) => stopped.push(worker),
  );
  pool.resize(size);
  return { pool, stopped, made: () => made };
}

describe('WorkerPool', () => {
  it('starts no more than its size and hands a released worker to the next job', async () => {
    const { pool, made } = numbered(1);
    const first = await pool.acquire();
    const second = pool.acquire();
    expect(made()).toBe(1);
    pool.release(first);
    expect(await second).toBe(first);
    expect(pool.count).toBe(1);
  });

  it('lets a waiting job start a fresh worker when one is discarded', async () => {
    const { pool, stopped, made } = numbered(1);
    const first = await pool.acquire();
    const waiting = pool.acquire();
    pool.discard(first);
    expect(await waiting).not.toBe(first);
    expect(made()).toBe(2);
    expect(stopped).toEqual([first]);
    expect(pool.count).toBe(1);
  });

  it('gives a start failure to the job that asked and frees its place', async () => {
    const pool = new WorkerPool<number>(
      'test',
      () => {
        throw new Error('no engine');
      },
      () => {},
    );
    await expect(pool.acquire()).rejects.toThrow('no engine');
    expect(pool.count).toBe(0);
  });

  it('ends idle workers on close, and refuses a size it cannot have', async () => {
    const { pool, stopped } = numbered(2);
    const [a, b] = [await pool.acquire(), await pool.acquire()];
    pool.release(a);
    pool.release(b);
    await pool.close();
    expect(stopped.sort()).toEqual([a, b].sort());
    expect(pool.count).toBe(0);
    expect(() => pool.resize(0)).toThrow('test poolSize must be an integer from 1');
  });
});
