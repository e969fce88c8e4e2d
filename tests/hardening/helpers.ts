import { pdf } from '../../packages/extract/src/formats/test-pdf.js';
import { zipAll } from '../../packages/extract/src/formats/test-zip.js';
import { createGuard, type Guard, type Inspection } from '../../packages/phiguard/src/index.js';

/**
 * Builders for the hardening suite: raw messages, ZIP packages (DOCX, XLSX, archives) and
 * small PDFs, all made from code at test time so the hostile and evasive samples stay
 * readable here and nothing large is committed.
 */

export const INTERNAL = 'example-hospital.org';
export const EXTERNAL_RECIPIENT = 'referrals@partner-clinic.test';

/** Labelled values every evasion case hides; none of them may appear in any output. */
export const GOLD = {
  ssn: '371-42-8856',
  ssnDigits: '371428856',
  mrn: '00482913',
  name: 'Elias Farmer',
} as const;

/** One guard per test file: compiling the detectors and policy is the expensive part. */
export function hardenedGuard(options: Parameters<typeof createGuard>[0] = {}): Guard {
  return createGuard({ internalDomains: [INTERNAL], ...options });
}

export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array | string;
}

export interface MailSpec {
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly attachments?: readonly Attachment[];
  readonly messageId?: string;
  readonly to?: string;
}

const CRLF = '\r\n';

/** Base64 wrapped at 76 columns, as MIME writes it. */
export function base64Lines(bytes: Uint8Array | string): string {
  const encoded = Buffer.from(bytes).toString('base64');
  return encoded.replace(/.{1,76}/g, (line) => `${line}${CRLF}`);
}

