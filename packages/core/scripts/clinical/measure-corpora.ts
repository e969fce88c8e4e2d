/**
 * Measures the assessment on the shared corpora: the share of SpamAssassin messages judged
 * PHI (expected: none) and of HL7 C-CDA documents judged PHI (expected: all). Run from the
 * repository root:
 *
 *   pnpm exec tsx packages/core/scripts/clinical/measure-corpora.ts [corpora-dir]
 *
 * Messages are read as raw text (headers, MIME structure and base64 included), which tests
 * the scanner and the assessment alone; benchmarks/accuracy/run.ts measures the whole
 * pipeline over the same corpora. The report names files, detectors, offsets and masked
 * forms, never a matched value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { assess } from '../../src/assess/index.js';
import { isClinicalClass } from '../../src/classes.js';
import { createScanner } from '../../src/create.js';
import { atLeast } from '../../src/finding.js';

const corpora = resolve(process.argv[2] ?? '../shared/corpora');
const scanner = createScanner();

function filesUnder(dir: string, suffix: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return suffix.test(name) ? [path] : [];
  });
}

function measure(label: string, files: readonly string[], expectPhi: boolean): void {
  let judgedPhi = 0;
  let withHealth = 0;
  const misses: string[] = [];
  const failures: string[] = [];
  const clinical = new Map<string, number>();
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (const file of files) {
    // latin1 keeps every byte of 8-bit messages as one character.
    const text = readFileSync(file, 'latin1');
    bytes += text.length;
    let findings: ReturnType<typeof scanner.scan>['findings'];
    try {
      findings = scanner.scan(text).findings;
    } catch (error) {
      // A scanner failure is not a verdict: count it apart so it cannot pass for "no PHI".
      failures.push(`  ${relative(corpora, file)}  ${(error as Error).name}`);
      continue;
    }
    const result = assess(findings);
    if (result.phi) judgedPhi++;
    if (result.healthInformation) withHealth++;
    for (const f of findings) {
      if (isClinicalClass(f.class) && atLeast(f.level, 'medium')) {
        const key = `${f.detector}/${f.pattern}`;
        clinical.set(key, (clinical.get(key) ?? 0) + 1);
      }
    }
    if (result.phi !== expectPhi) {
      const detail = result.evidence.detectors.map((d) => `${d.detector}:${d.count}`).join(' ');
      misses.push(`  ${relative(corpora, file)}  ${result.reasons.join(',')}  ${detail}`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const share = ((100 * judgedPhi) / files.length).toFixed(2);
  console.log(
    `${label}: ${judgedPhi}/${files.length} judged PHI (${share}%), ` +
      `${withHealth} with health information; ` +
      `${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  clinical findings at medium or above: ${JSON.stringify(Object.fromEntries(clinical))}`,
  );
  if (failures.length > 0)
    console.log(`  scanner failed on ${failures.length}:\n${failures.join('\n')}`);
  if (misses.length > 0)
    console.log(`  ${expectPhi ? 'not judged PHI' : 'judged PHI'}:\n${misses.join('\n')}`);
}

measure(
  'spamassassin-public-corpus-dev',
  filesUnder(join(corpora, 'spamassassin-public-corpus-dev'), /\.eml$/),
  false,
);
measure(
  'hl7-ccda-examples/Documents',
  filesUnder(join(corpora, 'hl7-ccda-examples/files/Documents'), /\.xml$/),
  true,
);
