import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assess, createScanner } from '@phiguard/core';
import { loadPolicy } from '@phiguard/rules';
import { describe, expect, it } from 'vitest';
import { type FixtureScanner, readExpectation, runPolicyTests } from './index.js';

const TESTDATA = fileURLToPath(new URL('../testdata/', import.meta.url));
const filesIn = (dir: string) =>
  readdirSync(join(TESTDATA, dir))
    .sort()
    .map((f) => join(TESTDATA, dir, f));

const policy = loadPolicy(
  'policy acme extends hipaa-baseline\ninternal domains "acme-health.example"',
);
const scanner = createScanner();

/**
 * A stand-in for extraction: headers until the first blank line, the rest is the body.
 * The CLI passes the real extraction here.
 */
const toScan: FixtureScanner = async (_path, bytes) => {
  const text = Buffer.from(bytes).toString('utf8');
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split);
  const header = (name: string) => new RegExp(`^${name}:(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const addresses = (value: string) => [...value.matchAll(/[^\s<>,]+@[^\s<>,]+/g)].map((m) => m[0]);
  const { findings } = scanner.scanSegments([
    { location: 'subject', area: 'subject', text: header('Subject') },
    { location: 'body:text', area: 'body', text: text.slice(split + 2) },
  ]);
  return {
    scan: { findings, assessment: assess(findings) },
    context: {
      sender: addresses(header('From'))[0],
      recipients: [...addresses(header('To')), ...addresses(header('Cc'))],
    },
  };
};

describe('readExpectation', () => {
  it('reads the action and the rules from headers', () => {
    expect(
      readExpectation(
        'To: a@b.example\nX-Phiguard-Expect: Block\nX-Phiguard-Expect-Rules: bulk-ssn, phi-external\n\nbody',
      ),
    ).toEqual({
      action: 'block',
      rules: ['bulk-ssn', 'phi-external'],
    });
  });

  it('reads the same line from a comment in a text fixture', () => {
    expect(readExpectation('# phiguard-expect: allow\nplain text')).toEqual({
      action: 'allow',
      rules: [],
    });
  });

  it('rejects a missing or unknown action', () => {
    expect(readExpectation('Subject: hi\n\nbody')).toBeUndefined();
    expect(readExpectation('X-Phiguard-Expect: reject\n')).toBeUndefined();
  });
});

describe('runPolicyTests', () => {
  it('passes fixtures that get the action and rules they declare', async () => {
    const report = await runPolicyTests(policy, filesIn('fixtures'), toScan);
    expect(report.results.map((r) => [r.file.split('/').pop(), r.passed, r.actual])).toEqual([
      ['bulk-ssn.eml', true, 'block'],
      ['newsletter.eml', true, 'allow'],
      ['referral-external.eml', true, 'encrypt'],
    ]);
    expect([report.passed, report.failed]).toEqual([3, 0]);
  });

  it('fails fixtures with the wrong action, a rule that did not fire, or no expectation', async () => {
    const report = await runPolicyTests(policy, filesIn('failing'), toScan);
    expect(report.results.map((r) => [r.file.split('/').pop(), r.problem, r.missing])).toEqual([
      ['missing-rule.eml', 'rule_not_fired', ['bulk-ssn']],
      ['no-expectation.eml', 'no_expectation', undefined],
      ['wrong-action.eml', 'wrong_action', undefined],
    ]);
    expect(report.failed).toBe(3);
  });

  it('fails a fixture whose scan throws, without stopping the others', async () => {
    const failing: FixtureScanner = async (path, bytes) => {
      if (path.endsWith('newsletter.eml')) throw new Error('extraction broke');
      return toScan(path, bytes);
    };
    const report = await runPolicyTests(policy, filesIn('fixtures'), failing);
    expect(report.results.map((r) => r.problem ?? 'ok')).toEqual(['ok', 'scan_failed', 'ok']);
  });
});
