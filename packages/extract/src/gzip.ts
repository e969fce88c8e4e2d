import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { entryLocation } from './location.js';
import type { RunContext } from './run.js';
import type { FileExtractor } from './types.js';
import { collectInflated } from './zip.js';

/**
 * gzip files (`.gz`), inflated as a stream under the same limits as ZIP entries. The one
 * file inside is located as the archive's entry 0, named after the archive less `.gz`
 * (the name stored in the gzip header is optional and not read).
 */
export const gzipExtractor: FileExtractor = {
  types: ['gz'],
  async extract(file, context) {
    const name = (file.filename ?? '').replace(/\.t?gz$/i, (ext) =>
      ext.toLowerCase() === '.tgz' ? '.tar' : '',
    );
    const location = entryLocation(file.location, 0, name);
    const gunzip = createGunzip();
    Readable.from([
      Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
    ]).pipe(gunzip);
    const result = await collectInflated(
      gunzip,
      file.bytes.length,
      location,
      context as RunContext,
    );
    if ('stop' in result) {
      context.addUnscannable(location, result.stop.reason, result.stop.detail);
    } else if ('failed' in result) {
      context.addUnscannable(file.location, 'malformed', 'the gzip data could not be inflated');
    } else {
      await context.nested({ bytes: result.bytes, location, filename: name || undefined });
    }
  },
};
