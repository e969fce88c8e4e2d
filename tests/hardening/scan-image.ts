import { createRequire } from 'node:module';

/**
 * Renders a line of text as a scanned-looking PNG: grey ink on an off-white page, turned by a
 * few degrees. The canvas is the one pdf-parse already ships (@napi-rs/canvas), reached
 * through pdf-parse's own dependencies, so the suite adds no package.
 */

interface Canvas {
  getContext(kind: '2d'): {
    fillStyle: string;
    font: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    fillText(text: string, x: number, y: number): void;
    translate(x: number, y: number): void;
    rotate(radians: number): void;
  };
  encode(format: 'png'): Promise<Buffer>;
}

const fromExtract = createRequire(new URL('../../packages/extract/package.json', import.meta.url));
const fromPdfParse = createRequire(fromExtract.resolve('pdf-parse'));
const { createCanvas } = fromPdfParse('@napi-rs/canvas') as {
  createCanvas(width: number, height: number): Canvas;
};

export async function renderScan(
  text: string,
  options: { angleDegrees: number; ink: number; width?: number; height?: number },
): Promise<Buffer> {
  const width = options.width ?? 1200;
  const height = options.height ?? 300;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  // Low contrast: the page is light grey and the ink a middle grey.
  context.fillStyle = 'rgb(225,225,225)';
  context.fillRect(0, 0, width, height);
  context.translate(60, 120);
  context.rotate((options.angleDegrees * Math.PI) / 180);
  context.fillStyle = `rgb(${options.ink},${options.ink},${options.ink})`;
  context.font = '48px DejaVu Sans';
  context.fillText(text, 0, 0);
  return canvas.encode('png');
}
