/**
 * Turns the public-domain code sets in the shared corpora into the compact files that
 * `@phiguard/core` ships under `data/clinical/`. Run from the repository root:
 *
 *   pnpm exec tsx packages/core/scripts/clinical/build-codesets.ts [corpora-dir]
 *
 * The corpora folder defaults to `../shared/corpora`. Every output is gzip-compressed text,
 * one record per line, so a diff of the uncompressed form shows what a code-set update
 * changed. Nothing here runs when the library is used: the library only reads the output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractTerms } from './terms.js';

const corpora = resolve(process.argv[2] ?? '../shared/corpora');
const out = resolve('packages/core/data/clinical');

/** Splits one CSV line with double-quoted fields; the code-set files need no more. */
export function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/**
 * Groups codes by their first three characters: `A00 _ 0 1 9` lists A00, A000, A001 and
 * A009, with `_` standing for the category itself. The grouping halves the size before
 * compression and keeps lines readable.
 */
function groupByCategory(codes: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const code of [...codes].sort()) {
    const head = code.slice(0, 3);
    const list = groups.get(head) ?? [];
    list.push(code.length === 3 ? '_' : code.slice(3));
    groups.set(head, list);
  }
  return [...groups].map(([head, tails]) => `${head} ${tails.join(' ')}`).join('\n');
}

function write(name: string, text: string): void {
  const bytes = gzipSync(Buffer.from(`${text}\n`, 'utf8'), { level: 9 });
  writeFileSync(join(out, name), bytes);
  console.error(`${name}: ${text.length} characters, ${bytes.length} bytes compressed`);
}

// ICD-10-CM: codes as listed in the tabular list, without the dot.
const icd10Rows = readFileSync(join(corpora, 'codeset-icd10cm-2025/ICD10CM_2025_codes.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.length > 0)
  .map(splitCsv);
write('icd10cm-2025.txt.gz', groupByCategory(icd10Rows.map((row) => row[0]!.replace('.', ''))));

// ICD-9-CM: the CMS file is `CODE  description`, codes already without the dot.
const icd9Lines = readFileSync(join(corpora, 'codeset-icd9cm-v32/CMS32_DESC_LONG_DX.txt'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim().length > 0);
write('icd9cm-v32.txt.gz', groupByCategory(icd9Lines.map((line) => line.split(/\s+/)[0]!)));

// HCPCS Level II: codes, then a line of modifiers after `#modifiers`.
const hcpcsRows = readFileSync(
  join(corpora, 'codeset-hcpcs-level2-2020/hcpcs2020_codes.derived.csv'),
  'latin1',
)
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.length > 0)
  .map(splitCsv);
const procedures = hcpcsRows.filter((row) => row[1] === 'procedure').map((row) => row[0]!);
const modifiers = hcpcsRows.filter((row) => row[1] === 'modifier').map((row) => row[0]!);
write(
  'hcpcs-2020.txt.gz',
  `${procedures.sort().join(' ')}\n#modifiers\n${modifiers.sort().join(' ')}`,
);

// Vocabulary: diagnosis terms from ICD-10-CM descriptions, procedure words and drug names
// from HCPCS descriptions (no CPT text: its descriptors are licensed).
const terms = extractTerms(
  icd10Rows.map((row) => ({ code: row[0]!, description: row[1]! })),
  hcpcsRows
    .filter((row) => row[1] === 'procedure')
    .map((row) => ({ code: row[0]!, description: row[3]! })),
);
write(
  'clinical-terms.txt.gz',
  terms.map((t) => `${t.kind} ${t.words > 1 ? 'p' : 'w'} ${t.term}`).join('\n'),
);
console.error(`terms: ${terms.length}`);
