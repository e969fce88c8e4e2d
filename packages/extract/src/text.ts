import type { ExtractContext, FileExtractor, FileInput } from './types.js';

/**
 * Plain text and CSV. Text is decoded by its byte-order mark, then by the declared
 * charset, then as UTF-8 when it is valid UTF-8, and as Windows-1252 otherwise: every byte
 * sequence decodes to something, so no text is lost to a wrong guess about digits.
 */

/** Decodes bytes to a string; see the module comment for the order of guesses. */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (looksUtf16Le(bytes)) return new TextDecoder('utf-16le').decode(bytes);

  if (charset) {
    try {
      return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
    } catch {
      // An unknown label falls through to the guesses below rather than failing the part.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * UTF-16LE without a byte-order mark: ASCII text then has a zero in every odd byte. Only
 * the first 512 bytes are looked at.
 */
export function looksUtf16Le(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return false;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  return oddZeros >= 0.9 * (n / 2) && evenZeros === 0;
}

/** The `charset` parameter of a declared content type, if any. */
export function charsetOf(declaredType: string | undefined): string | undefined {
  const match = declaredType?.match(/charset\s*=\s*"?([^";\s]+)/i);
  return match?.[1];
}

/** Reads a text file as one segment. */
export const textExtractor: FileExtractor = {
  types: ['text', 'json', 'xml', 'fhir-json', 'hl7v2'],
  async extract(file: FileInput, context: ExtractContext) {
    const text = decodeText(file.bytes, charsetOf(file.declaredType));
    if (text.trim() === '') return;
    context.addSegment({ location: file.location, area: areaOf(file.location), text, via: 'text' });
  },
};

/** Segments inside attachments are in the `attachment` area; the rest are bodies. */
export function areaOf(location: string): 'attachment' | 'body' {
  return location.includes('attachment[') || location.startsWith('file:') ? 'attachment' : 'body';
}

/**
 * Splits CSV text into rows of cells. Quoted cells may hold the delimiter, doubled quotes
 * and line breaks. A quote left open runs to the end of the text, which keeps every
 * character rather than dropping the rest of a malformed file.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The delimiter that splits the first lines most consistently: comma, tab, semicolon or pipe. */
export function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 6).filter((line) => line.trim() !== '');
  let best = ',';
  let bestScore = 0;
  for (const delimiter of [',', '\t', ';', '|']) {
    const counts = lines.map((line) => line.split(delimiter).length - 1);
    const min = Math.min(...counts);
    if (min > bestScore) {
      best = delimiter;
      bestScore = min;
    }
  }
  return best;
}

/**
 * Renders CSV rows as `Header: value` lines, one paragraph per row, so that a detector's
 * context words (a column named `SSN`) sit next to the value they describe. Each row gets a
 * region located `#row=N` (1-based, the header row being row 1).
 */
export function csvToText(text: string): {
  text: string;
  rows: { start: number; end: number; row: number }[];
} {
  const table = parseCsv(text, guessDelimiter(text));
  const header = table[0] ?? [];
  const out: string[] = [];
  const rows: { start: number; end: number; row: number }[] = [];
  let offset = 0;

  // The header row is kept as its own line: its names can be PHI too (a column per patient).
  const push = (line: string, row: number) => {
    rows.push({ start: offset, end: offset + line.length, row });
    out.push(line);
    offset += line.length + 2;
  };
  push(header.join(' | '), 1);
  for (let r = 1; r < table.length; r++) {
    const cells = table[r] ?? [];
    const lines: string[] = [];
    cells.forEach((value, c) => {
      if (value.trim() === '') return;
      const name = header[c]?.trim() || `column ${c + 1}`;
      lines.push(`${name}: ${value}`);
    });
    if (lines.length > 0) push(lines.join('\n'), r + 1);
  }
  return { text: out.join('\n\n'), rows };
}

/** Reads a CSV or TSV file as one segment with a region per row. */
export const csvExtractor: FileExtractor = {
  types: ['csv'],
  async extract(file, context) {
    const decoded = decodeText(file.bytes, charsetOf(file.declaredType));
    if (decoded.trim() === '') return;
    const { text, rows } = csvToText(decoded);
    const regions = rows.map((r) => ({
      start: r.start,
      end: r.end,
      location: `${file.location}#row=${r.row}`,
    }));
    context.addSegment({
      location: file.location,
      area: areaOf(file.location),
      text,
      regions,
      via: 'csv',
    });
  },
};
