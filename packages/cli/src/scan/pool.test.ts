import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobsFor } from '../commands/scan.js';
import type { Logger } from '../logger.js';
import type { ScanReport } from '../report/schema.js';
import { runCaptured } from '../testing/capture.js';
import { InspectPool } from './pool.js';

const EXAMPLES = new URL('../../../../fixtures/examples/', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'phiguard-pool-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A scan report without fingerprints, whose key is new in every run. */
function withoutFingerprints(report: ScanReport): unknown {
  return JSON.parse(JSON.stringify(report.files), (key, value) =>
    key === 'fingerprint' ? undefined : value,
  );
}

describe('phiguard scan --jobs', () => {
  it('reports what one process reports, file for file and in the same order', async () => {
    const args = ['scan', '--format', 'json', '--policy', 'hipaa-baseline', '--exit-zero'];
    const one = await runCaptured([...args, '--jobs', '1', EXAMPLES]);
    const two = await runCaptured([...args, '--jobs', '2', EXAMPLES]);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.out) as ScanReport;
    const b = JSON.parse(two.out) as ScanReport;
    expect(a.files.length).toBeGreaterThan(3);
    expect(b.summary).toEqual(a.summary);
    expect(withoutFingerprints(b)).toEqual(withoutFingerprints(a));
  }, 60_000);

  it('fingerprints one value alike in every worker', async () => {
    for (let i = 0; i < 6; i++) {
      copyFileSync(join(EXAMPLES, 'ssn-spreadsheet.eml'), join(folder, `copy-${i}.eml`));
    }
    const { out } = await runCaptured(['scan', '--format', 'json', '--jobs', '3', folder]);
    const report = JSON.parse(out) as ScanReport;
    const sets = report.files.map((f) => f.findings.map((x) => x.fingerprint).join(','));
    expect(sets[0]!.length).toBeGreaterThan(0);
    expect(new Set(sets).size).toBe(1);
  }, 60_000);

  it('refuses a job count that is not a whole number from 1 to 256', async () => {
    for (const jobs of ['0', '1.5', 'many', '257']) {
      const { code, err } = await runCaptured(['scan', '--jobs', jobs, EXAMPLES]);
      expect(code).toBe(2);
      expect(err).toContain('--jobs');
    }
  });
});

describe('jobsFor', () => {
  it('scans small batches in this process and large ones on every core', () => {
    expect(jobsFor(1, 8)).toBe(1);
    expect(jobsFor(300, 8)).toBe(1);
    expect(jobsFor(600, 8)).toBe(2);
    expect(jobsFor(1_000_000, 8)).toBe(8);
    expect(jobsFor(1_000_000, 1)).toBe(1);
  });
});

describe('InspectPool', () => {
  const events: string[] = [];
  const logger: Logger = { log: (_level, event) => events.push(event) };
  const settings = {
    policy: undefined,
    internalDomains: [],
    showValues: false,
    fingerprintKey: randomBytes(32),
  };

  it('reports a file whose worker died as not inspected, and goes on with a new worker', async () => {
    // A large text keeps the worker busy long enough to stop it under the file.
    const big = join(folder, 'big.txt');
    writeFileSync(big, 'Patient SSN 123-45-6789, seen 03/14/2021 for E11.9. '.repeat(200_000));
    const pool = new InspectPool(1, settings, logger);
    try {
      await pool.inspect(join(EXAMPLES, 'clean-newsletter.eml'));
      const underway = pool.inspect(big);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const slot = (pool as unknown as { slots: { thread: { terminate(): Promise<number> } }[] })
        .slots[0]!;
      await slot.thread.terminate();
      const report = await underway;
      expect(report.error).toContain('worker stopped');
      expect(events).toContain('scan_worker_stopped');
      const after = await pool.inspect(join(EXAMPLES, 'ssn-spreadsheet.eml'));
      expect(after.error).toBeUndefined();
      expect(after.findings.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
