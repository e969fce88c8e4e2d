/**
 * @phiguard/extract: turns mail messages and files into located text segments, and says
 * what it could not read. This file is the package's public face; other modules are private.
 */

export { UnscannableError } from './errors.js';
export {
  type AddressInput,
  extractFile,
  extractMessage,
  type StructuredMessage,
} from './extract.js';
// The OCR worker pool of the image and PDF readers: `closeOcr` ends its workers so that a
// process can exit; `configureOcr` sizes the pool and, for fault-injection tests, sets how
// a worker is started (`startOcrWorker` is the default, a tesseract.js worker).
// `configurePdf` replaces the PDF reader's parser, for fault injection only.
export {
  closeOcr,
  configureOcr,
  configurePdf,
  type OcrEngine,
  type OcrEngineFactory,
  type PdfParserFactory,
  type PdfParserOptions,
  startOcrWorker,
} from './formats/index.js';
export { htmlToText } from './html.js';
export {
  DEFAULT_LIMITS,
  type Limits,
  type LimitsInput,
  limitsSchema,
  resolveLimits,
} from './limits.js';
export { type ExtractFileOptions, type ExtractOptions, ExtractOptionsError } from './options.js';
export { sniffType } from './sniff.js';
export {
  type Area,
  type AttachmentInfo,
  type ExtractContext,
  type Extraction,
  type FileExtractor,
  type FileInput,
  type Mailbox,
  type MessageHeaders,
  type Region,
  type Segment,
  UNSCANNABLE_REASONS,
  type Unscannable,
  type UnscannableReason,
} from './types.js';
