/**
 * Mail inputs for the pipeline benchmark: generated .eml messages (cached), and plain
 * messages of a chosen size made from the speed corpus's text.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { generateMessages } from '@phiguard/fixtures';
import { BENCH_OUT } from './text.js';

/** What a message carries, for grouping latency by attachment mix. */
export type AttachmentMix = 'none' | 'pdf' | 'docx' | 'xlsx' | 'png' | 'xml' | 'zip' | 'mixed';

export interface BenchMessage {
  readonly id: string;
  readonly eml: Uint8Array;
  readonly mix: AttachmentMix;
}

export interface MailSetOptions {
  readonly seed?: number;
  readonly count: number;
  /** Cache folder; `.bench-out/mail` unless set. Pass `false` to keep messages in memory. */
  readonly cacheDir?: string | false;
}

interface Manifest {
  readonly messages: readonly { id: string; file: string; mix: AttachmentMix }[];
}

/** The mix from the attachment names the generator reports (`attachment[N]:NAME`). */
function mixOf(locations: readonly string[]): AttachmentMix {
  const kinds = new Set<AttachmentMix>();
  for (const location of locations) {
    if (!location.startsWith('attachment[')) continue;
    const ext = extname(location).slice(1).toLowerCase();
    kinds.add(
      (['pdf', 'docx', 'xlsx', 'png', 'xml', 'zip'] as const).find((k) => k === ext) ?? 'mixed',
    );
  }
  if (kinds.size === 0) return 'none';
  return kinds.size === 1 ? [...kinds][0]! : 'mixed';
}

/** Generated messages with the default mix of kinds, read from the cache when present. */
export async function buildMailSet(options: MailSetOptions): Promise<BenchMessage[]> {
  const seed = options.seed ?? 1;
  const cacheDir = options.cacheDir === undefined ? join(BENCH_OUT, 'mail') : options.cacheDir;
  const dir = cacheDir === false ? undefined : join(cacheDir, `s${seed}-n${options.count}`);
  const manifestPath = dir ? join(dir, 'manifest.json') : undefined;

  if (dir && manifestPath && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    return manifest.messages.map((m) => ({
      id: m.id,
      mix: m.mix,
      eml: new Uint8Array(readFileSync(join(dir, m.file))),
    }));
  }
  const out: BenchMessage[] = [];
  for await (const m of generateMessages({ seed, count: options.count })) {
    out.push({ id: m.id, eml: m.eml, mix: mixOf(Object.keys(m.sources)) });
  }
  if (dir && manifestPath) {
    mkdirSync(dir, { recursive: true });
    for (const m of out) writeFileSync(join(dir, `${m.id}.eml`), m.eml);
    const manifest: Manifest = {
      messages: out.map((m) => ({ id: m.id, file: `${m.id}.eml`, mix: m.mix })),
    };
    // The manifest is written last, so a cache without one is rebuilt rather than trusted.
    writeFileSync(`${manifestPath}.partial`, JSON.stringify(manifest));
    renameSync(`${manifestPath}.partial`, manifestPath);
  }
  return out;
}

/**
 * A plain-text message of about `bytes` bytes, no attachments, its body taken from the
 * corpus documents in order (repeated when the corpus is shorter than the message).
 */
export function plainMessage(
  documents: readonly string[],
  bytes: number,
  id = 'sized',
): BenchMessage {
  const head = [
    'From: Clinic Desk <desk@example-hospital.org>',
    'To: Referrals <referrals@lakeview-cardiology.example.net>',
    `Subject: Benchmark message ${id}`,
    'Date: Mon, 03 Mar 2025 09:30:00 -0500',
    `Message-ID: <${id}@example-hospital.org>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  const lines: string[] = [];
  let size = Buffer.byteLength(head);
  for (let i = 0; size < bytes; i++) {
    const document = documents[i % documents.length]!;
    for (const line of document.split('\n')) {
      if (size >= bytes) break;
      lines.push(line);
      size += Buffer.byteLength(line) + 2;
    }
  }
  return { id, mix: 'none', eml: new TextEncoder().encode(`${head}${lines.join('\r\n')}\r\n`) };
}
