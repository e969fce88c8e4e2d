import type { FileExtractor } from '../types.js';

/** Readers for document, image and structured-data formats, by detected type. */
export const formatExtractors: readonly FileExtractor[] = [];
