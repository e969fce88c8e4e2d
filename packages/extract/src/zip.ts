import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { entryLocation } from './location.js';
import type { RunContext } from './run.js';
import type { FileExtractor, FileInput } from './types.js';

/**
 * ZIP archives, read with yauzl, one entry at a time, each entry inflated as a stream and
 * counted while it inflates. Declared sizes are used only to refuse early; they are never
 * trusted to be true, since a bomb lies about them. Inflation of an entry stops as soon as
 * it passes `maxPartBytes`, the compression ratio limit, or the input's shared
 * `maxDecompressedBytes`; the entry is then reported and its partial bytes dropped.
 *
 * Entry names are only ever used as text (scanned, and percent-encoded in locations):
 * nothing is written to disk, so names such as `../../etc/passwd` are harmless.
 */

/**
 * Below this many inflated bytes the ratio limit does not apply: small, repetitive files
 * (a CSV of blanks, a log) legitimately compress a thousandfold, and a few megabytes are
 * within every other budget anyway.
 */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** ZIP general purpose flag bit 11: the entry name is UTF-8. */
const UTF8_NAME_FLAG = 0x800;

/** Compression methods yauzl inflates: stored and deflated. */
const READABLE_METHODS = new Set([0, 8]);

/** Why inflating an entry stopped early, when it did. */
export type Stop = {
  reason: 'too_large' | 'compression_ratio' | 'decompression_limit';
  detail: string;
};

/** Reads every entry of an archive and hands each one back through `context.nested`. */
export async function readZip(file: FileInput, context: RunContext): Promise<void> {
  const { run, limits } = context;
  const buffer = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  let zip: ZipFile;
  try {
    // decodeStrings is off because yauzl then rejects `..` names outright; names are
    // decoded here instead and treated as plain text.
    zip = await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch {
    context.addUnscannable(file.location, 'malformed', 'the ZIP directory could not be read');
    return;
  }

  let index = 0;
  for (;;) {
    if (context.signal.aborted) return;
    let entry: Entry | undefined;
    try {
      entry = await nextEntry(zip);
    } catch {
      context.addUnscannable(
        file.location,
        'malformed',
        `the ZIP directory is broken after entry ${index}`,
      );
      return;
    }
    if (!entry) return;
    const name = entryName(entry);
    const location = entryLocation(file.location, index++, name);
    if (name.endsWith('/') || name.endsWith('\\')) continue;
    if (run.parts >= limits.maxParts) {
      run.takePart(location);
      return;
    }

    if (entry.isEncrypted()) {
      context.addSegment({ location, area: 'filename', text: name, via: 'filename' });
      context.addUnscannable(location, 'encrypted', 'the entry is encrypted');
      continue;
    }
    const refused = refuseByDeclaredSize(entry, context);
    if (refused) {
      context.addSegment({ location, area: 'filename', text: name, via: 'filename' });
      context.addUnscannable(location, refused.reason, refused.detail);
      continue;
    }

    const result = await inflate(zip, entry, location, context);
    if ('stop' in result) {
      context.addSegment({ location, area: 'filename', text: name, via: 'filename' });
      context.addUnscannable(location, result.stop.reason, result.stop.detail);
      if (result.stop.reason === 'decompression_limit') return;
      continue;
    }
    if ('failed' in result) {
      context.addSegment({ location, area: 'filename', text: name, via: 'filename' });
      const method = entry.compressionMethod;
      if (READABLE_METHODS.has(method)) {
        context.addUnscannable(location, 'malformed', 'the entry data could not be inflated');
      } else {
        context.addUnscannable(location, 'unsupported_type', `compression method ${method}`);
      }
      continue;
    }
    await context.nested({ bytes: result.bytes, location, filename: name });
  }
}

/** Refuses an entry whose own header already admits it is over a limit. */
function refuseByDeclaredSize(entry: Entry, context: RunContext): Stop | undefined {
  const { limits } = context;
  if (entry.uncompressedSize > limits.maxPartBytes) {
    return {
      reason: 'too_large',
      detail: `declares ${entry.uncompressedSize} bytes, over maxPartBytes`,
    };
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
    return {
      reason: 'compression_ratio',
      detail: `declares ratio ${Math.round(ratio)}, over maxCompressionRatio (${limits.maxCompressionRatio})`,
    };
  }
  return undefined;
}

/** Inflates one entry, counting every chunk against the limits as it arrives. */
async function inflate(
  zip: ZipFile,
  entry: Entry,
  location: string,
  context: RunContext,
): Promise<Inflated> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    return { failed: true };
  }
  return collectInflated(stream, entry.compressedSize, location, context);
}

/** What inflating gave: the bytes, a limit that stopped it, or a failure of the data. */
export type Inflated = { bytes: Uint8Array } | { stop: Stop } | { failed: true };

/**
 * Reads an inflating stream to its end, checking every chunk against `maxPartBytes`, the
 * ratio limit (against `compressedSize`) and the input's shared decompressed-bytes budget.
 * The stream is destroyed as soon as one is passed, so no more than one chunk past a
 * limit is ever held.
 */
export async function collectInflated(
  stream: Readable,
  compressedSize: number,
  location: string,
  context: RunContext,
): Promise<Inflated> {
  const { run, limits } = context;
  const ratioCap = Math.max(RATIO_FLOOR_BYTES, limits.maxCompressionRatio * compressedSize);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      let stop: Stop | undefined;
      if (total > limits.maxPartBytes) {
        stop = {
          reason: 'too_large',
          detail: `inflates past maxPartBytes (${limits.maxPartBytes})`,
        };
      } else if (total > ratioCap) {
        stop = {
          reason: 'compression_ratio',
          detail: `inflates past maxCompressionRatio (${limits.maxCompressionRatio}) times its size`,
        };
      } else if (!run.takeDecompressed(chunk.length, location)) {
        // takeDecompressed has reported the limit for the whole input already.
        stream.destroy();
        return {
          stop: { reason: 'decompression_limit', detail: 'inflation stopped at this entry' },
        };
      }
      if (stop) {
        stream.destroy();
        return { stop };
      }
      if (context.signal.aborted) {
        stream.destroy();
        return { failed: true };
      }
      chunks.push(chunk);
    }
  } catch {
    stream.destroy();
    return { failed: true };
  }
  return { bytes: Buffer.concat(chunks, total) };
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Decodes an entry name: UTF-8 when flagged or valid, Latin-1 otherwise (close to CP437). */
function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  if (entry.generalPurposeBitFlag & UTF8_NAME_FLAG) return raw.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

/** Reads ZIP archives (not DOCX or XLSX, which their own readers take). */
export const zipExtractor: FileExtractor = {
  types: ['zip'],
  extract: (file, context) => readZip(file, context as RunContext),
};
