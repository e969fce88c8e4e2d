import { posix } from 'node:path';
import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { SegmentBuilder } from './emit.js';
import { xmlPartsText } from './ooxml-text.js';
import {
  attrsOf,
  child,
  childrenNamed,
  innerText,
  parseXml,
  tagOf,
  walk,
  type XmlNode,
  xmlFailure,
} from './xml-tree.js';
import { PackageError, type PackageParts, readPackage } from './zip-package.js';

/**
 * XLSX cell text read from the package XML: shared and inline strings, numbers, dates and
 * cell comments, on every sheet, hidden sheets, rows and columns included (hiding is how
 * PHI slips out in a spreadsheet). Each cell below the first row is written after its
 * column's header, `DOB: 04/01/1961`, so detectors see the context word. Formula cells
 * give their cached value; string literals inside formulas are not read.
 */

/** The workbook parts read: the workbook, its strings and styles, sheets and comments. */
const WANTED = new RegExp(
  [
    '^xl/(workbook\\.xml|_rels/workbook\\.xml\\.rels|sharedStrings\\.xml|styles\\.xml',
    '|comments\\d*\\.xml|worksheets/[^/]+\\.xml|worksheets/_rels/[^/]+\\.rels)$',
  ].join(''),
);

/** A worksheet part, the cells of one sheet. */
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** A comments part, the notes on the cells of one sheet. */
const COMMENTS = /^xl\/comments\d*\.xml$/;

/** Built-in number formats that show dates (ECMA-376 part 1, 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57,
]);

function rootOf(xml: string | undefined): XmlNode | undefined {
  if (xml === undefined) return undefined;
  return parseXml(xml).find((node) => !tagOf(node).startsWith('?') && tagOf(node) !== '#text');
}

/** Targets of a relationships part, by id, resolved against the folder of its source. */
function relationships(xml: string | undefined, sourceDir: string): Map<string, string> {
  const targets = new Map<string, string>();
  const root = rootOf(xml);
  if (root === undefined) return targets;
  for (const rel of childrenNamed(root, 'Relationship')) {
    const { Id, Target } = attrsOf(rel);
    if (Id === undefined || Target === undefined) continue;
    const path = Target.startsWith('/') ? Target.slice(1) : posix.join(sourceDir, Target);
    targets.set(Id, posix.normalize(path));
  }
  return targets;
}

/** Whether a custom format code shows a date: it has day or year, or months without time. */
function isDateCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** For each cell style index, whether it shows the number as a date. */
function dateStyles(xml: string | undefined): boolean[] {
  const root = rootOf(xml);
  if (root === undefined) return [];
  const custom = new Map<string, string>();
  for (const format of childrenNamed(child(root, 'numFmts') ?? {}, 'numFmt')) {
    const { numFmtId, formatCode } = attrsOf(format);
    if (numFmtId !== undefined && formatCode !== undefined) custom.set(numFmtId, formatCode);
  }
  return childrenNamed(child(root, 'cellXfs') ?? {}, 'xf').map((xf) => {
    const id = attrsOf(xf).numFmtId ?? '0';
    const code = custom.get(id);
    return code === undefined ? BUILTIN_DATE_FORMATS.has(Number(id)) : isDateCode(code);
  });
}

const MS_PER_DAY = 86_400_000;
// Day zero of each date system, as Excel counts it (the 1900 system's is 30 Dec 1899).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A date serial as MM/DD/YYYY, the way a US reader would see the formatted cell. */
export function serialToDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  // Excel counts a 29 Feb 1900 that never was, so its 1900 serials before March are a day
  // ahead of the calendar.
  const epoch = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900 + MS_PER_DAY : EPOCH_1900;
  const date = new Date(epoch + Math.floor(serial) * MS_PER_DAY);
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  return `${mm}/${dd}/${date.getUTCFullYear()}`;
}

