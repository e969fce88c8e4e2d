/** Prefix of the headers the filter adds. */
export const HEADER_PREFIX = 'X-Phiguard-';

/**
 * Removes any `X-Phiguard-*` header a sender put in the message, then adds the filter's
 * own at the top. A sender must not be able to forge `X-Phiguard-Action: allow` and have a
 * later hop trust it.
 */
export function stampHeaders(message: Buffer, headers: Readonly<Record<string, string>>): Buffer {
  const end = headerEnd(message);
  const head = message.subarray(0, end).toString('latin1');
  const kept = removeHeaders(head, HEADER_PREFIX);
  const added = Object.entries(headers)
    .map(([name, value]) => `${HEADER_PREFIX}${name}: ${value.replace(/[\r\n]+/g, ' ')}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(added + kept, 'latin1'), message.subarray(end)]);
}

/** Offset just past the blank line that ends the header block, or the message length. */
function headerEnd(message: Buffer): number {
  const crlf = message.indexOf('\r\n\r\n');
  const lf = message.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return crlf + 2;
  if (lf >= 0) return lf + 1;
  return message.length;
}

/** Drops every header whose name starts with `prefix` (case-insensitive), with its folded lines. */
function removeHeaders(head: string, prefix: string): string {
  const lines = head.split(/(?<=\n)/);
  const out: string[] = [];
  let dropping = false;
  const lowered = prefix.toLowerCase();
  for (const line of lines) {
    const continuation = line.startsWith(' ') || line.startsWith('\t');
    if (!continuation) dropping = line.toLowerCase().startsWith(lowered);
    if (!dropping) out.push(line);
  }
  return out.join('');
}
