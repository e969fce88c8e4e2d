import { PDFParse } from 'pdf-parse';
import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { timeLeft } from './budget.js';
import { SegmentBuilder } from './emit.js';
import { ocrWithinLimits } from './image.js';

/**
 * PDF through pdf-parse (pdfjs). Each page's text layer, plus the text of its form fields
 * and annotations, becomes one region of the document's segment; pages with no text are
 * rendered and OCRed, each as its own segment. Files attached inside the PDF go back to the
 * dispatcher. Pages past `maxPages` are not read and are reported `too_many_pages`.
 */

// The parts of pdfjs that pdf-parse does not wrap; typed here by the fields we use.
interface PdfAnnotation {
  readonly subtype?: string;
  readonly fieldName?: string;
  readonly fieldValue?: unknown;
  readonly alternativeText?: string;
  readonly contentsObj?: { readonly str?: string };
  readonly textContent?: readonly string[];
}
interface PdfPage {
  getAnnotations(options?: { intent?: 'display' | 'print' | 'any' }): Promise<PdfAnnotation[]>;
  getViewport(options: { scale: number }): { width: number; height: number };
}
interface PdfDocument {
  readonly numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
  getAttachments(): Promise<Record<string, { filename?: string; content?: Uint8Array }> | null>;
}

/** What the reader passes to pdf-parse. */
export type PdfParserOptions = ConstructorParameters<typeof PDFParse>[0];

/**
 * Builds the pdf-parse parser for one file. `original` builds pdf-parse's own, so that a
 * factory can wrap it (replace a method with one that throws or hangs).
 */
export type PdfParserFactory = (
  options: PdfParserOptions,
  original: (options: PdfParserOptions) => PDFParse,
) => PDFParse;

const newPdfParser = (options: PdfParserOptions): PDFParse => new PDFParse(options);
let createPdfParser: PdfParserFactory = newPdfParser;

/**
 * Sets how the PDF reader builds its parser; without `createParser`, pdf-parse as is. This
 * exists for fault injection only: the hardening tests wrap the parser in one that throws
 * or hangs, to check that the file ends `unscannable` and the decision fails closed.
 */
export function configurePdf(options: { readonly createParser?: PdfParserFactory }): void {
  createPdfParser = options.createParser ?? newPdfParser;
}

/** Width of a rendered page in pixels: about 200 dpi for US Letter, enough for 10 pt text. */
const OCR_RENDER_WIDTH = 1700;

class PdfTimeoutError extends Error {
  override readonly name = 'PdfTimeoutError';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfTimeoutError('the PDF ran past its time')), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** The reason a pdfjs failure maps to: passwords are `encrypted`, the rest `malformed`. */
function failureReason(error: unknown): 'encrypted' | 'malformed' | 'timeout' {
  if (error instanceof PdfTimeoutError) return 'timeout';
  if (error instanceof Error && error.name === 'PasswordException') return 'encrypted';
  return 'malformed';
}

/** Text of a page's form fields and annotations, labelled so context words still work. */
async function annotationText(page: PdfPage): Promise<string[]> {
  const lines: string[] = [];
  // Intent `any`: the default (`display`) leaves out annotations flagged hidden or no-view,
  // and hiding a field is exactly how a value slips past a reviewer.
  for (const annotation of await page.getAnnotations({ intent: 'any' })) {
    const value = annotation.fieldValue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && v !== '' && v !== 'Off',
    );
    if (values.length > 0) lines.push(`${annotation.fieldName ?? 'Field'}: ${values.join(', ')}`);
    const contents = annotation.contentsObj?.str;
    if (contents) lines.push(contents);
    if (annotation.alternativeText) lines.push(annotation.alternativeText);
    if (annotation.textContent) lines.push(annotation.textContent.join(' '));
  }
  return lines;
}

