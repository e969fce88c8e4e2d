import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { takeOcrPage, timeLeft } from './budget.js';
import { emitSegment } from './emit.js';
import { readImageSize } from './image-header.js';
import { OcrTimeoutError, recognizeImage } from './ocr.js';

/**
 * Runs OCR on one image for `context`, within the input's OCR allowance and time. Returns
 * the text, or undefined after reporting why there is none: an image that was not read is
 * unscannable, never clean.
 */
export async function ocrWithinLimits(
  context: ExtractContext,
  image: Uint8Array,
  location: string,
): Promise<string | undefined> {
  if (!takeOcrPage(context)) {
    const max = context.limits.maxOcrPages;
    context.addUnscannable(location, 'ocr_limit', `the input's ${max} OCR pages are used up`);
    return undefined;
  }
  const timeoutMs = Math.min(context.limits.ocrTimeoutMs, timeLeft(context));
  if (timeoutMs <= 0) {
    context.addUnscannable(location, 'timeout', 'no time was left for OCR');
    return undefined;
  }
  try {
    return await recognizeImage(image, timeoutMs);
  } catch (error) {
    if (error instanceof OcrTimeoutError) {
      context.addUnscannable(location, 'ocr_limit', `OCR ran past ${timeoutMs} ms`);
    } else {
      context.addUnscannable(location, 'ocr_failed', 'tesseract could not read the image');
    }
    return undefined;
  }
}

/**
 * Checks an image's declared size before decoding it. Returns false after reporting
 * `too_large` (over `maxImagePixels`) or `malformed` (no readable header).
 */
export function imageFitsLimits(context: ExtractContext, file: FileInput): boolean {
  const size = readImageSize(file.bytes);
  if (size === undefined) {
    context.addUnscannable(file.location, 'malformed', 'the image header could not be read');
    return false;
  }
  const pixels = size.width * size.height;
  if (pixels === 0) {
    context.addUnscannable(file.location, 'malformed', 'the image declares zero pixels');
    return false;
  }
  if (pixels > context.limits.maxImagePixels) {
    const max = context.limits.maxImagePixels;
    const detail = `${size.format} of ${size.width}x${size.height} pixels is over maxImagePixels (${max})`;
    context.addUnscannable(file.location, 'too_large', detail);
    return false;
  }
  return true;
}

/**
 * Reads the text in PNG, JPEG, TIFF, GIF, BMP and WebP images by OCR. Only the first frame
 * of a multi-page TIFF or an animated GIF is read: tesseract.js decodes one frame.
 */
export const imageExtractor: FileExtractor = {
  types: ['png', 'jpeg', 'tiff', 'gif', 'bmp', 'webp'],
  async extract(file, context) {
    if (!imageFitsLimits(context, file)) return;
    const text = await ocrWithinLimits(context, file.bytes, file.location);
    // An image whose OCR finds nothing (a logo, a photo) was read; it holds no text.
    if (text === undefined || text.trim() === '') return;
    emitSegment(context, { location: file.location, area: 'attachment', text, via: 'ocr' });
  },
};
