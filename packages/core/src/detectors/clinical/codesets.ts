import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * The official code sets, shipped gzip-compressed under `data/clinical/` and read the first
 * time a detector needs them. `scripts/clinical/build-codesets.ts` writes the files from the
 * public-domain CMS and NCHS releases; the library never fetches anything at run time.
 */
const DATA_DIR = new URL('../../../data/clinical/', import.meta.url);

/** A shipped data file is missing or unreadable: the package was installed incompletely. */
export class CodeSetMissingError extends Error {
  override readonly name = 'CodeSetMissingError';
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(
      `code set file 'data/clinical/${file}' of @phiguard/core cannot be read; reinstall the ` +
        'package, or run packages/core/scripts/clinical/build-codesets.ts in a checkout',
      options,
    );
  }
}

/** The uncompressed text of one shipped data file. */
export function readDataFile(file: string): string {
  try {
    return gunzipSync(readFileSync(new URL(file, DATA_DIR))).toString('utf8');
  } catch (cause) {
    throw new CodeSetMissingError(file, { cause });
  }
}

/** Expands `A00 _ 0 1 9` lines (see the build script) into codes without dots. */
function expandGrouped(text: string): string[] {
  const codes: string[] = [];
  for (const line of text.split('\n')) {
    const [head, ...tails] = line.split(' ');
    if (!head) continue;
    for (const tail of tails) codes.push(tail === '_' ? head : head + tail);
  }
  return codes;
}

/** ICD-10-CM FY2025 as listed in the tabular list, codes without the dot. */
export interface Icd10Set {
  readonly codes: ReadonlySet<string>;
  /** Listed codes that have listed subcodes: a 7th character never follows these. */
  readonly parents: ReadonlySet<string>;
}

let icd10: Icd10Set | undefined;

/** Loads ICD-10-CM once; about 46,500 codes. */
export function icd10cmSet(): Icd10Set {
  if (icd10) return icd10;
  const codes = new Set(expandGrouped(readDataFile('icd10cm-2025.txt.gz')));
  const parents = new Set<string>();
  for (const code of codes) if (code.length > 3) parents.add(code.slice(0, -1));
  icd10 = { codes, parents };
  return icd10;
}

/** ICD-9-CM v32 codes, and every head (`250`, `2500`) that has listed codes under it. */
export interface Icd9Set {
  readonly codes: ReadonlySet<string>;
  readonly heads: ReadonlySet<string>;
}

let icd9: Icd9Set | undefined;

/** Loads ICD-9-CM once; about 14,600 codes. */
export function icd9cmSet(): Icd9Set {
  if (icd9) return icd9;
  const codes = new Set(expandGrouped(readDataFile('icd9cm-v32.txt.gz')));
  const heads = new Set<string>();
  for (const code of codes) {
    // E codes have a four-character category (E800); the others three (250, V58).
    const shortest = code.startsWith('E') ? 4 : 3;
    for (let n = shortest; n < code.length; n++) heads.add(code.slice(0, n));
  }
  icd9 = { codes, heads };
  return icd9;
}

/** HCPCS Level II 2020 codes and two-character modifiers. */
export interface HcpcsSet {
  readonly codes: ReadonlySet<string>;
  readonly modifiers: ReadonlySet<string>;
}

let hcpcs: HcpcsSet | undefined;

/** Loads HCPCS Level II once; 6,710 codes and 369 modifiers. */
export function hcpcsSet(): HcpcsSet {
  if (hcpcs) return hcpcs;
  const [codeLine = '', , modifierLine = ''] = readDataFile('hcpcs-2020.txt.gz').split('\n');
  hcpcs = {
    codes: new Set(codeLine.split(' ').filter(Boolean)),
    modifiers: new Set(modifierLine.split(' ').filter(Boolean)),
  };
  return hcpcs;
}

/** What a vocabulary term names. */
export type TermKind = 'diagnosis' | 'procedure' | 'lab' | 'medication';

/** One vocabulary entry, lower case. */
export interface VocabularyTerm {
  readonly term: string;
  readonly kind: TermKind;
}

/** Loads the clinical vocabulary: about 6,000 terms. */
export function vocabularyTerms(): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  for (const line of readDataFile('clinical-terms.txt.gz').split('\n')) {
    // `kind w|p term`: the middle field says whether the term is one word or a phrase.
    const first = line.indexOf(' ');
    if (first < 0) continue;
    const kind = line.slice(0, first) as TermKind;
    terms.push({ kind, term: line.slice(first + 3) });
  }
  return terms;
}
