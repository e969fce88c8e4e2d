/**
 * Text that mail parsers drop. postal-mime and mailparser both discard the preamble and
 * epilogue of a multipart body (the text before the first boundary and after the last),
 * and both read a body that has no blank line after its headers as more headers. A sender
 * can hide text in either place and most mail clients still show some of it.
 *
 * This pass reads the raw message for exactly those leftovers and nothing else, so no text
 * the parser returned is scanned twice:
 *
 * - for every declared boundary, the text between the end of the headers that declare it
 *   and its first delimiter line (the preamble), and the text after its closing delimiter
 *   up to the next delimiter of any boundary or the end (the epilogue);
 * - in the message headers and in each part's headers, the lines from the first line that
 *   is neither a header nor a continuation up to the end of that header block.
 *
 * Known gap: a body line that happens to look like a header (`Diagnosis: flu`) directly
 * under the headers is indistinguishable from one, and is read only as far as the parser
 * keeps it (not at all). A preamble inside an attached message that is itself 7-bit is
 * seen by both this pass and the pass over the attached message, and is scanned twice.
 */

/** One leftover, by offsets into the raw text, and what kind it is. */
export interface Leftover {
  readonly kind: 'preamble' | 'epilogue' | 'unparsed';
  readonly start: number;
  readonly end: number;
}

const BOUNDARY_PARAM = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;

/**
 * How many boundaries are followed at most. Each one costs a pass over the message, so a
 * message declaring thousands cannot make this quadratic; the ones past this are left to
 * the parser alone.
 */
const MAX_BOUNDARIES = 64;

/** Finds the leftovers in `raw`, a message decoded byte for byte (latin1). */
export function findLeftovers(raw: string): Leftover[] {
  const found: Leftover[] = [];
  const headersEnd = blockEnd(raw, 0, raw.length);
  const stray = strayLines(raw, 0, headersEnd);
  if (stray) found.push(stray);

  const boundaries = declaredBoundaries(raw);

  for (const [boundary, declaredAt] of boundaries) {
    const delimiter = `\n--${boundary}`;
    const bodyStart = blockEnd(raw, declaredAt, raw.length);
    const first = raw.indexOf(delimiter, bodyStart - 1);
    if (first < 0) continue;
    pushText(found, raw, 'preamble', bodyStart, first);

    // Each part's own header block, up to its blank line or the next delimiter.
    let at = first;
    let guard = 0;
    while (at >= 0 && guard++ < 100_000) {
      const lineEnd = raw.indexOf('\n', at + 1);
      if (lineEnd < 0) break;
      const closing = raw.startsWith('--', at + delimiter.length);
      const next = raw.indexOf(delimiter, lineEnd);
      if (closing) {
        const epilogueEnd = nextDelimiter(raw, boundaries, lineEnd);
        pushText(found, raw, 'epilogue', lineEnd + 1, epilogueEnd);
        break;
      }
      const limit = next < 0 ? raw.length : next;
      const partHeadersEnd = blockEnd(raw, lineEnd + 1, limit);
      const partStray = strayLines(raw, lineEnd + 1, partHeadersEnd);
      if (partStray) found.push(partStray);
      at = next;
    }
  }
  return found;
}

/** The boundaries declared in `raw` (the first 64), each with where it is declared. */
export function declaredBoundaries(raw: string): Map<string, number> {
  const boundaries = new Map<string, number>();
  for (const match of raw.matchAll(BOUNDARY_PARAM)) {
    const value = match[1] ?? match[2];
    if (value && !boundaries.has(value)) boundaries.set(value, match.index);
    if (boundaries.size >= MAX_BOUNDARIES) break;
  }
  return boundaries;
}

/**
 * Where a header block that starts at `from` ends: after its blank line, or at `limit`.
 * The search never looks past `limit`, so walking many parts stays linear.
 */
export function blockEnd(raw: string, from: number, limit: number): number {
  // An empty block: the blank line comes first.
  if (raw[from] === '\n') return Math.min(from + 1, limit);
  if (raw[from] === '\r' && raw[from + 1] === '\n') return Math.min(from + 2, limit);
  let at = raw.indexOf('\n', from);
  while (at >= 0 && at < limit) {
    if (raw[at + 1] === '\n') return Math.min(at + 2, limit);
    if (raw[at + 1] === '\r' && raw[at + 2] === '\n') return Math.min(at + 3, limit);
    at = raw.indexOf('\n', at + 1);
  }
  return limit;
}

/** The lines of a header block from the first one that is not a header, if any. */
function strayLines(raw: string, start: number, end: number): Leftover | undefined {
  let at = start;
  let first = true;
  while (at < end) {
    let lineEnd = raw.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = raw.slice(at, lineEnd).replace(/\r$/, '');
    const isHeader = /^[!-9;-~]+:/.test(line);
    const isContinuation = /^[ \t]/.test(line) && !first;
    const isMbox = first && start === 0 && line.startsWith('From ');
    if (line.trim() !== '' && !isHeader && !isContinuation && !isMbox) {
      return { kind: 'unparsed', start: at, end };
    }
    first = false;
    at = lineEnd + 1;
  }
  return undefined;
}

/** The start of the next delimiter line of any known boundary after `from`, or the end. */
function nextDelimiter(raw: string, boundaries: ReadonlyMap<string, number>, from: number) {
  let at = raw.indexOf('\n--', from);
  while (at >= 0) {
    let lineEnd = raw.indexOf('\n', at + 1);
    if (lineEnd < 0) lineEnd = raw.length;
    const name = raw.slice(at + 3, Math.min(lineEnd, at + 3 + 204)).trimEnd();
    if (boundaries.has(name) || boundaries.has(name.replace(/--$/, ''))) return at;
    at = raw.indexOf('\n--', at + 1);
  }
  return raw.length;
}

function pushText(
  found: Leftover[],
  raw: string,
  kind: Leftover['kind'],
  start: number,
  end: number,
) {
  if (end > start && raw.slice(start, end).trim() !== '') found.push({ kind, start, end });
}
