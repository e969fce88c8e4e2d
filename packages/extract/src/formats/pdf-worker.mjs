// @ts-check
import { parentPort } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';
import { parserOptions, readDocument, renderPage } from './pdf-document.mjs';

/**
 * The PDF worker thread. pdfjs does not yield while it parses a page, so a hostile PDF can
 * hold a core for as long as it likes; here it holds only this thread, which the pool in
 * pdf-pool.ts terminates when the PDF's time runs out. One PDF at a time, one request at a
 * time:
 *
 *   open   {data, maxPages, maxImagePixels} -> read {content} | failed {name}
 *   render {page}                           -> rendered {image} | failed {name}
 *   close                                   -> closed
 *
 * A failure is sent as the error's class name only (`PasswordException`, `InvalidPDFException`):
 * a message from pdfjs can quote bytes of the file, and those stay here.
 */

if (parentPort === null) throw new Error('pdf-worker.mjs runs only as a worker thread');
const port = parentPort;

/** @type {PDFParse | undefined} */
let parser;
let maxImagePixels = 0;

/** @param {unknown} error */
const nameOf = (error) => (error instanceof Error ? error.name : 'Error');

port.on('message', async (request) => {
  try {
    if (request.kind === 'open') {
      maxImagePixels = request.maxImagePixels;
      parser = new PDFParse(parserOptions(request.data, maxImagePixels));
      const content = await readDocument(parser, request.maxPages);
      // Each attachment was copied into a buffer of its own (pdf-document.mjs), so it can move.
      const buffers = content.attachments.map((a) => /** @type {ArrayBuffer} */ (a.content.buffer));
      port.postMessage({ kind: 'read', content }, buffers);
    } else if (request.kind === 'render') {
      if (parser === undefined) throw new Error('no PDF is open');
      const rendered = await renderPage(parser, request.page, maxImagePixels);
      // The canvas hands back a Buffer that may share its memory; a copy of its own can move.
      const image = rendered && new Uint8Array(rendered);
      port.postMessage({ kind: 'rendered', image }, image ? [image.buffer] : []);
    } else {
      await parser?.destroy().catch(() => {});
      parser = undefined;
      port.postMessage({ kind: 'closed' });
    }
  } catch (error) {
    port.postMessage({ kind: 'failed', name: nameOf(error) });
  }
});
