/**
 * Reads an image's declared width and height from its header, without decoding pixels. A
 * file declaring 100,000 × 100,000 pixels would take tens of gigabytes to decode, so the
 * size is checked against `maxImagePixels` before anything else touches the image.
 */
export interface ImageSize {
  readonly format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff' | 'webp';
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** The declared size of a PNG, JPEG, GIF, BMP, TIFF or WebP, or undefined if unreadable. */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, PNG_SIGNATURE)) return readPng(view);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes, view);
  const magic = ascii(bytes, 0, 4);
  if (magic === 'GIF8' && bytes.length >= 10) {
    // GIF: the logical screen size follows the six-byte signature, little-endian.
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (magic.startsWith('BM') && bytes.length >= 26) return readBmp(view);
  if (magic === 'II*\0' || magic === 'MM\0*') return readTiff(view, magic === 'II*\0');
  if (magic === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes, view);
  return undefined;
}

function readPng(view: DataView): ImageSize | undefined {
  // The first chunk must be IHDR: width and height at offsets 16 and 20, big-endian.
  if (view.byteLength < 24) return undefined;
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

function readBmp(view: DataView): ImageSize | undefined {
  const headerSize = view.getUint32(14, true);
  // The 12-byte OS/2 header stores 16-bit sizes; every later header stores 32-bit ones.
  if (headerSize === 12) {
    return { format: 'bmp', width: view.getUint16(18, true), height: view.getUint16(20, true) };
  }
  // A negative height means rows run top-down; the size is its magnitude.
  const width = Math.abs(view.getInt32(18, true));
  const height = Math.abs(view.getInt32(22, true));
  return { format: 'bmp', width, height };
}

function readJpeg(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes (0xFF) may precede a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return { format: 'jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

// TIFF tags that hold the image size, and the field types they may use.
const TIFF_IMAGE_WIDTH = 256;
const TIFF_IMAGE_LENGTH = 257;
const TIFF_SHORT = 3;

function readTiff(view: DataView, little: boolean): ImageSize | undefined {
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > view.byteLength) return undefined;
  const count = view.getUint16(ifd, little);
  let width: number | undefined;
  let height: number | undefined;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > view.byteLength) return undefined;
    const tag = view.getUint16(entry, little);
    const type = view.getUint16(entry + 2, little);
    const value =
      type === TIFF_SHORT ? view.getUint16(entry + 8, little) : view.getUint32(entry + 8, little);
    if (tag === TIFF_IMAGE_WIDTH) width = value;
    if (tag === TIFF_IMAGE_LENGTH) height = value;
  }
  if (width === undefined || height === undefined) return undefined;
  return { format: 'tiff', width, height };
}

function readWebp(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    // Extended format: 24-bit canvas size minus one, little-endian.
    const width = 1 + ((bytes[24] ?? 0) | ((bytes[25] ?? 0) << 8) | ((bytes[26] ?? 0) << 16));
    const height = 1 + ((bytes[27] ?? 0) | ((bytes[28] ?? 0) << 8) | ((bytes[29] ?? 0) << 16));
    return { format: 'webp', width, height };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    // Lossless: 14-bit width and height minus one, packed after the 0x2F signature byte.
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    // Lossy: 14-bit sizes after the three-byte frame tag and the start code.
    const width = view.getUint16(26, true) & 0x3fff;
    const height = view.getUint16(28, true) & 0x3fff;
    return { format: 'webp', width, height };
  }
  return undefined;
}
