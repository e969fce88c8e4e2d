import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from './index.js';

/** docs/rules.md must not show a policy, a condition or an action the language rejects. */
const docs = readFileSync(
  fileURLToPath(new URL('../../../docs/rules.md', import.meta.url)),
  'utf8',
);
/** The untagged code blocks: policy text. Tagged ones (`ts`, `json`) are skipped. */
const blocks: string[] = [];
let open: string[] | undefined;
let tagged = false;
for (const line of docs.split('\n')) {
  if (line.startsWith('```')) {
    if (open) {
      if (!tagged) blocks.push(open.join('\n'));
      open = undefined;
    } else {
      open = [];
      tagged = line.length > 3;
    }
  } else open?.push(line);
}
/** The grammar block is EBNF, not policy text. */
const isGrammar = (block: string) => block.includes(' = ');
const detectors = [{ id: 'employee_badge', class: 'other_id' }];

describe('docs/rules.md', () => {
  it('parses every example policy', () => {
    const policies = blocks.filter((b) => b.startsWith('policy ') && !isGrammar(b));
    expect(policies.length).toBeGreaterThanOrEqual(4);
    for (const text of policies) expect(() => loadPolicy(text, { detectors: [] })).not.toThrow();
  });

  it('parses every example condition and action', () => {
    const lines = blocks
      .filter((b) => !isGrammar(b))
      .flatMap((b) => b.split('\n'))
      .map((l) => l.trim());
    const whens = lines.filter((l) => l.startsWith('when ') && !l.includes(' then '));
    const thens = lines.filter((l) => l.startsWith('then '));
    expect(whens.length).toBeGreaterThanOrEqual(20);
    for (const when of whens) {
      expect(() =>
        loadPolicy(`policy doc\nrule r ${when} then block`, { detectors }),
      ).not.toThrow();
    }
    for (const then of thens)
      expect(() => loadPolicy(`policy doc\nrule r when ssn ${then}`)).not.toThrow();
  });

  it('parses the example detector', () => {
    const detector = blocks.find((b) => b.startsWith('detector '))!;
    expect(() => loadPolicy(`policy doc\n${detector}`)).not.toThrow();
  });
});
