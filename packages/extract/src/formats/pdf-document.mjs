// @ts-check

/**
 * What the PDF reader takes out of a pdf-parse parser: the text of each page, the text of
 * its form fields and annotations, the files attached inside, and a page rendered for OCR.
 * This file is JavaScript so that the PDF worker thread (pdf-worker.mjs) can load it as is,
 * from src under vitest and tsx and from dist after a build; pdf.ts uses the same functions
 * in the main thread when a test injects its own parser.
 */

/**
 * The parts of pdfjs that pdf-parse does not wrap, typed by the fields used here.
 * @typedef {object} PdfAnnotation
 * @property {string} [fieldName]
 * @property {unknown} [fieldValue]
 * @property {string} [alternativeText]
 * @property {{ str?: string }} [contentsObj]
 * @property {readonly string[]} [textContent]
 */
/**
 * @typedef {object} PdfPage
 * @property {(options?: { intent?: 'display' | 'print' | 'any' }) => Promise<PdfAnnotation[]>} getAnnotations
 * @property {(options: { scale: number }) => { width: number; height: number }} getViewport
 */
/**
 * @typedef {object} PdfDocument
 * @property {number} numPages
 * @property {(pageNumber: number) => Promise<PdfPage>} getPage
 * @property {() => Promise<Record<string, { filename?: string; content?: Uint8Array }> | null>} getAttachments
 */

/**
 * What one PDF holds, as the reader needs it.
 * @typedef {object} PdfContent
 * @property {number} numPages all pages of the document, read or not
 * @property {{ layer: string; extra: string[] }[]} pages text layer and field or annotation
 *   text of each page read, from page 1
 * @property {{ filename: string | undefined; content: Uint8Array }[]} attachments files
 *   attached inside the PDF, each in its own buffer
 */

/** Width of a rendered page in pixels: about 200 dpi for US Letter, enough for 10 pt text. */
const OCR_RENDER_WIDTH = 1700;

/**
 * Text of a page's form fields and annotations, labelled so context words still work.
 * @param {PdfPage} page
 * @returns {Promise<string[]>}
 */
async function annotationText(page) {
  const lines = [];
  // Intent `any`: the default (`display`) leaves out annotations flagged hidden or no-view,
  // and hiding a field is exactly how a value slips past a reviewer.
  for (const annotation of await page.getAnnotations({ intent: 'any' })) {
    const value = annotation.fieldValue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v) => typeof v === 'string' && v !== '' && v !== 'Off',
    );
    if (values.length > 0) lines.push(`${annotation.fieldName ?? 'Field'}: ${values.join(', ')}`);
    const contents = annotation.contentsObj?.str;
    if (contents) lines.push(contents);
    if (annotation.alternativeText) lines.push(annotation.alternativeText);
    if (annotation.textContent) lines.push(annotation.textContent.join(' '));
  }
  return lines;
}

/**
 * pdf-parse keeps the pdfjs document behind a private `load`; forms, annotations and
 * attachments are only reachable through it.
 * @param {import('pdf-parse').PDFParse} parser
 * @returns {Promise<PdfDocument>}
 */
function documentOf(parser) {
  return /** @type {{ load(): Promise<PdfDocument> }} */ (/** @type {unknown} */ (parser)).load();
}

/**
 * Reads the text of the first `maxPages` pages and the attached files.
 * @param {import('pdf-parse').PDFParse} parser
 * @param {number} maxPages
 * @returns {Promise<PdfContent>}
 */
export async function readDocument(parser, maxPages) {
  const doc = await documentOf(parser);
  const count = Math.min(doc.numPages, maxPages);
  const result = await parser.getText({ first: count });
  const pages = [];
  for (let number = 1; number <= count; number++) {
    const layer = result.getPageText(number).trim();
    pages.push({ layer, extra: await annotationText(await doc.getPage(number)) });
  }

  const attachments = [];
  for (const attachment of Object.values((await doc.getAttachments()) ?? {})) {
    if (attachment.content === undefined) continue;
    // A copy in its own buffer, so that it can be moved out of a worker without detaching
    // memory pdfjs still uses.
    attachments.push({ filename: attachment.filename, content: attachment.content.slice() });
  }
  return { numPages: doc.numPages, pages, attachments };
}

/**
 * Renders one page as PNG for OCR, inside `maxImagePixels` whatever size the page declares;
 * undefined when pdfjs drew nothing.
 * @param {import('pdf-parse').PDFParse} parser
 * @param {number} number
 * @param {number} maxImagePixels
 * @returns {Promise<Uint8Array | undefined>}
 */
export async function renderPage(parser, number, maxImagePixels) {
  const doc = await documentOf(parser);
  const viewport = (await doc.getPage(number)).getViewport({ scale: 1 });
  const wanted = OCR_RENDER_WIDTH / Math.max(viewport.width, 1);
  const fitting = Math.sqrt(maxImagePixels / (viewport.width * viewport.height));
  const shot = await parser.getScreenshot({
    partial: [number],
    scale: Math.min(wanted, fitting),
    imageBuffer: true,
    imageDataUrl: false,
  });
  const image = shot.pages[0]?.data;
  return image === undefined || image.length === 0 ? undefined : image;
}

/**
 * The options every parser gets; `data` is detached by pdfjs.
 * @param {Uint8Array} data
 * @param {number} maxImagePixels
 */
export function parserOptions(data, maxImagePixels) {
  return {
    data,
    verbosity: 0,
    isEvalSupported: false,
    maxImageSize: maxImagePixels,
    useSystemFonts: false,
  };
}
