import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { FingerprintKeyError, SCAN_YOUNG_GENERATION_MB } from '@phiguard/core';
import { PACKS, PolicyError } from '@phiguard/rules';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditKeyError, createGuard } from '../guard.js';
import { InspectionTimeoutError } from '../timeout.js';
import {
  createGuardPool,
  GuardPoolBusyError,
  GuardPoolClosedError,
  GuardWorkerError,
} from './guard-pool.js';

const EXAMPLES = new URL('../../../../fixtures/examples/', import.meta.url).pathname;
const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.eml'))
  .map((name) => ({ name, bytes: readFileSync(join(EXAMPLES, name)) }));
const keys = {
  fingerprintKey: 'pool-test-fingerprint-key-0123',
  auditKey: 'pool-test-audit-key-0123456789',
};
/** A large text keeps a worker busy for a while. */
const bigText = Buffer.from('Patient SSN 123-45-6789, seen 03/14/2021 for E11.9. '.repeat(200_000));

describe('GuardPool', () => {
  const pool = createGuardPool({ ...keys, workers: 2, internalDomains: ['example-hospital.org'] });
  afterAll(() => pool.close());

  it('inspects as a guard in this thread does, message for message', async () => {
    const guard = createGuard({ ...keys, internalDomains: ['example-hospital.org'] });
    expect(examples.length).toBeGreaterThan(3);
    const pooled = await Promise.all(examples.map((e) => pool.inspectMessage(e.bytes)));
    for (const [i, example] of examples.entries()) {
      const local = await guard.inspectMessage(example.bytes);
      expect(pooled[i]!.decision.action, example.name).toBe(local.decision.action);
      expect(pooled[i]!.findings, example.name).toEqual(local.findings);
      // The same keys hash alike in every thread; only the time of the decision differs.
      expect({ ...pooled[i]!.decision.audit, decidedAt: '' }, example.name).toEqual({
        ...local.decision.audit,
        decidedAt: '',
      });
    }
    expect(new Set(pooled.map((p) => p.decision.action)).size).toBeGreaterThan(1);
  }, 60_000);

  it('gives verdicts and inspects files', async () => {
    const referral = examples.find((e) => e.name === 'referral-with-pdf.eml')!;
    const verdict = await pool.verdict(referral.bytes);
    expect(verdict.action).not.toBe('allow');
    expect(verdict.reasons.length).toBeGreaterThan(0);
    const file = await pool.inspectFile(bigText.subarray(0, 5_000), { filename: 'notes.txt' });
    expect(file.findings.some((f) => f.detector === 'ssn')).toBe(true);
  }, 60_000);

  it('leaves the caller its buffer', async () => {
    const bytes = Buffer.from(examples[0]!.bytes);
    await pool.inspectMessage(bytes);
    expect(bytes.equals(examples[0]!.bytes)).toBe(true);
  }, 60_000);
});