interface Workbook {
  readonly shared: readonly string[];
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

/** Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot hold. */
function unescapeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** A cell's text as Excel shows it; undefined for a shared string the workbook lacks. */
function cellValue(cell: XmlNode, book: Workbook): string | undefined {
  const { t, s } = attrsOf(cell);
  if (t === 'inlineStr') return unescapeOoxml(xmlPartsText(childrenNamed(cell, 'is')));
  const raw = innerText(child(cell, 'v') ?? {});
  if (t === 's') return book.shared[Number(raw)];
  if (t === undefined || t === 'n') {
    if (raw !== '' && book.dates[Number(s ?? 0)])
      return serialToDate(Number(raw), book.date1904) ?? raw;
  }
  return raw;
}

/** Page headers and footers of a sheet, printed on every page of it. */
const MARGIN_TAGS = new Set([
  'oddHeader',
  'oddFooter',
  'evenHeader',
  'evenFooter',
  'firstHeader',
  'firstFooter',
]);

/**
 * The text of a header or footer without its codes: `&L`, `&C` and `&R` open the left,
 * centre and right parts, `&P`, `&D` and the like stand for fields, `&"Arial,Bold"`, `&12`
 * and `&K00FF00` set the font, and `&&` is an ampersand.
 */
function marginText(raw: string): string {
  return raw
    .replace(/&(&|"[^"]*"|\d+|K[0-9A-Fa-f]{6}|K\d\d[+-]\d{3}|[A-Za-z])?/g, (_, code) =>
      code === '&' ? '&' : ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

function column(ref: string): string {
  return /^[A-Z]+/.exec(ref)?.[0] ?? '';
}

function readSheet(
  name: string,
  xml: string,
  comments: ReadonlyMap<string, string>,
  book: Workbook,
  file: FileInput,
  context: ExtractContext,
): void {
  const builder = new SegmentBuilder();
  const headers = new Map<string, string>();
  let firstRow: string | undefined;
  let unresolved = 0;
  const margins: [string, string][] = [];
  walk(parseXml(xml), (node) => {
    const tag = tagOf(node);
    if (MARGIN_TAGS.has(tag)) {
      const text = marginText(innerText(node));
      if (text !== '') margins.push([tag, text]);
      return;
    }
    if (tag !== 'c') return;
    const ref = attrsOf(node).r ?? '';
    const shown = cellValue(node, book);
    if (shown === undefined) {
      unresolved++;
      return;
    }
    const value = shown.trim();
    if (value === '') return;
    const row = ref.replace(/^[A-Z]+/, '');
    firstRow ??= row;
    // The first row holding values is taken as the header row.
    if (row === firstRow) headers.set(column(ref), value);
    const header = row === firstRow ? undefined : headers.get(column(ref));
    builder.add(header ? `${header}: ${value}` : value, `${file.location}#sheet=${name}!${ref}`);
  });
  for (const [ref, text] of comments) {
    builder.add(`Comment: ${text}`, `${file.location}#sheet=${name}!${ref}`);
  }
  for (const [tag, text] of margins) builder.add(text, `${file.location}#sheet=${name}!${tag}`);
  builder.emit(context, `${file.location}#sheet=${name}`, 'xlsx');
  // Their text is lost with the shared strings part (missing, cut or damaged), and it may
  // be what matters most in the sheet.
  if (unresolved > 0) {
    context.addUnscannable(
      `${file.location}#sheet=${name}`,
      'malformed',
      `${unresolved} cells point at shared strings the workbook does not hold`,
    );
  }
}

/** The comments of a comments part by cell reference; empty when it is no comments part. */
function commentsIn(
  xml: string | undefined,
  into = new Map<string, string>(),
): Map<string, string> {
  const root = rootOf(xml);
  if (root === undefined || tagOf(root) !== 'comments') return into;
  walk([root], (node) => {
    if (tagOf(node) !== 'comment') return;
    const text = xmlPartsText(childrenNamed(node, 'text')).trim();
    if (text !== '') into.set(attrsOf(node).ref ?? '', text);
  });
  return into;
}

/** The comments of a sheet, through its relationships; notes each part read in `read`. */
function sheetComments(
  parts: PackageParts,
  sheetPath: string,
  read: Set<string>,
): Map<string, string> {
  const found = new Map<string, string>();
  const relsPath = posix.join(
    posix.dirname(sheetPath),
    '_rels',
    `${posix.basename(sheetPath)}.rels`,
  );
  for (const target of relationships(parts.get(relsPath), posix.dirname(sheetPath)).values()) {
    if (!COMMENTS.test(target)) continue;
    read.add(target);
    commentsIn(parts.get(target), found);
  }
  return found;
}

function readWorkbook(parts: PackageParts, file: FileInput, context: ExtractContext): void {
  const workbook = rootOf(parts.get('xl/workbook.xml'));
  if (workbook === undefined)
    throw new PackageError('malformed', 'the package has no xl/workbook.xml');
  const targets = relationships(parts.get('xl/_rels/workbook.xml.rels'), 'xl');
  const shared = childrenNamed(rootOf(parts.get('xl/sharedStrings.xml')) ?? {}, 'si').map((si) =>
    unescapeOoxml(xmlPartsText([si])),
  );
  const flag = attrsOf(child(workbook, 'workbookPr') ?? {}).date1904;
  const book: Workbook = {
    shared,
    dates: dateStyles(parts.get('xl/styles.xml')),
    date1904: flag === '1' || flag === 'true',
  };

  const read = new Set<string>();
  for (const sheet of childrenNamed(child(workbook, 'sheets') ?? {}, 'sheet')) {
    const { name, id } = attrsOf(sheet);
    const path = id === undefined ? undefined : targets.get(id);
    if (path === undefined) {
      // Without the relationship the sheet's kind is unknown: it may be one with cells.
      context.addUnscannable(
        `${file.location}#sheet=${name ?? ''}`,
        'malformed',
        "the workbook's relationships name no part for a sheet",
      );
      continue;
    }
    const xml = parts.get(path);
    // Chart sheets and dialog sheets have no cells; a missing worksheet part is reported.
    if (xml === undefined) {
      if (path.startsWith('xl/worksheets/')) {
        context.addUnscannable(
          `${file.location}#sheet=${name}`,
          'malformed',
          'a sheet part is missing',
        );
      }
      continue;
    }
    read.add(path);
    readSheet(name ?? path, xml, sheetComments(parts, path, read), book, file, context);
  }
  // A worksheet or comments part that no sheet of the workbook reaches is not shown by
  // Excel, but its text leaves with the file all the same.
  for (const [path, xml] of parts) {
    if (!WORKSHEET.test(path) || read.has(path)) continue;
    const comments = sheetComments(parts, path, read);
    readSheet(posix.basename(path, '.xml'), xml, comments, book, file, context);
  }
  for (const [path, xml] of parts) {
    if (!COMMENTS.test(path) || read.has(path)) continue;
    const builder = new SegmentBuilder();
    const where = `${file.location}#${posix.basename(path, '.xml')}`;
    for (const [ref, text] of commentsIn(xml)) builder.add(`Comment: ${text}`, `${where}!${ref}`);
    builder.emit(context, where, 'xlsx');
  }
}

/** Reads XLSX cell text, hidden sheets and comments included, with column headers. */
export const xlsxExtractor: FileExtractor = {
  types: ['xlsx'],
  async extract(file, context) {
    try {
      const parts = await readPackage(file.bytes, context, (name) => WANTED.test(name));
      readWorkbook(parts, file, context);
    } catch (error) {
      if (error instanceof PackageError) {
        context.addUnscannable(file.location, error.reason, error.detail);
      } else if (xmlFailure(error) !== undefined) {
        const failure = xmlFailure(error);
        const detail = `a workbook part: ${failure?.detail}`;
        context.addUnscannable(file.location, failure?.reason ?? 'malformed', detail);
      } else {
        throw error;
      }
    }
  },
};
