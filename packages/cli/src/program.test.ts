import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes.js';
import { hookReportSchema, scanReportSchema } from './report/schema.js';
import { runCaptured } from './testing/capture.js';

const examples = fileURLToPath(new URL('../../../fixtures/examples', import.meta.url));
const example = (name: string) => join(examples, name);

/** Every PHI value the example corpus labels, to prove none is printed in clear. */
const labelledValues: string[] = readFileSync(example('gold.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .flatMap((line) => (JSON.parse(line) as { spans: { value: string }[] }).spans.map((s) => s.value))
  .filter((value) => value.length >= 6);

const run = runCaptured;

describe('phiguard scan', () => {
  it('reports every example in the versioned JSON schema, with masked values only', async () => {
    const { code, out } = await run([
      'scan',
      '--format',
      'json',
      '--policy',
      'hipaa-baseline',
      examples,
    ]);
    const report = scanReportSchema.parse(JSON.parse(out));
    const byFile = new Map(report.files.map((f) => [f.path.split('/').pop(), f]));
    expect(byFile.get('referral-with-pdf.eml')?.decision?.action).toBe('encrypt');
    expect(byFile.get('clean-newsletter.eml')?.phi).toBe(false);
    expect(byFile.get('ssn-spreadsheet.eml')?.decision?.action).toBe('block');
    expect(code).toBe(EXIT.found);
    expect(labelledValues.length).toBeGreaterThan(20);
    for (const value of labelledValues) expect(out).not.toContain(value);
  });

  it('writes one JSON object per line with --format jsonl', async () => {
    const { out } = await run(['scan', '--format', 'jsonl', example('clean-newsletter.eml')]);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).schema).toBe('phiguard.scan/v1');
  });

  it('prints values in clear only with --show-values, and warns', async () => {
    const { out, err } = await run([
      'scan',
      '--format',
      'json',
      '--show-values',
      example('referral-with-pdf.eml'),
    ]);
    expect(labelledValues.some((value) => out.includes(value))).toBe(true);
    expect(err).toContain('show_values_on');
  });

  it('exits 0 on a clean file, 1 on PHI, and 0 with --exit-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-cli-'));
    writeFileSync(join(dir, 'note.txt'), 'Lunch is at noon on the third floor.');
    expect((await run(['scan', join(dir, 'note.txt')])).code).toBe(EXIT.ok);
    expect((await run(['scan', example('referral-with-pdf.eml')])).code).toBe(EXIT.found);
    expect((await run(['scan', '--exit-zero', example('referral-with-pdf.eml')])).code).toBe(
      EXIT.ok,
    );
  });

  it('exits 3 when nothing is found but a part could not be read, and counts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-cli-'));
    writeFileSync(join(dir, 'note.txt'), 'Lunch is at noon on the third floor.');
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog');
    for (const format of ['table', 'jsonl', 'json']) {
      const { code, out } = await run(['scan', '--format', format, dir]);
      expect(code, format).toBe(EXIT.unscannable);
      if (format === 'table') expect(out).toContain('2 files, 0 with PHI, 1 with unreadable parts');
      if (format === 'json') {
        expect(JSON.parse(out).summary).toMatchObject({ files: 2, withPhi: 0, withUnscannable: 1 });
      }
    }
  });

  it('exits 2 on an unknown option or a policy that does not load', async () => {
    expect((await run(['scan', '--no-such-flag', examples])).code).toBe(EXIT.usage);
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-cli-'));
    writeFileSync(join(dir, 'bad.phg'), 'this is not a policy\n');
    const bad = await run(['scan', '--policy', join(dir, 'bad.phg'), examples]);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toMatch(/bad\.phg:1:1/);
  });
});

describe('phiguard hook', () => {
  it.each([
    ['clean-newsletter.eml', EXIT.ok, 'allow'],
    ['referral-with-pdf.eml', EXIT.encrypt, 'encrypt'],
    ['encrypted-records.eml', EXIT.quarantine, 'quarantine'],
    ['ssn-spreadsheet.eml', EXIT.block, 'block'],
  ])('decides %s with exit code %i', async (file, exitCode, action) => {
    const { code, out } = await run(
      ['hook', '--internal-domain', 'example-hospital.org'],
      readFileSync(example(file)),
    );
    expect(code).toBe(exitCode);
    const decision = hookReportSchema.parse(JSON.parse(out));
    expect(decision.action).toBe(action);
    for (const value of labelledValues) expect(out).not.toContain(value);
  });

  it('fails closed with exit 13 when the policy cannot be loaded', async () => {
    const { code, out } = await run(
      ['hook', '--policy', '/nonexistent/policy.phg'],
      'Subject: hi\r\n\r\nhello\r\n',
    );
    expect(code).toBe(EXIT.failed);
    expect(hookReportSchema.parse(JSON.parse(out)).action).toBe('failed');
  });
});

describe('phiguard rules', () => {
  it('checks a good policy and points at the line of a bad one', async () => {
    expect((await run(['rules', 'check', 'hipaa-baseline'])).code).toBe(EXIT.ok);
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-cli-'));
    writeFileSync(
      join(dir, 'typo.phg'),
      'policy "x"\n\nrule "r":\n  when count(ssnn) >= 1\n  then block\n',
    );
    const result = await run(['rules', 'check', join(dir, 'typo.phg')]);
    expect(result.code).toBe(EXIT.found);
    expect(result.out).toContain('typo.phg');
  });

  it('tests fixtures against a policy and fails on the ones that expect otherwise', async () => {
    const testdata = fileURLToPath(new URL('../../policy/testdata', import.meta.url));
    const passing = await run(['rules', 'test', 'hipaa-baseline', join(testdata, 'fixtures')]);
    expect(passing.code).toBe(EXIT.ok);
    expect(passing.out).toMatch(/^3 passed, 0 failed$/m);
    const failing = await run(['rules', 'test', 'hipaa-baseline', join(testdata, 'failing')]);
    expect(failing.code).toBe(EXIT.found);
    expect(failing.out).toContain('wrong_action: expected allow, got encrypt');
  });
});
