import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, fixture } from './fixtures.js';
import { imageExtractor } from './image.js';
import { readImageSize } from './image-header.js';
import { closeOcr, configureOcr, recognizeImage } from './ocr.js';
import { collect } from './test-context.js';

afterAll(closeOcr);

// OCR takes about a second per image on an idle core; the ceiling leaves room for a busy CI.
const OCR_CEILING = { timeout: 90_000 };

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Share of the expected words found, each found word used once. */
function wordRecall(expected: string, actual: string): number {
  const pool = new Map<string, number>();
  for (const word of words(actual)) pool.set(word, (pool.get(word) ?? 0) + 1);
  const wanted = words(expected);
  let found = 0;
  for (const word of wanted) {
    const left = pool.get(word) ?? 0;
    if (left > 0) {
      found += 1;
      pool.set(word, left - 1);
    }
  }
  return found / wanted.length;
}

describe('imageExtractor', OCR_CEILING, () => {
  it('reads at least 95% of the words of phototest.tif', async () => {
    const run = collect();
    await imageExtractor.extract(fixture('ocr/phototest.tif'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.segments[0]).toMatchObject({ via: 'ocr', location: 'attachment[0]:phototest.tif' });
    const expected = readFileSync(`${FIXTURES}ocr/phototest.txt`, 'utf8');
    expect(wordRecall(expected, run.text())).toBeGreaterThanOrEqual(0.95);
  });

  it('reads JPEG and WebP renderings of the same page', async () => {
    for (const name of ['phototest.derived.jpg', 'phototest.derived.webp']) {
      const run = collect();
      await imageExtractor.extract(fixture(`ocr/${name}`), run.context);
      expect(run.text()).toContain('quick brown dog');
    }
  });

  it('rejects an image declaring more pixels than maxImagePixels before decoding it', async () => {
    const run = collect({ maxImagePixels: 100_000 });
    await imageExtractor.extract(fixture('ocr/phototest.derived.png'), run.context);
    expect(run.segments).toEqual([]);
    expect(run.unscannable).toEqual([
      {
        location: 'attachment[0]:phototest.derived.png',
        reason: 'too_large',
        detail: 'png of 640x480 pixels is over maxImagePixels (100000)',
      },
    ]);
  });

  it('rejects a PNG that declares 100,000 x 100,000 pixels', async () => {
    const real = fixture('ocr/phototest.derived.png');
    const bytes = real.bytes.slice();
    const view = new DataView(bytes.buffer);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    const run = collect();
    await imageExtractor.extract({ ...real, bytes }, run.context);
    expect(run.reasons()).toEqual(['too_large']);
  });

  it('reports an image past the OCR allowance as ocr_limit', async () => {
    const run = collect({ maxOcrPages: 0 });
    await imageExtractor.extract(fixture('ocr/phototest.tif'), run.context);
    expect(run.reasons()).toEqual(['ocr_limit']);
  });

  it('reports bytes without an image header as malformed', async () => {
    const run = collect();
    const bytes = new TextEncoder().encode('GIF89a');
    await imageExtractor.extract({ bytes, location: 'attachment[0]:x.gif' }, run.context);
    expect(run.reasons()).toEqual(['malformed']);
  });

  it('reports a truncated image as ocr_failed', async () => {
    const whole = fixture('ocr/phototest.derived.png');
    const run = collect();
    await imageExtractor.extract({ ...whole, bytes: whole.bytes.slice(0, 2000) }, run.context);
    expect(run.reasons()).toEqual(['ocr_failed']);
  });
});

describe('recognizeImage', OCR_CEILING, () => {
  it('ends a job past its time and replaces the worker', async () => {
    const image = fixture('ocr/phototest.tif').bytes;
    await expect(recognizeImage(image, 1)).rejects.toMatchObject({ name: 'OcrTimeoutError' });
    // The next job gets a fresh worker, as after any failed job.
    expect(await recognizeImage(image, 30_000)).toContain('quick brown dog');
  });
});

describe('configureOcr', () => {
  it('accepts 1 up to the core count and rejects the rest', () => {
    expect(() => configureOcr({ poolSize: 0 })).toThrow(RangeError);
    expect(() => configureOcr({ poolSize: 1.5 })).toThrow(RangeError);
    expect(() => configureOcr({ poolSize: 10_000 })).toThrow(RangeError);
    configureOcr({ poolSize: 1 });
  });
});

describe('readImageSize', () => {
  // Each header is built by hand to the format's layout; why each one matters is beside it.
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x01,
    0x00, 0, 0, 0x00, 0x80,
  ]);
  const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x10, 0x27, 0x20, 0x4e, 0, 0]);
  const bmp = new Uint8Array(30);
  new DataView(bmp.buffer).setUint16(0, 0x424d);
  new DataView(bmp.buffer).setUint32(14, 40, true);
  new DataView(bmp.buffer).setInt32(18, 3000, true);
  // A negative height marks a top-down bitmap; its size is the magnitude.
  new DataView(bmp.buffer).setInt32(22, -2000, true);
  const jpeg = Uint8Array.from([
    0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc2, 0, 11, 8, 0x01, 0x2c, 0x02, 0x58, 3, 0, 0,
  ]);
  const tiff = new Uint8Array(8 + 2 + 24);
  const t = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 0x2a, 0]);
  t.setUint32(4, 8, true);
  t.setUint16(8, 2, true);
  // ImageWidth as SHORT, ImageLength as LONG: both field types occur in real files.
  t.setUint16(10, 256, true);
  t.setUint16(12, 3, true);
  t.setUint16(18, 1700, true);
  t.setUint16(22, 257, true);
  t.setUint16(24, 4, true);
  t.setUint32(30, 2200, true);

  it.each([
    ['png', png, { format: 'png', width: 256, height: 128 }],
    ['gif', gif, { format: 'gif', width: 10_000, height: 20_000 }],
    ['bmp', bmp, { format: 'bmp', width: 3000, height: 2000 }],
    // A progressive (SOF2) frame, after an APP0 segment.
    ['jpeg', jpeg, { format: 'jpeg', width: 600, height: 300 }],
    ['tiff', tiff, { format: 'tiff', width: 1700, height: 2200 }],
  ])('reads the declared size of a %s header', (_, bytes, size) => {
    expect(readImageSize(bytes)).toEqual(size);
  });

  it('reads the real fixtures', () => {
    const size = { width: 640, height: 480 };
    expect(readImageSize(fixture('ocr/phototest.derived.jpg').bytes)).toMatchObject(size);
    expect(readImageSize(fixture('ocr/phototest.derived.webp').bytes)).toMatchObject(size);
    expect(readImageSize(fixture('ocr/phototest.tif').bytes)).toMatchObject({ format: 'tiff' });
  });
});
