import type { PDFParse } from 'pdf-parse';
import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { timeLeft } from './budget.js';
import { SegmentBuilder } from './emit.js';
import { ocrWithinLimits } from './image.js';
import { type PdfContent, parserOptions, readDocument, renderPage } from './pdf-document.mjs';
import { PdfWorkerError, PdfWorkerSession, setPdfPoolSize } from './pdf-pool.js';

/**
 * PDF through pdf-parse (pdfjs), in a pooled worker thread (pdf-pool.ts) that is terminated
 * when the PDF's time runs out, so that a hostile PDF costs its time limit and no more CPU.
 * Each page's text layer, plus the text of its form fields and annotations, becomes one
 * region of the document's segment; pages with no text are rendered in the worker and
 * OCRed, each as its own segment. Files attached inside the PDF go back to the dispatcher.
 * Pages past `maxPages` are not read and are reported `too_many_pages`.
 */

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

let createPdfParser: PdfParserFactory | undefined;

/**
 * Sets how many PDF worker threads may run at once (`poolSize`, default 1, at most the
 * number of cores) and, for fault injection only, how the reader builds its parser.
 *
 * `createParser` exists for the hardening tests, which wrap the parser in one that throws
 * or hangs to check that the file ends `unscannable` and the decision fails closed. A
 * function cannot be sent to a worker thread, so a PDF read with an injected parser is read
 * on the main thread, where a timeout ends the wait but not pdfjs's work. Without
 * `createParser`, every PDF is read in a worker.
 */
export function configurePdf(options: {
  readonly createParser?: PdfParserFactory;
  readonly poolSize?: number;
}): void {
  setPdfPoolSize(options.poolSize ?? 1);
  createPdfParser = options.createParser;
}

/** Where one PDF is read: a pooled worker, or the main thread for an injected parser. */
interface PdfReading {
  /** Reads the pages and the attached files. */
  read(): Promise<PdfContent>;
  render(page: number): Promise<Uint8Array | undefined>;
  /** Releases the parser (and the worker) once the PDF is read. */
  close(): Promise<void>;
  /** Ends the reading now: the PDF ran past its time. */
  stop(): void;
}

/** `data` is moved to the worker, and detached here. */
function inWorker(data: Uint8Array, context: ExtractContext): PdfReading {
  const { maxPages, maxImagePixels } = context.limits;
  const session = new PdfWorkerSession();
  return {
    read: () => session.read(data, maxPages, maxImagePixels),
    render: (page) => session.render(page),
    close: () => session.close(),
    stop: () => session.stop(),
  };
}

/**
 * The main-thread path, for an injected parser only. The factory may throw from here.
 * pdf-parse is loaded here, not with this module: a process that reads no PDF, or reads
 * them in workers, does not pay for loading pdfjs.
 */
async function inMainThread(
  factory: PdfParserFactory,
  data: Uint8Array,
  context: ExtractContext,
): Promise<PdfReading> {
  const { PDFParse } = await import('pdf-parse');
  const { maxPages, maxImagePixels } = context.limits;
  const original = (options: PdfParserOptions): PDFParse => new PDFParse(options);
  const parser = factory(parserOptions(data, maxImagePixels), original);
  return {
    read: () => readDocument(parser, maxPages),
    render: (page) => renderPage(parser, page, maxImagePixels),
    close: () => parser.destroy().catch(() => {}),
    stop: () => void parser.destroy().catch(() => {}),
  };
}

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

type PdfFailure = 'encrypted' | 'malformed' | 'timeout' | 'too_large' | 'extractor_failed';

/** The reason a failure maps to: passwords are `encrypted`, other pdfjs errors `malformed`. */
function failureReason(error: unknown): PdfFailure {
  if (error instanceof PdfTimeoutError) return 'timeout';
  if (error instanceof PdfWorkerError) return error.outOfMemory ? 'too_large' : 'extractor_failed';
  if (error instanceof Error && error.name === 'PasswordException') return 'encrypted';
  return 'malformed';
}

const FAILURE_DETAIL: Readonly<Record<PdfFailure, string>> = {
  encrypted: 'the PDF needs a password',
  malformed: 'pdfjs rejected the file',
  timeout: 'the PDF ran past its time',
  too_large: 'the PDF needed more memory than its worker may use',
  extractor_failed: 'the PDF worker stopped',
};

async function readPdf(reading: PdfReading, file: FileInput, context: ExtractContext) {
  const content = await reading.read();
  const pages = content.pages.length;
  if (content.numPages > pages) {
    const detail = `read ${pages} of ${content.numPages} pages (maxPages)`;
    context.addUnscannable(file.location, 'too_many_pages', detail);
  }

  const builder = new SegmentBuilder();
  const blankPages: number[] = [];
  for (const [index, page] of content.pages.entries()) {
    // A page with no text layer is not clean: a scan reads as empty, and so does a damaged
    // stream. It is OCRed even when it carries annotations, which would otherwise hide it.
    if (page.layer === '') blankPages.push(index + 1);
    const text = [page.layer, ...page.extra].join('\n').trim();
    builder.add(text, `${file.location}#page=${index + 1}`);
  }
  builder.emit(context, file.location, 'pdf');

  for (const number of blankPages) await ocrPage(reading, number, file, context);
  // The worker goes back to the pool before attached files are read: a PDF inside this one
  // needs a worker of its own, and a pool of one would otherwise wait on itself.
  await reading.close();
  for (const [index, attachment] of content.attachments.entries()) {
    const name = attachment.filename ?? 'attachment';
    await context.nested({
      bytes: attachment.content,
      location: `${file.location}/part[${index}]:${name}`,
      filename: name,
    });
  }
}

async function ocrPage(
  reading: PdfReading,
  number: number,
  file: FileInput,
  context: ExtractContext,
): Promise<void> {
  const location = `${file.location}#page=${number}`;
  const image = await reading.render(number);
  if (image === undefined) {
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

/** Reads PDF text, form fields and annotations; OCRs pages that have no text layer. */
export const pdfExtractor: FileExtractor = {
  types: ['pdf'],
  async extract(file, context) {
    // pdfjs detaches the buffer it is given; a copy keeps the caller's bytes intact, and it
    // is moved to the worker rather than copied again.
    const data = file.bytes.slice();
    const reading =
      createPdfParser === undefined
        ? inWorker(data, context)
        : await inMainThread(createPdfParser, data, context);
    // Once the time is up, work still under way (OCR, or pdfjs on the main-thread path) must
    // not add anything more: the file is already reported as timed out.
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
      await withTimeout(readPdf(reading, file, stopped), ms);
    } catch (error) {
      // Fail closed: whatever stopped the reading, the file is reported unscannable, and on
      // a timeout the worker is terminated so the CPU it held is free for the next PDF.
      const reason = failureReason(error);
      if (reason === 'timeout') reading.stop();
      context.addUnscannable(file.location, reason, FAILURE_DETAIL[reason]);
    } finally {
      open = false;
      await reading.close();
    }
  },
};
