/**
 * Helpers for the location grammar described in `types.ts`.
 *
 * File names come from the sender and may hold anything. The characters the grammar uses
 * as separators (`/` between nesting levels, `#` before a fragment) and control characters
 * are percent-encoded, so a name can never forge a deeper location or a fragment.
 */

/** Percent-encodes the characters of `name` that would break the location grammar. */
export function locationName(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    const unsafe = ch === '%' || ch === '/' || ch === '#' || code < 0x20 || code === 0x7f;
    out += unsafe ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}

/** `attachment[N]:NAME`, the location of the N-th attachment of a message. */
export function attachmentLocation(prefix: string, index: number, name: string | undefined) {
  return `${prefix}attachment[${index}]:${locationName(name ?? '')}`;
}

/** `PARENT/entry[K]:NAME`, the location of the K-th entry of an archive. */
export function entryLocation(parent: string, index: number, name: string) {
  return `${parent}/entry[${index}]:${locationName(name)}`;
}

/** The prefix under which the parts of an attached message are located. */
export function messagePrefix(parent: string): string {
  return parent === '' ? '' : `${parent}/message/`;
}
