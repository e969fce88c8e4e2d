import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy, loadPolicyJson, PACKS, PolicyError } from './index.js';

/** `ciRuns` cases, or more when `pnpm fuzz` sets PHIGUARD_FUZZ_RUNS. */
const runs = (ciRuns: number) => Math.max(ciRuns, Number(process.env.PHIGUARD_FUZZ_RUNS) || 0);

/** Runs `load` and fails the property on any error other than a located `PolicyError`. */
function onlyPolicyErrors(text: string, load: (text: string) => unknown): void {
  try {
    load(text);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    expect(error.problem).toMatch(/^[a-z'"(]/);
    if (error.range) {
      expect(error.range.start.offset).toBeGreaterThanOrEqual(0);
      expect(error.range.start.offset).toBeLessThanOrEqual(text.length);
      expect(error.message).toContain(`:${error.range.start.line}:${error.range.start.column}`);
    }
  }
}

const WORDS = [
  'policy',
  'extends',
  'hipaa-baseline',
  'rule',
  'override',
  'disable',
  'detector',
  'allow',
  'values',
  'recipients',
  'internal',
  'domains',
  'mode',
  'audit',
  'enforce',
  'when',
  'unless',
  'then',
  'and',
  'or',
  'not',
  'count',
  'distinct',
  'ssn',
  'mrn',
  'diagnosis_code',
  'phi',
  'near',
  'before',
  'after',
  'within',
  'at',
  'high',
  'in',
  'body',
  'subject',
  'any',
  'recipient',
  'all',
  'is',
  'are',
  'external',
  'sender',
  'attachment',
  'type',
  'unscannable',
  'because',
  'encrypted',
  'message',
  'size',
  'MB',
  'block',
  'encrypt',
  'end-to-end',
  'quarantine',
  'reason',
  'bulk_identifiers',
  'class',
  'pattern',
  'validator',
  'luhn',
  'context',
  'confidence',
  'matching',
  '(',
  ')',
  '[',
  ']',
  ',',
  '>=',
  '<',
  '=',
  '!=',
  '==',
  '300',
  '0.7',
  '5',
  '"EMP-[0-9]{6}"',
  '"*@lab.example"',
  '"acme.example"',
  '"(?="',
  '"',
  '#',
  '\n',
  '&',
  "'",
];

describe('policy loading under random input', () => {
  it('throws only located policy errors for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        onlyPolicyErrors(text, (t) => loadPolicy(t));
      }),
      { numRuns: runs(400) },
    );
  });

  it('throws only located policy errors for sequences of the language words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }), (words) => {
        onlyPolicyErrors(`policy fuzz ${words.join(' ')}`, (t) => loadPolicy(t));
      }),
      { numRuns: runs(1500) },
    );
  });

  it('throws only located policy errors for edits of the baseline pack', () => {
    const base = PACKS['hipaa-baseline']!;
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(20),
        fc.constantFrom(...WORDS, ''),
        (at, remove, insert) => {
          const text = base.slice(0, at) + insert + base.slice(at + remove);
          onlyPolicyErrors(text, (t) => loadPolicy(t));
        },
      ),
      { numRuns: runs(800) },
    );
  });

  it('throws only located policy errors for deep nesting', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.constantFrom('(', 'not ', 'not ('), (n, open) => {
        onlyPolicyErrors(`policy deep\nrule a when ${open.repeat(n)}ssn then block`, (t) =>
          loadPolicy(t),
        );
      }),
      { numRuns: runs(100) },
    );
  });

  it('throws only policy errors for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        onlyPolicyErrors(JSON.stringify(value) ?? 'null', (t) => loadPolicyJson(t));
      }),
      { numRuns: runs(400) },
    );
  });

  it('throws only policy errors for JSON policies with random rule bodies', () => {
    const rule = fc.record({
      id: fc.constantFrom('a', 'b', 'phi-external', 'Bad Id'),
      when: fc.jsonValue({ maxDepth: 4 }),
      outcome: fc.oneof(fc.constant({ action: 'block' }), fc.jsonValue({ maxDepth: 2 })),
    });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 4 }), fc.boolean(), (rules, extend) => {
        const document = {
          policy: 'fuzz',
          ...(extend ? { extends: 'hipaa-baseline' } : {}),
          rules,
        };
        onlyPolicyErrors(JSON.stringify(document), (t) => loadPolicyJson(t));
      }),
      { numRuns: runs(400) },
    );
  });
});
