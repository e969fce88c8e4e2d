import { fileTypeFromBuffer } from 'file-type';
import { decodeText, looksUtf16Le } from './text.js';

/**
 * Types files by their bytes. A name or declared type never overrides what the bytes say:
 * a PDF named `notes.txt` is a PDF. They only choose between readings the bytes allow
 * equally well, such as CSV against plain text.
 *
 * The names returned are the ones readers register for: `pdf`, `docx`, `xlsx`, `png`,
 * `jpeg`, `tiff`, `gif`, `bmp`, `webp`, `zip`, `tnef`, `message`, `html`, `xml`,
 * `fhir-json`, `json`, `hl7v2`, `csv`, `rtf`, `text`, `pgp-encrypted`, `empty`; another
 * binary type keeps the extension file-type gives it (`7z`, `mp3`...), and bytes nobody recognises are
 * `binary`.
 */

/** TNEF streams start with this signature, little-endian. */
const TNEF_SIGNATURE = 0x223e9f78;

/** How much of the start of a file the text checks look at. */
const HEAD_BYTES = 64 * 1024;

/** file-type extensions renamed to our type names; others pass through unchanged. */
const FILE_TYPE_NAMES: Record<string, string> = {
  jpg: 'jpeg',
  tif: 'tiff',
  eml: 'message',
  pgp: 'pgp-encrypted',
};

/** Extensions file-type gives to content that the text checks below type better. */
const TEXTUAL_FILE_TYPES = new Set(['xml', 'html', 'csv', 'json', 'txt', 'svg', 'ics', 'vcf']);

/** Header names that, seen at the start of a file, mark it as a mail message. */
const MAIL_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'received',
  'return-path',
  'message-id',
  'mime-version',
  'content-type',
  'delivered-to',
  'reply-to',
  'sender',
  'x-mailer',
  'content-transfer-encoding',
  'in-reply-to',
  'references',
]);

/**
 * Tags that mark a `<`-led text as HTML rather than XML. The name must end where an HTML tag
 * name ends: `<a:ClinicalDocument>` and `<b:Export>` are XML with a namespace prefix, and
 * read as HTML they would lose every attribute value.
 */
const HTML_START =
  /^<(?:!doctype\s+html|(?:html|head|body|div|p|table|span|br|font|meta|title|a|b|i|ul|h[1-6])(?=[\s/>]))/i;

/**
 * Types `bytes`. `filename` and `declaredType` only break ties between text readings; see
 * the module comment. Never throws: unreadable input is `binary`.
 */
export async function sniffType(
  bytes: Uint8Array,
  filename?: string,
  declaredType?: string,
): Promise<string> {
  if (bytes.length === 0) return 'empty';
  if (readUint32Le(bytes, 0) === TNEF_SIGNATURE) return 'tnef';

  let detected: string | undefined;
  try {
    detected = (await fileTypeFromBuffer(bytes))?.ext;
  } catch {
    // file-type rejects some truncated containers; the checks below still run.
  }
  if (detected === 'zip' || detected === 'docx' || detected === 'xlsx') {
    return ooxmlKind(bytes) ?? detected;
  }
  if (detected && !TEXTUAL_FILE_TYPES.has(detected)) return FILE_TYPE_NAMES[detected] ?? detected;
  if (isZipStart(bytes)) return ooxmlKind(bytes) ?? 'zip';

  if (!looksLikeText(bytes)) return 'binary';
  return sniffText(decodeText(bytes.subarray(0, HEAD_BYTES)), filename, declaredType);
}

/** Types text that is already decoded. */
export function sniffText(head: string, filename?: string, declaredType?: string): string {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start === '') return 'text';
  if (/^(?:MSH|FHS|BHS)\|/.test(start)) return 'hl7v2';
  if (start.startsWith('-----BEGIN PGP MESSAGE-----')) return 'pgp-encrypted';
  if (start.startsWith('{\\rtf')) return 'rtf';
  if (start[0] === '{' || start[0] === '[') return jsonKind(head);
  if (start[0] === '<') {
    if (HTML_START.test(start) || /<html[\s>]/i.test(start.slice(0, 2048))) return 'html';
    return 'xml';
  }
  if (looksLikeMessage(start)) return 'message';
  if (looksLikeCsv(start, filename, declaredType)) return 'csv';
  return 'text';
}

function jsonKind(head: string): string {
  // The head may be a cut-off prefix of a larger file; a prefix that is not whole JSON is
  // still typed by the key it shows.
  if (/^\s*\{[\s\S]{0,4096}?"resourceType"\s*:\s*"[A-Za-z]+"/.test(head)) return 'fhir-json';
  try {
    JSON.parse(head);
    return 'json';
  } catch {
    return head.length >= HEAD_BYTES ? 'json' : 'text';
  }
}

/**
 * A message starts with header lines: at least two known mail headers among the first
 * lines, an mbox `From ` line allowed before them.
 */
function looksLikeMessage(start: string): boolean {
  const lines = start.split(/\r?\n/, 30);
  let known = 0;
  for (const [i, line] of lines.entries()) {
    if (i === 0 && line.startsWith('From ')) continue;
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue;
    const name = line.match(/^([!-9;-~]+):/)?.[1];
    if (!name) return false;
    if (MAIL_HEADERS.has(name.toLowerCase())) known++;
  }
  return known >= 2;
}

function looksLikeCsv(start: string, filename?: string, declaredType?: string): boolean {
  const hinted =
    /\.(?:csv|tsv)$/i.test(filename ?? '') ||
    /^(?:text\/(?:csv|tab-separated-values)|application\/csv)/i.test(declaredType ?? '');
  const lines = start.split(/\r?\n/, 6).filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  for (const delimiter of [',', '\t', ';', '|']) {
    const counts = lines.slice(0, 5).map((line) => line.split(delimiter).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    // Unhinted text needs a steady table shape before it is read as one.
    if (hinted && counts.every((n) => n > 0)) return true;
    if (lines.length >= 3 && first >= 2 && counts.every((n) => n === first)) return true;
  }
  return false;
}

/**
 * Text has no NUL bytes (unless it is UTF-16) and few control characters. ESC is allowed:
 * ISO-2022-JP text switches character sets with it.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, HEAD_BYTES);
  if (looksUtf16Le(bytes) || (bytes[0] === 0xff && bytes[1] === 0xfe)) return true;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control <= n * 0.01;
}

function isZipStart(bytes: Uint8Array): boolean {
  // Local file header, or the end record of an empty archive.
  const sig = readUint32Le(bytes, 0);
  return sig === 0x04034b50 || sig === 0x06054b50;
}

/**
 * Tells DOCX and XLSX from other ZIPs by the entry names in the local headers: a Word
 * package holds `word/`, a workbook `xl/`. Only names are looked at, never inflated data.
 */
function ooxmlKind(bytes: Uint8Array): 'docx' | 'xlsx' | undefined {
  const names = new TextDecoder('latin1').decode(
    bytes.subarray(0, Math.min(bytes.length, 1 << 20)),
  );
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.includes('word/document')) return 'docx';
  if (names.includes('xl/workbook')) return 'xlsx';
  return undefined;
}

function readUint32Le(bytes: Uint8Array, at: number): number | undefined {
  if (bytes.length < at + 4) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true);
}
