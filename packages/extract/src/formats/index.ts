import type { FileExtractor } from '../types.js';
import { compoundExtractor } from './compound.js';
import { docxExtractor } from './docx.js';
import { fhirExtractor } from './fhir.js';
import { hl7v2Extractor } from './hl7v2.js';
import { imageExtractor } from './image.js';
import { pdfExtractor } from './pdf.js';
import { xlsxExtractor } from './xlsx.js';
import { xmlExtractor } from './xml.js';

/** Readers for document, image and structured-data formats, by detected type. */
export const formatExtractors: readonly FileExtractor[] = [
  pdfExtractor,
  docxExtractor,
  xlsxExtractor,
  imageExtractor,
  xmlExtractor,
  fhirExtractor,
  hl7v2Extractor,
  compoundExtractor,
];

export { type ImageSize, readImageSize } from './image-header.js';
export {
  closeOcr,
  configureOcr,
  type OcrEngine,
  type OcrEngineFactory,
  startWorker as startOcrWorker,
} from './ocr.js';
export { configurePdf, type PdfParserFactory, type PdfParserOptions } from './pdf.js';
