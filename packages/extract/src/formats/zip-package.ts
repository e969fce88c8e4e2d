import type { Readable } from 'node:stream';
import yauzl, { type Entry } from 'yauzl';
import type { ExtractContext, UnscannableReason } from '../types.js';
import { takeInflatedBytes } from './budget.js';

/**
 * Reads the XML parts of an Office package (DOCX, XLSX) under the extraction limits. Sizes
 * are checked from the central directory before anything is inflated, and yauzl checks
 * while inflating that no entry produces more than it declared, so a lying header stops
 * at its declared size. mammoth inflates with no limit at all (an 82 KB DOCX took 2.7 GB),
 * so it only runs after this reader has accepted the package.
 */

/** Why a package was not read; `reason` is the unscannable reason to report. */
export class PackageError extends Error {
  override readonly name = 'PackageError';
  constructor(
    readonly reason: UnscannableReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The signature of an OLE compound file, the container of password-protected Office files. */
const COMPOUND_FILE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream name Office gives an encrypted package, in UTF-16LE as the directory holds it. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * A DOCX or XLSX saved with a password is not a ZIP but a compound file holding an
 * `EncryptedPackage` stream: that throws `encrypted`. Any other compound file (a legacy .doc,
 * .xls or .msg) throws `unsupported_type`. Bytes that are not a compound file pass.
 */
export function rejectCompoundFile(bytes: Uint8Array): void {
  if (!COMPOUND_FILE_SIGNATURE.every((byte, i) => bytes[i] === byte)) return;
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
    throw new PackageError('encrypted', 'the Office file is protected with a password');
  }
  throw new PackageError('unsupported_type', 'the file is an OLE compound file, not a package');
}

/** Entries smaller than this are never judged by ratio: tiny XML compresses very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** The parts of a package, by entry name, as UTF-8 text. */
export type PackageParts = ReadonlyMap<string, string>;

function readAll(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        stream.destroy();
        reject(new PackageError('decompression_limit', 'an entry inflated past its size'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', (error) => reject(error));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function check(entry: Entry, context: ExtractContext): void {
  const { maxPartBytes, maxCompressionRatio } = context.limits;
  if (entry.isEncrypted()) throw new PackageError('encrypted', 'a package entry is encrypted');
  if (entry.uncompressedSize > maxPartBytes) {
    const size = entry.uncompressedSize;
    const detail = `an entry declares ${size} bytes, over maxPartBytes (${maxPartBytes})`;
    throw new PackageError('decompression_limit', detail);
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > maxCompressionRatio) {
    const times = Math.round(ratio);
    const detail = `an entry inflates ${times}x, over maxCompressionRatio (${maxCompressionRatio})`;
    throw new PackageError('compression_ratio', detail);
  }
}

/**
 * Reads every entry for which `wanted(name)` holds, after checking all entries against
 * `maxPartBytes`, `maxCompressionRatio` and the input's `maxDecompressedBytes`. Throws
 * `PackageError` with the reason to report; a container yauzl rejects is `malformed`.
 */
export async function readPackage(
  bytes: Uint8Array,
  context: ExtractContext,
  wanted: (name: string) => boolean,
): Promise<PackageParts> {
  rejectCompoundFile(bytes);
  let zip: yauzl.ZipFile;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw new PackageError('malformed', 'the file is not a readable ZIP package');
  }
  try {
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entries.length >= context.limits.maxParts) {
        throw new PackageError(
          'too_many_parts',
          `the package has over ${context.limits.maxParts} entries`,
        );
      }
      // Every entry is checked, read or not: mammoth may inflate parts this reader skips.
      check(entry, context);
      if (wanted(entry.fileName)) entries.push(entry);
    }
    const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (!takeInflatedBytes(context, total)) {
      const max = context.limits.maxDecompressedBytes;
      const detail = `the package's parts inflate past maxDecompressedBytes (${max})`;
      throw new PackageError('decompression_limit', detail);
    }

    const parts = new Map<string, string>();
    for (const entry of entries) {
      const stream = await zip.openReadStreamPromise(entry);
      const data = await readAll(stream, entry.uncompressedSize);
      parts.set(entry.fileName, data.toString('utf8').replace(/^\uFEFF/, ''));
    }
    return parts;
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError('malformed', 'a package entry could not be inflated');
  } finally {
    zip.close();
  }
}
