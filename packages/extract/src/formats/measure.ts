import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatExtractors } from './index.js';
import { closeOcr } from './ocr.js';
import { collect } from './test-context.js';

/**
 * Runs every reader over a folder of real files and prints, per type, the files read, the
 * unscannable reasons and the time taken, plus time per PDF page. Used for the numbers in
 * docs/extraction.md ("Measured speed"); it prints counts and timings, never content.
 *
 *   pnpm tsx packages/extract/src/formats/measure.ts /work/shared/corpora
 */

const EXTENSIONS: Readonly<Record<string, string>> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  xml: 'xml',
  png: 'png',
  jpg: 'jpeg',
  tif: 'tiff',
  webp: 'webp',
};

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Reads every known file under `folder`; returns per-type totals. */
export async function measureFolder(folder: string, limits = {}) {
  const totals = new Map<string, { files: number; ms: number; pages: number; reasons: string[] }>();
  for (const path of filesUnder(folder)) {
    const type = EXTENSIONS[path.split('.').pop()?.toLowerCase() ?? ''];
    const reader = formatExtractors.find((r) => type !== undefined && r.types.includes(type));
    if (type === undefined || reader === undefined) continue;
    const run = collect(limits, formatExtractors);
    const started = performance.now();
    await reader.extract({ bytes: readFileSync(path), location: path }, run.context);
    const ms = performance.now() - started;
    const total = totals.get(type) ?? { files: 0, ms: 0, pages: 0, reasons: [] };
    const pages = run.segments.reduce(
      (sum, s) => sum + (s.regions?.filter((r) => r.location.includes('#page=')).length ?? 0),
      0,
    );
    totals.set(type, {
      files: total.files + 1,
      ms: total.ms + ms,
      pages: total.pages + pages,
      reasons: [...total.reasons, ...run.reasons()],
    });
  }
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2] ?? '.';
  const totals = await measureFolder(folder);
  for (const [type, total] of totals) {
    const reasons = total.reasons.reduce<Record<string, number>>((acc, reason) => {
      acc[reason] = (acc[reason] ?? 0) + 1;
      return acc;
    }, {});
    const perPage = total.pages > 0 ? ` ${(total.ms / total.pages).toFixed(1)} ms/text page` : '';
    const perFile = (total.ms / total.files).toFixed(1);
    console.log(`${type}: ${total.files} files, ${perFile} ms/file${perPage}`, reasons);
  }
  await closeOcr();
}