/** A multipart/mixed message to one external recipient, every part base64 encoded. */
export function buildMail(spec: MailSpec): string {
  const boundary = 'hardening-boundary-7f3a';
  const head = [
    `From: Dr Sender <sender@${INTERNAL}>`,
    `To: ${spec.to ?? EXTERNAL_RECIPIENT}`,
    `Subject: ${spec.subject ?? 'follow-up'}`,
    `Message-ID: ${spec.messageId ?? '<hardening@example-hospital.org>'}`,
    'Date: Thu, 03 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const parts: string[] = [];
  if (spec.text !== undefined) {
    parts.push(
      `Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(spec.text)}`,
    );
  }
  if (spec.html !== undefined) {
    parts.push(
      `Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(spec.html)}`,
    );
  }
  for (const a of spec.attachments ?? []) {
    parts.push(
      `Content-Type: ${a.contentType}; name="${a.filename}"${CRLF}` +
        `Content-Disposition: attachment; filename="${a.filename}"${CRLF}` +
        `Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(a.bytes)}`,
    );
  }
  const body = parts.map((p) => `--${boundary}${CRLF}${p}`).join('');
  return `${head.join(CRLF)}${CRLF}${CRLF}${body}--${boundary}--${CRLF}`;
}

/** A single-part message with the given part headers and an already encoded body. */
export function singlePart(partHeaders: readonly string[], body: string, subject = 'note'): string {
  return [
    `From: sender@${INTERNAL}`,
    `To: ${EXTERNAL_RECIPIENT}`,
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    ...partHeaders,
    '',
    body,
  ].join(CRLF);
}

export type Entries = ReadonlyArray<readonly [string, Uint8Array | string]>;

/** Writes a ZIP with correct sizes and CRCs. `store` keeps entries uncompressed. */
export function zip(entries: Entries, options: { store?: boolean } = {}): Buffer {
  return zipAll(entries, options);
}

const OOXML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A minimal DOCX whose body (tracked changes included) and comments part are given as
 * WordML. The comments part and its content type and relationship are written only when
 * comments are given, so the package never names a part it lacks.
 */
export function docx(parts: { body: string; comments?: string }): Buffer {
  const hasComments = parts.comments !== undefined;
  const types =
    `${OOXML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    (hasComments
      ? '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
      : '') +
    '</Types>';
  const rels =
    `${OOXML_DECLARATION}<Relationships xmlns="${REL_NS}">` +
    `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>` +
    '</Relationships>';
  const docRels =
    `${OOXML_DECLARATION}<Relationships xmlns="${REL_NS}">` +
    (hasComments
      ? `<Relationship Id="rId1" Type="${OFFICE_REL}/comments" Target="comments.xml"/>`
      : '') +
    '</Relationships>';
  const document = `${OOXML_DECLARATION}<w:document xmlns:w="${W_NS}"><w:body>${parts.body}</w:body></w:document>`;
  const entries: [string, string][] = [
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    ['word/_rels/document.xml.rels', docRels],
    ['word/document.xml', document],
  ];
  if (parts.comments !== undefined) {
    entries.push([
      'word/comments.xml',
      `${OOXML_DECLARATION}<w:comments xmlns:w="${W_NS}">${parts.comments}</w:comments>`,
    ]);
  }
  return zip(entries);
}

/** A WordML paragraph of plain text. */
export function wPara(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A WordML paragraph whose text is anchored to comment `id`, as Word writes it. */
export function wCommentedPara(text: string, id: number): string {
  return (
    `<w:p><w:commentRangeStart w:id="${id}"/><w:r><w:t xml:space="preserve">${text}</w:t></w:r>` +
    `<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r></w:p>`
  );
}

const S_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * A minimal XLSX: each sheet is rows of inline-string cells. A sheet can be hidden, and so
 * can rows, by their 1-based number.
 */
export function xlsx(
  sheets: ReadonlyArray<{
    name: string;
    hidden?: boolean;
    hiddenRows?: readonly number[];
    rows: string[][];
  }>,
): Buffer {
  const types =
    `${OOXML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '</Types>';
  const rels =
    `${OOXML_DECLARATION}<Relationships xmlns="${REL_NS}">` +
    `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '</Relationships>';
  const workbook =
    `${OOXML_DECLARATION}<workbook xmlns="${S_NS}" xmlns:r="${OFFICE_REL}"><sheets>` +
    sheets
      .map(
        (s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
      )
      .join('') +
    '</sheets></workbook>';
  const workbookRels =
    `${OOXML_DECLARATION}<Relationships xmlns="${REL_NS}">` +
    sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    '</Relationships>';
  const column = (i: number) => String.fromCharCode(65 + i);
  const sheetXml = (rows: string[][], hiddenRows: readonly number[] = []) =>
    `${OOXML_DECLARATION}<worksheet xmlns="${S_NS}"><sheetData>` +
    rows
      .map(
        (row, r) =>
          `<row r="${r + 1}"${hiddenRows.includes(r + 1) ? ' hidden="1"' : ''}>` +
          row
            .map(
              (cell, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${cell}</t></is></c>`,
            )
            .join('') +
          '</row>',
      )
      .join('') +
    '</sheetData></worksheet>';
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ...sheets.map(
      (s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows, s.hiddenRows)] as const,
    ),
  ]);
}

export { pdf };

/**
 * A one-page PDF whose content stream draws `text` in Helvetica. Objects 1 to 5 are the
 * catalog, the page tree, the page, the font and the content stream; `extraObjects` are
 * numbered from 6.
 */
export function textPdf(
  text: string,
  extraPageEntries = '',
  extraObjects: string[] = [],
  extraCatalogEntries = '',
): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  return pdf([
    `<< /Type /Catalog /Pages 2 0 R ${extraCatalogEntries} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R ${extraPageEntries} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    ...extraObjects,
  ]);
}

/** Whether a finding of `klass` lies wholly in `location` (a prefix match) and covers `value`. */
export function found(inspection: Inspection, klass: string, location: string | RegExp): boolean {
  return inspection.findings.some(
    (f) =>
      f.class === klass &&
      (typeof location === 'string' ? f.location.startsWith(location) : location.test(f.location)),
  );
}

/** A compact, value-free view of an inspection for assertion messages. */
export function summary(inspection: Inspection): unknown {
  return {
    action: inspection.decision.action,
    findings: inspection.findings.map((f) => `${f.class}@${f.location}[${f.start},${f.end})`),
    unscannable: inspection.unscannable.map((u) => `${u.reason}@${u.location}`),
  };
}
