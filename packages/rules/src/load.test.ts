import { builtInDetectors, createScanner } from '@phiguard/core';
import { describe, expect, it } from 'vitest';
import {
  checkPolicy,
  DEFAULT_POLICY_LIMITS,
  loadPolicy,
  loadPolicyJson,
  PACKS,
  PolicyError,
  parsePolicy,
  scannerDetectors,
} from './index.js';

const source = (text: string) => ({ name: 'test.phg', text });
const parse = (text: string) => parsePolicy(source(text), DEFAULT_POLICY_LIMITS).document;

function codeOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof PolicyError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('parsePolicy', () => {
  it('parses a rule with counts, proximity, context and an action with every modifier', () => {
    const document = parse(`
policy outbound extends hipaa-baseline
mode audit
internal domains "acme.example", "acme-health.example"
rule referral "Referral with record numbers"
  when (mrn at high in [body, attachment] near diagnosis_code within 120 characters
        or count(distinct ssn in attachment) >= 5)
    and any recipient is external
    and not sender in ["*@billing.acme.example"]
  unless all recipients in ["*@partner.example"]
  then encrypt end-to-end reason referral_outside override with_justification mode enforce
`);
    expect(document.extends).toBe('hipaa-baseline');
    expect(document.mode).toBe('audit');
    expect(document.internalDomains).toEqual(['acme.example', 'acme-health.example']);
    expect(document.rules).toEqual([
      {
        id: 'referral',
        title: 'Referral with record numbers',
        when: {
          kind: 'and',
          of: [
            {
              kind: 'or',
              of: [
                {
                  kind: 'near',
                  first: { ref: 'mrn', level: 'high', areas: ['body', 'attachment'] },
                  second: { ref: 'diagnosis_code' },
                  order: 'near',
                  within: 120,
                },
                {
                  kind: 'count',
                  select: { ref: 'ssn', areas: ['attachment'] },
                  distinct: true,
                  op: '>=',
                  value: 5,
                },
              ],
            },
            { kind: 'recipients', quantifier: 'any', target: 'external' },
            { kind: 'not', of: { kind: 'sender', target: { in: ['*@billing.acme.example'] } } },
          ],
        },
        unless: { kind: 'recipients', quantifier: 'all', target: { in: ['*@partner.example'] } },
        outcome: {
          action: 'encrypt',
          strength: 'end-to-end',
          reason: 'referral_outside',
          override: 'with_justification',
          mode: 'enforce',
        },
      },
    ]);
  });

  it('parses message context conditions', () => {
    const document = parse(`policy context
rule big when message size > 10 MB and count(recipients) >= 20 and count(attachments) > 3
  then quarantine
rule zips when attachment type in [zip, "7z"] or unscannable because [encrypted, timeout]
  then block
rule after when diagnosis_code after name within 40 then encrypt`);
    expect(document.rules.map((r) => r.when)).toEqual([
      {
        kind: 'and',
        of: [
          { kind: 'message_size', op: '>', bytes: 10 * 1024 * 1024 },
          { kind: 'tally', of: 'recipients', op: '>=', value: 20 },
          { kind: 'tally', of: 'attachments', op: '>', value: 3 },
        ],
      },
      {
        kind: 'or',
        of: [
          { kind: 'attachment_type', types: ['zip', '7z'] },
          { kind: 'unscannable', reasons: ['encrypted', 'timeout'] },
        ],
      },
      {
        kind: 'near',
        first: { ref: 'diagnosis_code' },
        second: { ref: 'name' },
        order: 'after',
        within: 40,
      },
    ]);
  });

  it('parses and before or, and keeps comments out', () => {
    const document = parse(`policy p # a comment
rule a when ssn or mrn and phi then block # another`);
    expect(document.rules[0]!.when).toEqual({
      kind: 'or',
      of: [
        { kind: 'found', select: { ref: 'ssn' } },
        { kind: 'and', of: [{ kind: 'found', select: { ref: 'mrn' } }, { kind: 'phi' }] },
      ],
    });
  });

  it('parses raw strings, where only \\" is an escape', () => {
    const document = parse(`policy p
detector badge
  class other_id
  pattern "EB-\\d{6}" confidence 0.8
  context "badge", "say \\"hi\\""
  requires context
  ignore case`);
    expect(document.detectors).toEqual([
      {
        id: 'badge',
        class: 'other_id',
        patterns: [{ regex: 'EB-\\d{6}', confidence: 0.8 }],
        ignoreCase: true,
        context: ['badge', 'say "hi"'],
        requiresContext: true,
      },
    ]);
  });
});

