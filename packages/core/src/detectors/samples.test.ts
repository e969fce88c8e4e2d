import { describe, expect, it } from 'vitest';
import { createScanner } from '../create.js';
import { atLeast } from '../finding.js';
import { builtInDetectors } from './index.js';

// Every built-in detector carries labelled samples; they run against the full default set,
// so a sample also fails when another detector wrongly takes its span.
const scanner = createScanner();

describe.each(builtInDetectors.map((d) => [d.id, d] as const))('detector %s', (id, detector) => {
  it('has at least ten true and ten false positives', () => {
    expect(detector.samples.positive.length).toBeGreaterThanOrEqual(10);
    expect(detector.samples.negative.length).toBeGreaterThanOrEqual(10);
  });

  it.each(detector.samples.positive.map((s) => [s.text, s] as const))(
    'finds %j',
    (text, sample) => {
      const start = text.indexOf(sample.value);
      expect(start, 'the sample value must occur in its text').toBeGreaterThanOrEqual(0);
      const found = scanner.scan(text).findings.filter((f) => f.detector === id);
      expect(found.map((f) => text.slice(f.start, f.end))).toContain(sample.value);
      if (sample.role) {
        expect(found.find((f) => f.start === start)?.role).toBe(sample.role);
      }
    },
  );

  it.each(detector.samples.negative.map((s) => [s.text, s] as const))('ignores %j', (text) => {
    const found = scanner
      .scan(text)
      .findings.filter((f) => f.detector === id && atLeast(f.level, 'medium'));
    expect(found).toEqual([]);
  });
});
