import { createScanner } from '@phiguard/core';
import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

const finding = (start: number, end: number, cls = 'ssn', masked = '***') => ({
  start,
  end,
  class: cls,
  masked,
});

describe('redact', () => {
  it('replaces findings from the real scanner by their class', () => {
    const text = 'Patient SSN: 536-22-8714, MRN 00482913.';
    const { findings } = createScanner().scan(text);
    expect(redact(text, findings)).toBe('Patient SSN: [ssn], MRN [mrn].');
  });

  it('writes masked forms when asked', () => {
    const text = 'SSN: 536-22-8714';
    expect(redact(text, createScanner().scan(text).findings, { style: 'masked' })).toBe(
      'SSN: ***-**-8714',
    );
  });

  it('merges overlapping spans into one replacement', () => {
    expect(redact('abcdefghij', [finding(2, 6, 'name'), finding(4, 8, 'date')])).toBe('ab[name]ij');
  });

  it('keeps touching spans apart and clips spans past the end', () => {
    expect(redact('abcdef', [finding(0, 2), finding(2, 4, 'mrn'), finding(5, 99)])).toBe(
      '[ssn][mrn]e[ssn]',
    );
  });

  it('redacts only the segment asked for', () => {
    const findings = [
      { ...finding(0, 3), segment: 0 },
      { ...finding(0, 3, 'mrn'), segment: 1 },
    ];
    expect(redact('abcdef', findings, { segment: 1 })).toBe('[mrn]def');
  });

  it('returns the text unchanged without findings', () => {
    expect(redact('nothing here', [])).toBe('nothing here');
  });
});
