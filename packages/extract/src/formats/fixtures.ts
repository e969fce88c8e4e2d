import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileInput } from '../types.js';

/** The repository's fixtures folder, for tests. */
export const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

/** A fixture file as a reader receives it, named like the first attachment of a message. */
export function fixture(path: string): FileInput {
  const name = path.split('/').pop() ?? path;
  return {
    bytes: new Uint8Array(readFileSync(FIXTURES + path)),
    location: `attachment[0]:${name}`,
    filename: name,
  };
}
