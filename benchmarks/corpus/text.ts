/**
 * The speed corpus: realistic mail text for the core engine alone, of a requested size,
 * the same bytes for the same seed and size.
 *
 * The generator renders PDFs, DOCX and scanned images for every message, which makes it
 * slow (about 25 messages a second on 2 cores) and its text small (about 1 KB a message
 * once the MIME is stripped). So a pool of generated messages gives the text (decoded
 * subjects, plain-text bodies and the text each attachment was rendered from), and a seeded
 * shuffle recombines its lines into documents until the size is reached. Values repeat
 * across the corpus; that does not help a regex engine, and phiguard caches no results.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMessages, Random } from '@phiguard/fixtures';

/** Documents are joined by this separator in the cached file; generated text has no form feed. */
export const DOCUMENT_SEPARATOR = '\f\n';

/** Where benchmark inputs and reports go: the repository's git-ignored `.bench-out/`. */
export const BENCH_OUT = new URL('../../.bench-out/', import.meta.url).pathname;

export interface SpeedCorpusOptions {
  /** Size of the corpus in MB (10^6 UTF-8 bytes); 20 unless set. */
  readonly sizeMB?: number;
  /** Seed of the generator and of the shuffle; 1 unless set. */
  readonly seed?: number;
  /** Generated messages whose text is recombined; 300 unless set. */
  readonly poolMessages?: number;
  /** Cache folder; `.bench-out/corpus` unless set. Pass `false` to build in memory only. */
  readonly cacheDir?: string | false;
}

export interface SpeedCorpus {
  /** The corpus as one file, documents separated by `DOCUMENT_SEPARATOR` (for ripgrep). */
  readonly path: string | undefined;
  /** The documents, each about the size of one message's text. */
  readonly documents: readonly string[];
  /** UTF-8 bytes of all documents together, separators left out. */
  readonly bytes: number;
  readonly seed: number;
  readonly poolMessages: number;
}

const MB = 1_000_000;
/** A document is cut once it holds this many UTF-16 units: the size of a long message. */
const DOCUMENT_TARGET = 8_000;

/** The text lines of the pool's messages, in message order. */
async function poolLines(seed: number, count: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const message of generateMessages({ seed, count })) {
    for (const [location, text] of Object.entries(message.sources)) {
      // The HTML body is the text body with markup; the engine scans the converted text.
      if (location === 'body:html') continue;
      for (const line of text.split(/\r?\n/)) if (line.trim() !== '') lines.push(line);
    }
  }
  return lines;
}

/** Recombines pool lines into documents of about `DOCUMENT_TARGET` units, `bytes` in all. */
function recombine(lines: readonly string[], bytes: number, seed: number): string[] {
  const rng = new Random(seed, 0x5eed);
  const documents: string[] = [];
  let total = 0;
  while (total < bytes) {
    const parts: string[] = [];
    let length = 0;
    // A run of consecutive lines keeps a message's shape (label, then value); runs from
    // random places mix the kinds of mail.
    while (length < DOCUMENT_TARGET && total + length < bytes) {
      const from = rng.int(0, lines.length - 1);
      const run = rng.int(3, 12);
      for (let i = from; i < Math.min(lines.length, from + run); i++) {
        parts.push(lines[i]!);
        length += Buffer.byteLength(lines[i]!) + 1;
      }
    }
    const document = parts.join('\n');
    documents.push(document);
    total += Buffer.byteLength(document);
  }
  return documents;
}

/** Builds (or reads from the cache) the speed corpus. */
export async function buildSpeedCorpus(options: SpeedCorpusOptions = {}): Promise<SpeedCorpus> {
  const sizeMB = options.sizeMB ?? 20;
  const seed = options.seed ?? 1;
  const poolMessages = options.poolMessages ?? 300;
  if (!(sizeMB > 0)) throw new RangeError(`sizeMB must be more than 0, got ${sizeMB}`);
  const cacheDir = options.cacheDir === undefined ? join(BENCH_OUT, 'corpus') : options.cacheDir;
  const name = `speed-s${seed}-p${poolMessages}-${sizeMB}MB.txt`;
  const path = cacheDir === false ? undefined : join(cacheDir, name);

  if (path && existsSync(path)) {
    const documents = readFileSync(path, 'utf8').split(DOCUMENT_SEPARATOR);
    const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
    return { path, documents, bytes, seed, poolMessages };
  }
  const lines = await poolLines(seed, poolMessages);
  const documents = recombine(lines, Math.round(sizeMB * MB), seed);
  const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
  if (path && cacheDir !== false) {
    mkdirSync(cacheDir, { recursive: true });
    // Written under a temporary name first, so an interrupted run leaves no half corpus.
    writeFileSync(`${path}.partial`, documents.join(DOCUMENT_SEPARATOR));
    renameSync(`${path}.partial`, path);
  }
  return { path, documents, bytes, seed, poolMessages };
}

/** The leading documents of a corpus that hold at least `bytes` UTF-8 bytes. */
export function corpusPrefix(documents: readonly string[], bytes: number): string[] {
  const out: string[] = [];
  let total = 0;
  for (const d of documents) {
    if (total >= bytes) break;
    out.push(d);
    total += Buffer.byteLength(d);
  }
  return out;
}