describe('loadPolicy', () => {
  it('compiles the hipaa-baseline pack', () => {
    const policy = loadPolicy(PACKS['hipaa-baseline']!);
    expect(policy.rules.map((r) => [r.id, r.action, r.reason])).toEqual([
      ['bulk-ssn', 'block', 'bulk_identifiers'],
      ['bulk-record-numbers', 'block', 'bulk_identifiers'],
      ['phi-external', 'encrypt', 'phi_to_external'],
      ['phi-in-subject', 'block', 'phi_in_subject'],
      ['identifier-external', 'encrypt', 'identifier_to_external'],
      ['unscannable-content', 'quarantine', 'unscannable_content'],
    ]);
    expect(policy.rules.find((r) => r.id === 'phi-external')!.strength).toBe('end-to-end');
  });

  it('merges a policy with its pack: disabled, overridden in place, then its own rules', () => {
    const policy = loadPolicy(`policy acme extends hipaa-baseline
internal domains "acme.example"
disable rule phi-in-subject
override rule unscannable-content
  when unscannable then encrypt end-to-end reason unscannable_content
rule lab-results when lab_code and any recipient is external then encrypt`);
    expect(policy.rules.map((r) => `${r.id}:${r.origin}:${r.action}`)).toEqual([
      'bulk-ssn:hipaa-baseline:block',
      'bulk-record-numbers:hipaa-baseline:block',
      'phi-external:hipaa-baseline:encrypt',
      'identifier-external:hipaa-baseline:encrypt',
      'unscannable-content:acme:encrypt',
      'lab-results:acme:encrypt',
    ]);
    expect(policy.internalDomains).toEqual(['acme.example']);
    expect(policy.rules.at(-1)).toMatchObject({
      reason: 'lab_results',
      strength: 'transport',
      override: 'none',
    });
  });

  it('gives rules the policy mode unless they set their own', () => {
    const policy = loadPolicy(`policy trial
mode audit
rule a when ssn then block
rule b when mrn then block mode enforce`);
    expect(policy.rules.map((r) => r.mode)).toEqual(['audit', 'enforce']);
  });

  it('loads the JSON form of a document to the same rules', () => {
    const text = `policy acme extends hipaa-baseline
allow values ssn "219-09-9999"
rule a when count(distinct ssn in attachment) >= 3 unless sender is internal then block`;
    const fromText = loadPolicy(text);
    const fromJson = loadPolicyJson(JSON.stringify(parse(text)));
    expect(fromJson.rules).toEqual(fromText.rules);
    expect(fromJson.allowValues).toEqual(fromText.allowValues);
  });

  it('rejects a policy over the size, depth, rule and list limits', () => {
    const deep = `policy p\nrule a when ${'('.repeat(40)}ssn${')'.repeat(40)} then block`;
    const many = `policy p\n${Array.from({ length: 6 }, (_, i) => `rule r${i} when ssn then block`).join('\n')}`;
    expect(
      codeOf(() => loadPolicy('policy p\n'.padEnd(300, '#'), { limits: { maxBytes: 200 } })),
    ).toBe('too_large');
    expect(codeOf(() => loadPolicy(deep))).toBe('too_deep');
    expect(codeOf(() => loadPolicy(many, { limits: { maxRules: 5 } }))).toBe('too_many_rules');
    expect(
      codeOf(() => loadPolicy('policy p extends hipaa-baseline', { limits: { maxRules: 5 } })),
    ).toBe('too_many_rules');
    expect(
      codeOf(() =>
        loadPolicy('policy p\nallow recipients "a@b.example", "c@d.example"', {
          limits: { maxListItems: 1 },
        }),
      ),
    ).toBe('list_too_long');
  });

  it('checks against the detectors it is given', () => {
    const detectors = [{ id: 'badge', class: 'other_id' }];
    expect(codeOf(() => loadPolicy('policy p\nrule a when badge then block', { detectors }))).toBe(
      'no error',
    );
    expect(codeOf(() => loadPolicy('policy p\nrule a when badge then block'))).toBe(
      'unknown_reference',
    );
  });
});

describe('checkPolicy', () => {
  it('reports a located error instead of throwing', () => {
    const result = checkPolicy('policy p\nrule a when ssn then blok', { name: 'p.phg' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.range?.start).toEqual({ offset: 30, line: 2, column: 22 });
  });

  it('reads .json files as JSON', () => {
    const result = checkPolicy('{"policy":"p","rules":[]}', { name: 'p.json' });
    expect(result.ok).toBe(true);
  });
});

describe('scannerDetectors', () => {
  const ssn = builtInDetectors.filter((d) => d.id === 'ssn');

  it('runs a policy detector through core and keeps the built-in ones', () => {
    const policy = loadPolicy(`policy p
detector employee_id
  class other_id
  pattern "\\bEMP-[0-9]{6}\\b"
  context "employee"
rule a when employee_id then block`);
    const scanner = createScanner({ detectors: scannerDetectors(policy, ssn) });
    const found = scanner.scan('Employee EMP-204911, SSN 536-22-8714').findings;
    expect(found.map((f) => f.detector).sort()).toEqual(['employee_id', 'ssn']);
  });

  it('drops allow-listed values, literal and by pattern, before they become findings', () => {
    const policy = loadPolicy(`policy p
allow values ssn "536-22-8714"
allow values ssn matching "4[0-9]{2}-[0-9]{2}-[0-9]{4}"
rule a when ssn then block`);
    const scanner = createScanner({ detectors: scannerDetectors(policy, ssn) });
    const text = 'SSN 536 22 8714, SSN 412-81-3307 and SSN 601-33-2914';
    expect(scanner.scan(text).findings.map((f) => f.masked)).toEqual(['***-**-2914']);
  });
});
