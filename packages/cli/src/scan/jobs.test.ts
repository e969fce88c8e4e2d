import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuardWorkerError } from 'phiguard';
import { afterAll, describe, expect, it } from 'vitest';
import { jobsFor } from '../commands/scan.js';
import type { ScanReport } from '../report/schema.js';
import { runCaptured } from '../testing/capture.js';
import { type Inspector, inspectPath } from './inspect-path.js';

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

  it('refuses a policy that does not load before any worker starts, as with one job', async () => {
    const bad = join(folder, 'bad.phg');
    writeFileSync(bad, 'rule broken {');
    const one = await runCaptured(['scan', '--jobs', '1', '--policy', bad, EXAMPLES]);
    const two = await runCaptured(['scan', '--jobs', '2', '--policy', bad, EXAMPLES]);
    expect(two.code).toBe(2);
    expect(two.err).toBe(one.err);
    expect(two.err).toContain('bad.phg');
  });

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

describe('inspectPath', () => {
  const settings = { policy: undefined, internalDomains: [], showValues: false };

  it('reports a file whose worker stopped as not inspected, never as clean', async () => {
    const stopped: Inspector = {
      inspectMessage: () => Promise.reject(new GuardWorkerError('inspect', 'exit code 1')),
      inspectFile: () => Promise.reject(new GuardWorkerError('inspect', 'exit code 1')),
    };
    const report = await inspectPath(stopped, join(EXAMPLES, 'ssn-spreadsheet.eml'), settings);
    expect(report.error).toContain('worker stopped');
    expect(report.unscannable.map((u) => u.reason)).toEqual(['extractor_failed']);
  });
});
