/**
 * The PHI assessment over whole documents of the shared corpora: HL7 C-CDA clinical
 * documents, which should all be judged PHI, and SpamAssassin's ordinary mail, which should
 * not. Each goes through the whole pipeline (extraction, scanner, assessment) as a mail
 * system would hand it over. Results name corpus files (public sample names), reason codes
 * and detector ids, never a text or a value.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { createGuard, type Guard, type Inspection } from 'phiguard';

export interface DocumentCorpus {
  readonly name: string;
  /** The folder under the shared corpora. */
  readonly folder: string;
  readonly suffix: RegExp;
  readonly kind: 'message' | 'file';
  readonly expectPhi: boolean;
}

export const DOCUMENT_CORPORA: readonly DocumentCorpus[] = [
  {
    name: 'HL7 C-CDA example documents',
    folder: 'hl7-ccda-examples/files/Documents',
    suffix: /\.xml$/,
    kind: 'file',
    expectPhi: true,
  },
  {
    name: 'SpamAssassin public corpus (development half)',
    folder: 'spamassassin-public-corpus-dev',
    suffix: /\.eml$/,
    kind: 'message',
    expectPhi: false,
  },
];

export interface DocumentResult {
  readonly corpus: DocumentCorpus;
  readonly documents: number;
  readonly judgedPhi: number;
  readonly withHealthInformation: number;
  /** Documents whose verdict differs from the expected one, with why. */
  readonly unexpected: readonly { file: string; reasons: string; detectors: string }[];
  /** Documents with a part that could not be read. */
  readonly withUnscannable: number;
}

function filesUnder(folder: string, suffix: RegExp): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return filesUnder(path, suffix);
      return suffix.test(name) ? [path] : [];
    });
}

async function inspect(guard: Guard, corpus: DocumentCorpus, path: string): Promise<Inspection> {
  const bytes = readFileSync(path);
  return corpus.kind === 'message'
    ? guard.inspectMessage(bytes)
    : guard.inspectFile(bytes, { filename: basename(path) });
}

/** Runs one corpus; undefined when it is not under `corporaRoot`. */
export async function measureDocuments(
  corporaRoot: string,
  corpus: DocumentCorpus,
): Promise<DocumentResult | undefined> {
  const folder = join(corporaRoot, corpus.folder);
  if (!existsSync(folder)) return undefined;
  const guard = createGuard({ fingerprintKey: 'accuracy-benchmark-key' });
  const files = filesUnder(folder, corpus.suffix);
  let judgedPhi = 0;
  let withHealthInformation = 0;
  let withUnscannable = 0;
  const unexpected: DocumentResult['unexpected'][number][] = [];
  for (const path of files) {
    const { assessment, unscannable } = await inspect(guard, corpus, path);
    if (assessment.phi) judgedPhi++;
    if (assessment.healthInformation) withHealthInformation++;
    if (unscannable.length > 0) withUnscannable++;
    if (assessment.phi !== corpus.expectPhi) {
      unexpected.push({
        file: relative(folder, path),
        reasons: assessment.reasons.join(', ') || 'none',
        detectors: assessment.evidence.detectors.map((d) => `${d.detector} ${d.count}`).join(', '),
      });
    }
  }
  return {
    corpus,
    documents: files.length,
    judgedPhi,
    withHealthInformation,
    unexpected,
    withUnscannable,
  };
}
