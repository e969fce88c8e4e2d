import { afterAll, describe, expect, it } from 'vitest';
import type { FileInput } from '../types.js';
import { fixture } from './fixtures.js';
import { closeOcr } from './ocr.js';
import { pdfExtractor } from './pdf.js';
import { closePdfWorkers, pdfWorkerCount } from './pdf-pool.js';
import { collect } from './test-context.js';
import { busyPdf } from './test-pdf.js';

afterAll(async () => {
  await closeOcr();
  await closePdfWorkers();
});

/** Milliseconds of CPU the whole process (every thread) uses over the next `ms`. */
async function cpuOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

// Rendering and OCR of a page take a few seconds; the ceiling leaves room for a busy CI.
const OCR_CEILING = { timeout: 90_000 };

describe('pdfExtractor', OCR_CEILING, () => {
  it('reads the text layer as one segment with a region per page', async () => {
    const run = collect();
    await pdfExtractor.extract(fixture('pdf/pdflatex-4-pages.pdf'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.segments).toHaveLength(1);
    const [segment] = run.segments;
    expect(segment?.via).toBe('pdf');
    expect(segment?.regions?.map((r) => r.location)).toEqual(
      [1, 2, 3, 4].map((n) => `attachment[0]:pdflatex-4-pages.pdf#page=${n}`),
    );
    // Each region covers its own page's text, in order, without overlap.
    const regions = segment?.regions ?? [];
    for (const [i, region] of regions.entries()) {
      expect(region.end).toBeGreaterThan(region.start);
      if (i > 0) expect(region.start).toBeGreaterThan(regions[i - 1]?.end ?? 0);
    }
  });

  it('reads up to maxPages and reports the rest as too_many_pages', async () => {
    const run = collect({ maxPages: 2 });
    await pdfExtractor.extract(fixture('pdf/pdflatex-4-pages.pdf'), run.context);
    expect(run.segments[0]?.regions).toHaveLength(2);
    expect(run.reasons()).toEqual(['too_many_pages']);
  });

  it('reports a PDF that needs a password as encrypted', async () => {
    for (const name of ['libreoffice-writer-password.pdf', 'r6-user-password.pdf']) {
      const run = collect();
      await pdfExtractor.extract(fixture(`pdf/${name}`), run.context);
      expect(run.segments).toEqual([]);
      expect(run.reasons()).toEqual(['encrypted']);
    }
  });

  it('reads a PDF encrypted with an empty user password instead of calling it opaque', async () => {
    const run = collect();
    await pdfExtractor.extract(fixture('pdf/r2-empty-password.pdf'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.text()).toContain('encryption');
  });

  it('reports truncated and non-PDF bytes as malformed', async () => {
    const whole = fixture('pdf/minimal-document.pdf');
    const truncated = { ...whole, bytes: whole.bytes.slice(0, 400) };
    const garbage = { ...whole, bytes: new TextEncoder().encode('%PDF-1.7\nnot really\n') };
    for (const file of [truncated, garbage]) {
      const run = collect();
      await pdfExtractor.extract(file, run.context);
      expect(run.segments).toEqual([]);
      expect(run.reasons()).toEqual(['malformed']);
    }
  });

  it('leaves the bytes it was given intact', async () => {
    const file = fixture('pdf/minimal-document.pdf');
    const before = file.bytes.length;
    await pdfExtractor.extract(file, collect().context);
    expect(file.bytes.length).toBe(before);
  });

  it('reads annotation comments, where PHI can hide outside the text layer', async () => {
    const run = collect();
    await pdfExtractor.extract(fixture('pdf/annotated_pdf.pdf'), run.context);
    const text = run.text();
    expect(text).toContain('This is a text annotation.');
    expect(text).toContain('Highlight comment');
    expect(text).toContain('Hello world!');
  });

  it('reads filled form fields with their field names', async () => {
    const run = collect();
    await pdfExtractor.extract(fixture('pdf/libreoffice-form.pdf'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.text()).toMatch(/\w+: \S/);
  });

  it('hands files attached inside the PDF back to the dispatcher', async () => {
    // No readers are given, so the image is only handed on, not OCRed.
    const run = collect();
    await pdfExtractor.extract(fixture('pdf/with-attachment.pdf'), run.context);
    expect(run.nested.map((f) => f.location)).toEqual([
      'attachment[0]:with-attachment.pdf/part[0]:image.png',
    ]);
  });

  it('OCRs a scanned page that has no text layer', async () => {
    const run = collect();
    await pdfExtractor.extract(fixture('ocr/phototest-scan.derived.pdf'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.segments).toHaveLength(1);
    expect(run.segments[0]).toMatchObject({
      via: 'ocr',
      location: 'attachment[0]:phototest-scan.derived.pdf#page=1',
    });
    expect(run.text()).toContain('quick brown dog');
  });

  it('still OCRs a scanned page that carries an annotation', async () => {
    const run = collect();
    await pdfExtractor.extract(fixture('ocr/phototest-scan-annotated.derived.pdf'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.segments.map((s) => [s.via, s.text.includes('quick brown dog')])).toEqual([
      ['pdf', false],
      ['ocr', true],
    ]);
    expect(run.segments[0]?.text).toBe('Reviewed');
  });

  it('reports a scanned page as ocr_limit, never as clean, when OCR is not allowed', async () => {
    const run = collect({ maxOcrPages: 0 });
    await pdfExtractor.extract(fixture('ocr/phototest-scan.derived.pdf'), run.context);
    expect(run.segments).toEqual([]);
    expect(run.unscannable).toEqual([
      {
        location: 'attachment[0]:phototest-scan.derived.pdf#page=1',
        reason: 'ocr_limit',
        detail: "the input's 0 OCR pages are used up",
      },
    ]);
  });

  it('stops the work of a PDF that runs past its time, not only the wait', async () => {
    // About 4 s of pdfjs work on one page, against a limit of 0.3 s.
    const busy: FileInput = { bytes: busyPdf(600_000), location: 'attachment[0]:busy.pdf' };
    const run = collect({ attachmentTimeoutMs: 300 });
    const started = Date.now();
    await pdfExtractor.extract(busy, run.context);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(run.segments).toEqual([]);
    expect(run.reasons()).toEqual(['timeout']);

    // The worker was terminated, not left parsing: no PDF worker is alive and the process
    // is close to idle. A parser still running would use about 500 ms of CPU here.
    expect(pdfWorkerCount()).toBe(0);
    expect(await cpuOver(500)).toBeLessThan(150);

    // The next PDF gets a fresh worker, which then waits in the pool for the one after.
    const next = collect();
    await pdfExtractor.extract(fixture('pdf/pdflatex-4-pages.pdf'), next.context);
    expect(next.unscannable).toEqual([]);
    expect(next.segments[0]?.regions).toHaveLength(4);
    expect(pdfWorkerCount()).toBe(1);
  });

  it('reads PDFs given at the same time one after another on a pool of one', async () => {
    const runs = [collect(), collect(), collect()];
    await Promise.all(
      runs.map((run) => pdfExtractor.extract(fixture('pdf/pdflatex-4-pages.pdf'), run.context)),
    );
    for (const run of runs) {
      expect(run.unscannable).toEqual([]);
      expect(run.segments[0]?.regions).toHaveLength(4);
    }
    expect(pdfWorkerCount()).toBe(1);
  });
});