describe('GuardPool limits', () => {
  it('refuses work past its waiting list at once', async () => {
    const pool = createGuardPool({ workers: 1, maxWaiting: 1 });
    try {
      const first = pool.inspectMessage(examples[0]!.bytes);
      expect(pool.pending).toBe(1);
      await expect(pool.inspectMessage(examples[1]!.bytes)).rejects.toBeInstanceOf(
        GuardPoolBusyError,
      );
      await expect(first).resolves.toHaveProperty('decision');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('stops a worker past its time and goes on with a new one', async () => {
    const pool = createGuardPool({ workers: 1, timeoutMs: 300 });
    try {
      await pool.inspectMessage(examples[0]!.bytes); // started and warm
      await expect(pool.inspectFile(bigText, { filename: 'big.txt' })).rejects.toBeInstanceOf(
        InspectionTimeoutError,
      );
      const after = await pool.inspectMessage(examples[0]!.bytes);
      expect(after.decision.action).toBeDefined();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('rejects the inspection of a worker that dies, and replaces the worker', async () => {
    const pool = createGuardPool({ workers: 1 });
    try {
      await pool.inspectMessage(examples[0]!.bytes);
      const underway = pool.inspectFile(bigText, { filename: 'big.txt' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const slots = (pool as unknown as { slots: { thread: { terminate(): Promise<number> } }[] })
        .slots;
      await slots[0]!.thread.terminate();
      await expect(underway).rejects.toBeInstanceOf(GuardWorkerError);
      await expect(pool.inspectMessage(examples[0]!.bytes)).resolves.toHaveProperty('decision');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('refuses every inspection, failing closed, when its workers cannot start', async () => {
    // Too small a heap for the guard's name lists and code sets: each worker runs out of
    // memory while it starts, which ends that worker and leaves the host running.
    const pool = createGuardPool({ workers: 1, workerHeapMb: 8 });
    try {
      const refused = pool.inspectMessage(examples[0]!.bytes);
      await expect(refused).rejects.toBeInstanceOf(GuardWorkerError);
      await expect(refused).rejects.toMatchObject({
        stage: 'start',
        reason: 'ERR_WORKER_OUT_OF_MEMORY',
        message: expect.stringContaining('workerHeapMb'),
      });
      await expect(pool.verdict(examples[0]!.bytes)).rejects.toBeInstanceOf(GuardWorkerError);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("gives each worker the young generation that suits scanning, or the caller's", async () => {
    const youngOf = async (options: { workerYoungGenerationMb?: number }) => {
      const pool = createGuardPool({ workers: 1, ...options });
      try {
        await pool.inspectMessage(examples[0]!.bytes);
        const slots = (pool as unknown as { slots: { thread: Worker }[] }).slots;
        // As the running worker reports it.
        return slots[0]!.thread.resourceLimits?.maxYoungGenerationSizeMb;
      } finally {
        await pool.close();
      }
    };
    expect(await youngOf({})).toBe(SCAN_YOUNG_GENERATION_MB);
    expect(await youngOf({ workerYoungGenerationMb: 24 })).toBe(24);
  }, 60_000);

  it('refuses short keys when made, as a guard does', () => {
    expect(() => createGuardPool({ workers: 1, fingerprintKey: 'short' })).toThrow(
      FingerprintKeyError,
    );
    expect(() => createGuardPool({ workers: 1, auditKey: new Uint8Array(8) })).toThrow(
      AuditKeyError,
    );
  });

  it('lets a program end that did not close it, once its work is done', () => {
    const script = [
      `import { createGuardPool } from ${JSON.stringify(new URL('../index.ts', import.meta.url).href)};`,
      'const pool = createGuardPool({ workers: 1 });',
      "const verdict = await pool.verdict('Subject: hello\\r\\n\\r\\nSee you at noon.');",
      'console.log(verdict.action);',
    ].join('\n');
    const run = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.stderr).not.toContain('Error');
    expect(run.stdout.trim()).toBe('allow');
    expect(run.status).toBe(0);
  }, 40_000);

  it('throws the policy error when made, before any worker starts', () => {
    expect(() => createGuardPool({ policyText: 'rule broken {', policyName: 'bad.phg' })).toThrow(
      PolicyError,
    );
  });

  it('takes a policy as text', async () => {
    const pool = createGuardPool({ workers: 1, policyText: PACKS['hipaa-baseline'] });
    try {
      const referral = examples.find((e) => e.name === 'referral-with-pdf.eml')!;
      expect((await pool.verdict(referral.bytes)).action).not.toBe('allow');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('rejects what is unfinished when closed, and all that comes after', async () => {
    const pool = createGuardPool({ workers: 1 });
    const unfinished = expect(pool.inspectMessage(examples[0]!.bytes)).rejects.toBeInstanceOf(
      GuardPoolClosedError,
    );
    await pool.close();
    await unfinished;
    await expect(pool.inspectMessage(examples[0]!.bytes)).rejects.toBeInstanceOf(
      GuardPoolClosedError,
    );
  });
});
