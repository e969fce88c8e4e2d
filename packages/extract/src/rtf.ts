import { UnscannableError } from './errors.js';
import { areaOf } from './text.js';
import type { FileExtractor } from './types.js';

/**
 * RTF, as Outlook stores message bodies: compressed RTF (MS-OXRTFCP) inside TNEF, and plain
 * `.rtf` files. The text is read by dropping control words and the groups that hold no
 * prose (font, colour and style tables, pictures, and `\*` destinations), then decoding
 * `\'hh` and `\u` escapes. That is enough to scan; layout is not kept.
 */

/**
 * The dictionary every compressed RTF stream starts from, fixed by MS-OXRTFCP section
 * 2.1.2.1. Its length (207) is where writing into the dictionary begins.
 */
const RTF_PREBUF =
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern ' +
  '\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0' +
  '\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx';

/** `LZFu`: the stream is compressed. */
const COMPRESSED = 0x75465a4c;
/** `MELA`: the stream is stored as is after the header. */
const UNCOMPRESSED = 0x414c454d;
const DICTIONARY_SIZE = 4096;

/** Decompresses an RTF stream, producing at most `maxBytes`; throws on a broken header. */
export function decompressRtf(data: Uint8Array, maxBytes: number): Uint8Array {
  if (data.length < 16)
    throw new UnscannableError('malformed', 'compressed RTF shorter than its header');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const rawSize = view.getUint32(4, true);
  const type = view.getUint32(8, true);
  const limit = Math.min(rawSize, maxBytes);
  if (type === UNCOMPRESSED) return data.subarray(16, 16 + limit);
  if (type !== COMPRESSED) throw new UnscannableError('malformed', 'unknown compressed RTF type');

  const dictionary = new Uint8Array(DICTIONARY_SIZE);
  for (let i = 0; i < RTF_PREBUF.length; i++) dictionary[i] = RTF_PREBUF.charCodeAt(i);
  let write = RTF_PREBUF.length;
  const out = new Uint8Array(limit);
  let produced = 0;
  let at = 16;

  // Each control byte says, bit by bit from the lowest, whether the next token is a
  // literal byte (0) or a two-byte reference into the dictionary (1).
  while (at < data.length && produced < limit) {
    const control = data[at++] as number;
    for (let bit = 0; bit < 8 && produced < limit; bit++) {
      if ((control & (1 << bit)) === 0) {
        if (at >= data.length) return out.subarray(0, produced);
        const byte = data[at++] as number;
        out[produced++] = byte;
        dictionary[write] = byte;
        write = (write + 1) % DICTIONARY_SIZE;
        continue;
      }
      if (at + 1 >= data.length) return out.subarray(0, produced);
      const token = ((data[at] as number) << 8) | (data[at + 1] as number);
      at += 2;
      const offset = token >> 4;
      const length = (token & 0xf) + 2;
      // A reference to the current write position marks the end of the stream.
      if (offset === write) return out.subarray(0, produced);
      for (let i = 0; i < length && produced < limit; i++) {
        const byte = dictionary[(offset + i) % DICTIONARY_SIZE] as number;
        out[produced++] = byte;
        dictionary[write] = byte;
        write = (write + 1) % DICTIONARY_SIZE;
      }
    }
  }
  return out.subarray(0, produced);
}

/** Groups whose content is formatting or binary data, not prose. */
const SKIPPED_GROUPS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'pict',
  'themedata',
  'colorschememapping',
  'latentstyles',
  'datastore',
  'xmlnstbl',
  'rsidtbl',
  'generator',
  'objdata',
  'filetbl',
  'revtbl',
  'pgdsctbl',
]);

/** Control words that stand for a line break or a tab in the text. */
const BREAKS: Record<string, string> = {
  par: '\n',
  line: '\n',
  row: '\n',
  cell: '\t',
  tab: '\t',
  sect: '\n',
};

/**
 * Extracts the text of an RTF document. `\*` destinations are skipped except the HTML
 * that Outlook encapsulates (`\*\htmltag`), whose tags are dropped but whose text is not.
 */
export function rtfToText(rtf: string): string {
  const out: string[] = [];
  // Depth at which skipping started, or -1 when text is being kept.
  let skipFrom = -1;
  let depth = 0;
  let i = 0;
  let groupStart = false;
  while (i < rtf.length) {
    const ch = rtf[i] as string;
    if (ch === '{') {
      depth++;
      groupStart = true;
      i++;
      continue;
    }
    if (ch === '}') {
      if (skipFrom === depth) skipFrom = -1;
      depth = Math.max(0, depth - 1);
      groupStart = false;
      i++;
      continue;
    }
    if (ch === '\\') {
      const next = rtf[i + 1] ?? '';
      if (next === "'") {
        const code = Number.parseInt(rtf.slice(i + 2, i + 4), 16);
        if (skipFrom < 0 && !Number.isNaN(code)) out.push(String.fromCharCode(code));
        i += 4;
        groupStart = false;
        continue;
      }
      if (next === '*') {
        if (groupStart && skipFrom < 0 && !rtf.startsWith('\\*\\htmltag', i)) skipFrom = depth;
        i += 2;
        continue;
      }
      const word = /^\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(rtf.slice(i, i + 48));
      if (!word) {
        // An escaped symbol: \\, \{, \} stand for themselves; others are dropped.
        if (skipFrom < 0 && (next === '\\' || next === '{' || next === '}')) out.push(next);
        if (skipFrom < 0 && next === '~') out.push(' ');
        i += 2;
        groupStart = false;
        continue;
      }
      const name = word[1] as string;
      if (groupStart && skipFrom < 0 && SKIPPED_GROUPS.has(name)) skipFrom = depth;
      if (skipFrom < 0) {
        if (name === 'u' && word[2]) {
          const code = Number(word[2]);
          out.push(String.fromCharCode(code < 0 ? code + 65536 : code));
          // The fallback character that follows a \u escape is skipped.
          const after = i + word[0].length;
          i = rtf[after] === '\\' && rtf[after + 1] === "'" ? after + 4 : after + 1;
          groupStart = false;
          continue;
        }
        const brk = BREAKS[name];
        if (brk) out.push(brk);
      }
      i += word[0].length;
      groupStart = false;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (skipFrom < 0) out.push(ch);
    groupStart = false;
    i++;
  }
  const text = out.join('');
  // Encapsulated HTML keeps its tags as text inside \htmltag groups; they are markup.
  return rtf.includes('\\fromhtml') ? text.replace(/<[^<>]{0,2000}>/g, ' ') : text;
}

/** Reads `.rtf` files. */
export const rtfExtractor: FileExtractor = {
  types: ['rtf'],
  async extract(file, context) {
    const text = rtfToText(new TextDecoder('windows-1252').decode(file.bytes));
    if (text.trim() === '') return;
    context.addSegment({ location: file.location, area: areaOf(file.location), text, via: 'rtf' });
  },
};
