import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScanner } from '../../create.js';
import { atLeast, type Finding } from '../../finding.js';
import { identifierDetectors } from './index.js';

// ASQ-PHI (MIT, synthetic clinician queries with labelled PHI values and offsets), copied
// to fixtures/asq-phi-dev with its SOURCE.md. These floors hold on the development half;
// they fail when a change loses recall or starts reporting numbers that are not PHI.
const FIXTURE = new URL(
  '../../../../../fixtures/asq-phi-dev/asq_phi.derived.jsonl',
  import.meta.url,
);

interface Row {
  readonly text: string;
  readonly phi: readonly { type: string; start: number; end: number }[];
}

const rows: Row[] = readFileSync(FIXTURE, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);

// The full default scanner, so findings compete with names, places and dates as in use.
const scanner = createScanner();
const ours = new Set(identifierDetectors.map((d) => d.id));

const cache = new Map<string, Finding[]>();

/** Our findings at medium or high; each query is scanned once for all the tests. */
function reported(text: string): Finding[] {
  let findings = cache.get(text);
  if (!findings) {
    findings = scanner
      .scan(text)
      .findings.filter((f) => ours.has(f.detector) && atLeast(f.level, 'medium'));
    cache.set(text, findings);
  }
  return findings;
}

function recall(type: string, detectors: readonly string[]): { found: number; total: number } {
  let found = 0;
  let total = 0;
  for (const row of rows) {
    const findings = reported(row.text);
    for (const phi of row.phi.filter((p) => p.type === type)) {
      total++;
      const hit = findings.some(
        (f) => detectors.includes(f.detector) && f.start < phi.end && f.end > phi.start,
      );
      if (hit) found++;
    }
  }
  return { found, total };
}

describe('identifier detectors on ASQ-PHI', () => {
  it('finds at least 95% of medical record numbers', () => {
    const { found, total } = recall('MEDICAL_RECORD_NUMBER', ['mrn']);
    expect(total).toBeGreaterThan(100);
    expect(found / total).toBeGreaterThanOrEqual(0.95);
  });

  it('finds at least 90% of health plan numbers', () => {
    const { found, total } = recall('HEALTH_PLAN_BENEFICIARY_NUMBER', [
      'health_plan_id',
      'mbi',
      'hicn',
    ]);
    expect(total).toBeGreaterThan(30);
    expect(found / total).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects every number in the hard negatives, which hold no PHI', () => {
    const negatives = rows.filter((row) => row.phi.length === 0);
    expect(negatives.length).toBeGreaterThan(50);
    const wrong = negatives.flatMap((row) => reported(row.text).map((f) => f.detector));
    expect(wrong).toEqual([]);
  });

  it('reports nothing outside the labelled PHI of the other queries', () => {
    const outside = rows.flatMap((row) =>
      reported(row.text)
        .filter((f) => !row.phi.some((p) => f.start < p.end && f.end > p.start))
        .map((f) => f.detector),
    );
    expect(outside).toEqual([]);
  });
});
