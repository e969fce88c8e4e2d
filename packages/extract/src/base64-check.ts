/**
 * Parts declared `Content-Transfer-Encoding: base64` whose body is not base64. Mail parsers
 * (postal-mime included) drop every character outside the base64 alphabet and decode what
 * is left, so a body of plain text declared base64 comes out as a few bytes of noise: the
 * text a recipient's client may still show is never scanned, and nothing says so.
 *
 * This pass walks the raw MIME tree on its own, finds those parts, and says where each one
 * is: in which body the parser put it, or which attachment it became. The caller reports
 * the part `malformed` and scans its raw text.
 */
import { blockEnd } from './raw.js';

/** A part whose declared base64 body holds characters outside the alphabet. */
export interface MisencodedPart {
  /** The body's offsets in the raw text. */
  readonly start: number;
  readonly end: number;
  /** The body the parser reads an inline text part into. */
  readonly body?: 'text' | 'html';
  /** For any other part, its index among the parser's attachments, in document order. */
  readonly attachment?: number;
  /** The declared media type, lower case (`text/plain` when none is declared). */
  readonly mediaType: string;
  /** Characters outside the base64 alphabet and whitespace. */
  readonly invalid: number;
}

/** Multiparts in multiparts followed at most, as deep as the MIME parser goes. */
const MAX_NESTING = 64;

/** Leaf parts looked at at most; the caller has already refused messages with far more. */
const MAX_LEAVES = 10_000;

interface Walk {
  readonly raw: string;
  readonly found: MisencodedPart[];
  attachments: number;
  leaves: number;
  /**
   * Characters the delimiter searches may still pass over. A search that finds nothing in
   * its part runs on to the end of the message, so many unclosed multiparts could make the
   * walk quadratic; past this budget it stops, and what it has not reached stays as the
   * parser decoded it.
   */
  budget: number;
}

/** Finds the misencoded parts of `raw`, a message decoded byte for byte (latin1). */
export function findMisencodedParts(raw: string): MisencodedPart[] {
  // Cheap exit for the common case: nothing declares base64 at all.
  if (!/base64/i.test(raw)) return [];
  const walk: Walk = { raw, found: [], attachments: 0, leaves: 0, budget: 4 * raw.length };
  walkPart(walk, 0, raw.length, 0);
  return walk.found;
}

/** Reads the part in `raw[start, end)`: its headers, then its children or its body. */
function walkPart(walk: Walk, start: number, end: number, depth: number): void {
  const { raw } = walk;
  const bodyStart = blockEnd(raw, start, end);
  const headers = readHeaders(raw.slice(start, bodyStart));
  const contentType = headers.get('content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';

  if (mediaType.startsWith('multipart/')) {
    const boundary = parameter(contentType, 'boundary');
    if (boundary === undefined || depth >= MAX_NESTING) return;
    for (const [partStart, partEnd] of childRanges(walk, boundary, bodyStart, end)) {
      if (walk.leaves >= MAX_LEAVES || walk.budget < 0) return;
      walkPart(walk, partStart, partEnd, depth + 1);
    }
    return;
  }

  // A leaf. The parser reads inline text/plain and text/html into the bodies and keeps
  // everything else, attached messages included, as an attachment.
  walk.leaves++;
  const disposition = (headers.get('content-disposition') ?? '').split(';')[0]?.trim();
  const inlineText =
    disposition?.toLowerCase() !== 'attachment' &&
    (mediaType === 'text/plain' || mediaType === 'text/html');
  const attachment = inlineText ? undefined : walk.attachments++;
  const encoding = (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding !== 'base64') return;

  const invalid = countInvalid(raw, bodyStart, end);
  if (invalid === 0) return;
  walk.found.push({
    start: bodyStart,
    end,
    mediaType,
    invalid,
    ...(inlineText ? { body: mediaType === 'text/html' ? 'html' : 'text' } : { attachment }),
  });
}

/** Header names in lower case to their first value, folded lines joined. */
function readHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of a structured header, quoted or not. */
function parameter(header: string, name: string): string | undefined {
  const match = new RegExp(
    `(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]{1,200})"|([^\\s;"]{1,200}))`,
    'i',
  ).exec(header);
  return match?.[1] ?? match?.[2];
}

/**
 * The ranges of the parts between the delimiter lines of `boundary` in `raw[from, end)`:
 * each starts after a delimiter line and ends before the line break of the next one.
 */
function childRanges(walk: Walk, boundary: string, from: number, end: number) {
  const { raw } = walk;
  const delimiter = `\n--${boundary}`;
  const ranges: [number, number][] = [];
  const search = (position: number) => {
    const found = raw.indexOf(delimiter, position);
    walk.budget -= (found < 0 ? raw.length : found) - position;
    return found;
  };
  // The first delimiter may sit right at the body's start, after the blank line.
  let at = search(Math.max(0, from - 1));
  while (at >= 0 && at < end && walk.budget >= 0) {
    const closing = raw.startsWith('--', at + delimiter.length);
    if (closing) break;
    const lineEnd = raw.indexOf('\n', at + 1);
    if (lineEnd < 0 || lineEnd >= end) break;
    const next = search(lineEnd);
    const partEnd = next < 0 || next > end ? end : next;
    // The line break before a delimiter belongs to the delimiter (RFC 2046).
    ranges.push([lineEnd + 1, raw[partEnd - 1] === '\r' ? partEnd - 1 : partEnd]);
    at = next;
  }
  return ranges;
}

/** Counts the characters in `raw[start, end)` that are neither base64 nor whitespace. */
function countInvalid(raw: string, start: number, end: number): number {
  let invalid = 0;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    const valid =
      (c >= 0x41 && c <= 0x5a) || // A-Z
      (c >= 0x61 && c <= 0x7a) || // a-z
      (c >= 0x30 && c <= 0x39) || // 0-9
      c === 0x2b || // +
      c === 0x2f || // /
      c === 0x3d || // = (padding)
      c === 0x20 ||
      c === 0x09 ||
      c === 0x0d ||
      c === 0x0a;
    if (!valid) invalid++;
  }
  return invalid;
}