async function readPdf(parser: PDFParse, file: FileInput, context: ExtractContext) {
  // pdf-parse keeps the pdfjs document behind a private `load`; forms, annotations and
  // attachments are only reachable through it.
  const doc = await (parser as unknown as { load(): Promise<PdfDocument> }).load();
  const pages = Math.min(doc.numPages, context.limits.maxPages);
  if (doc.numPages > pages) {
    const detail = `read ${pages} of ${doc.numPages} pages (maxPages)`;
    context.addUnscannable(file.location, 'too_many_pages', detail);
  }

  const result = await parser.getText({ first: pages });
  const builder = new SegmentBuilder();
  const blankPages: number[] = [];
  for (let number = 1; number <= pages; number++) {
    const layer = result.getPageText(number).trim();
    const extra = await annotationText(await doc.getPage(number));
    // A page with no text layer is not clean: a scan reads as empty, and so does a damaged
    // stream. It is OCRed even when it carries annotations, which would otherwise hide it.
    if (layer === '') blankPages.push(number);
    builder.add([layer, ...extra].join('\n').trim(), `${file.location}#page=${number}`);
  }
  builder.emit(context, file.location, 'pdf');

  for (const number of blankPages) await ocrPage(parser, doc, number, file, context);
  await handAttachments(doc, file, context);
}

async function ocrPage(
  parser: PDFParse,
  doc: PdfDocument,
  number: number,
  file: FileInput,
  context: ExtractContext,
): Promise<void> {
  const location = `${file.location}#page=${number}`;
  const viewport = (await doc.getPage(number)).getViewport({ scale: 1 });
  // Keep the rendered page inside maxImagePixels, whatever size the page declares.
  const wanted = OCR_RENDER_WIDTH / Math.max(viewport.width, 1);
  const fitting = Math.sqrt(context.limits.maxImagePixels / (viewport.width * viewport.height));
  const scale = Math.min(wanted, fitting);
  const shot = await parser.getScreenshot({
    partial: [number],
    scale,
    imageBuffer: true,
    imageDataUrl: false,
  });
  const image = shot.pages[0]?.data;
  if (image === undefined || image.length === 0) {
    context.addUnscannable(location, 'no_text', 'the page has no text and could not be rendered');
    return;
  }
  const text = await ocrWithinLimits(context, image, location);
  if (text === undefined) return;
  if (text.trim() === '') {
    context.addUnscannable(location, 'no_text', 'the page has no text layer and OCR found none');
    return;
  }
  const builder = new SegmentBuilder();
  builder.add(text.trim(), location);
  builder.emit(context, location, 'ocr', false);
}

async function handAttachments(doc: PdfDocument, file: FileInput, context: ExtractContext) {
  const attachments = Object.values((await doc.getAttachments()) ?? {});
  for (const [index, attachment] of attachments.entries()) {
    if (attachment.content === undefined) continue;
    const name = attachment.filename ?? 'attachment';
    await context.nested({
      bytes: attachment.content,
      location: `${file.location}/part[${index}]:${name}`,
      filename: name,
    });
  }
}

/** Reads PDF text, form fields and annotations; OCRs pages that have no text layer. */
export const pdfExtractor: FileExtractor = {
  types: ['pdf'],
  async extract(file, context) {
    // pdfjs detaches the buffer it is given; a copy keeps the caller's bytes intact.
    const parser = createPdfParser(
      {
        data: file.bytes.slice(),
        verbosity: 0,
        isEvalSupported: false,
        maxImageSize: context.limits.maxImagePixels,
        useSystemFonts: false,
      },
      newPdfParser,
    );
    // Once the time is up, work still running in pdfjs must not add anything more: the
    // file is already reported as timed out.
    let open = true;
    const stopped: ExtractContext = {
      limits: context.limits,
      depth: context.depth,
      signal: context.signal,
      deadline: context.deadline,
      addSegment: (segment) => open && context.addSegment(segment),
      addUnscannable: (...args) => open && context.addUnscannable(...args),
      nested: async (inner) => (open ? context.nested(inner) : undefined),
    };
    try {
      const ms = Math.min(context.limits.attachmentTimeoutMs, timeLeft(context));
      await withTimeout(readPdf(parser, file, stopped), ms);
    } catch (error) {
      const reason = failureReason(error);
      const detail = {
        encrypted: 'the PDF needs a password',
        malformed: 'pdfjs rejected the file',
        timeout: 'the PDF ran past its time',
      }[reason];
      context.addUnscannable(file.location, reason, detail);
    } finally {
      open = false;
      await parser.destroy().catch(() => {});
    }
  },
};
