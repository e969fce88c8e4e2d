import { describe, expect, it } from 'vitest';
import { createScanner } from '../../create.js';
import {
  createMrnDetector,
  DEFAULT_MRN_LABELS,
  type MrnDetectorOptions,
  MrnOptionsError,
} from './mrn.js';

function valuesFound(options: MrnDetectorOptions, text: string): string[] {
  const scanner = createScanner({ detectors: [createMrnDetector(options)] });
  return scanner.scan(text).findings.map((f) => text.slice(f.start, f.end));
}

function issuesOf(options: unknown): { path: string; code: string }[] {
  try {
    createMrnDetector(options as MrnDetectorOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(MrnOptionsError);
    return (error as MrnOptionsError).issues.map(({ path, code }) => ({ path, code }));
  }
  throw new Error('expected the options to be rejected');
}

describe('mrn detector options', () => {
  it('finds only values in a site format when formats are given', () => {
    const options = { formats: ['E\\d{7}'] };
    expect(valuesFound(options, 'MRN: E1234567')).toEqual(['E1234567']);
    expect(valuesFound(options, 'MRN: 55512345')).toEqual([]);
    expect(valuesFound(options, 'MRN: E12345678')).toEqual([]);
  });

  it('matches formats case-sensitively and labels case-insensitively', () => {
    const options = { formats: ['E\\d{7}'] };
    expect(valuesFound(options, 'mrn e1234567')).toEqual([]);
    expect(valuesFound(options, 'mrn E1234567')).toEqual(['E1234567']);
  });

  it('finds values after site labels, which replace the defaults', () => {
    const options = { labels: ['Epic ID'] };
    expect(valuesFound(options, 'Epic ID: 40012387')).toEqual(['40012387']);
    expect(valuesFound(options, 'MRN: 40012387')).toEqual([]);
  });

  it('finds values after site labels added to the defaults', () => {
    const options = { labels: [...DEFAULT_MRN_LABELS, 'Epic ID'] };
    expect(valuesFound(options, 'Epic ID 40012387, MRN 55120931')).toEqual([
      '40012387',
      '55120931',
    ]);
  });

  it('rejects a format re2 cannot compile, naming where it is', () => {
    expect(issuesOf({ formats: ['\\d{7}', '(?<=E)\\d{7}'] })).toEqual([
      { path: 'formats[1]', code: 'format_not_re2' },
    ]);
  });

  it('rejects a format with its own named group', () => {
    expect(issuesOf({ formats: ['(?P<value>\\d{7})'] })).toEqual([
      { path: 'formats[0]', code: 'format_has_named_group' },
    ]);
  });

  it('rejects a format that matches the empty string', () => {
    expect(issuesOf({ formats: ['\\d*'] })).toEqual([
      { path: 'formats[0]', code: 'format_matches_empty' },
    ]);
  });

  it('rejects unknown keys, empty labels and a bad id', () => {
    expect(issuesOf({ label: ['MRN'] })).toEqual([{ path: '(options)', code: 'invalid_option' }]);
    expect(issuesOf({ labels: ['  '] })).toEqual([{ path: 'labels[0]', code: 'invalid_option' }]);
    expect(issuesOf({ id: 'My MRN' })).toEqual([{ path: 'id', code: 'invalid_option' }]);
  });

  it('rejects a format with a message naming the path, the format and what to write', () => {
    expect(() => createMrnDetector({ formats: ['('] })).toThrow(
      "mrn detector options are invalid:\n  formats[0]: re2 cannot compile '(' (missing ): (); " +
        'write re2 syntax: no lookahead, lookbehind or backreferences',
    );
  });

  it('accepts its own id so a site detector can run beside the built-in one', () => {
    const site = createMrnDetector({ id: 'mrn_site', formats: ['E\\d{7}'] });
    const scanner = createScanner({ extraDetectors: [site] });
    expect(scanner.detectors.map((d) => d.id)).toContain('mrn_site');
  });
});
