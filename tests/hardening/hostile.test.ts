import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { busyPdf } from '../../packages/extract/src/formats/test-pdf.js';
import {
  createScanner,
  type Inspection,
  loadPolicy,
  PolicyError,
} from '../../packages/phiguard/src/index.js';
import { scannerDetectors } from '../../packages/rules/src/index.js';
import {
  buildMail,
  docx,
  GOLD,
  hardenedGuard,
  pdf,
  singlePart,
  summary,
  textPdf,
  wPara,
  xlsx,
  zip,
} from './helpers.js';

// Hostile input: every case must end quickly, in bounded memory, with the unreadable part
// reported as `unscannable` with a reason code and a decision that is not `allow`. The time
// bounds below are hang guards (generous test timeouts), not performance assertions.

const guard = hardenedGuard();
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const CORPUS = '/work/shared/corpora/adversarial-archives-zipper/files/';
const fixture = (path: string) => readFileSync(`${FIXTURES}${path}`);
const MB = 1024 * 1024;

const attach = (filename: string, contentType: string, bytes: Uint8Array | string) =>
  guard.inspectMessage(
    buildMail({ text: 'see attached', attachments: [{ filename, contentType, bytes }] }),
  );

function expectUnscannable(inspection: Inspection, reasons: readonly string[]) {
  const seen = inspection.unscannable.map((u) => u.reason);
  expect(
    seen.some((r) => reasons.includes(r)),
    JSON.stringify(summary(inspection)),
  ).toBe(true);
  expect(inspection.decision.action).not.toBe('allow');
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / MB);
}

describe('hostile archives', () => {
  it.each([
    // why: 42.zip is the classic recursive bomb; its entries are encrypted with password 42.
    ['42.zip', ['encrypted', 'compression_ratio', 'too_deep', 'decompression_limit']],
    // why: zbsm.zip overlaps every entry on one deflate stream (Fifield's overlapping bomb).
    ['zbsm.zip', ['compression_ratio', 'decompression_limit']],
  ])('stops %s with a reason and bounded memory', async (name, reasons) => {
    const before = rssMb();
    const inspection = await attach(name, 'application/zip', readFileSync(`${CORPUS}${name}`));
    expectUnscannable(inspection, reasons);
    expect(rssMb() - before).toBeLessThan(512);
  });

  it('stops a ZIP nested deeper than maxDepth as too_deep', async () => {
    let archive: Buffer = zip([['notes.txt', `SSN ${GOLD.ssn}`]]);
    for (let level = 0; level < 12; level++) archive = zip([[`level${level}.zip`, archive]]);
    expectUnscannable(await attach('deep.zip', 'application/zip', archive), ['too_deep']);
  });

  it('stops an entry whose inflation ratio is a bomb as compression_ratio', async () => {
    const bomb = zip([['zeros.txt', Buffer.alloc(40 * MB)]]);
    expect(bomb.length).toBeLessThan(100_000);
    expectUnscannable(await attach('zeros.zip', 'application/zip', bomb), [
      'compression_ratio',
      'decompression_limit',
      'too_large',
    ]);
  });
});

describe('hostile markup and structure', () => {
  it('does not expand billion-laughs XML entities', async () => {
    const entities = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 10; i++) {
      entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    }
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]><lolz>&lol9;</lolz>`;
    const before = rssMb();
    const inspection = await attach('lolz.xml', 'text/xml', xml);
    // Either the reader refuses the document or reads it unexpanded; never a billion lols.
    const total = inspection.segments.reduce((sum, s) => sum + s.length, 0);
    expect(total).toBeLessThan(1 * MB);
    expect(rssMb() - before).toBeLessThan(256);
  });

  it('stops MIME nested 200 levels deep as too_deep', async () => {
    let body = `Content-Type: text/plain\r\n\r\nSSN ${GOLD.ssn}\r\n`;
    for (let level = 0; level < 200; level++) {
      const b = `b${level}`;
      body = `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n${body}--${b}--\r\n`;
    }
    const raw = `From: sender@example-hospital.org\r\nTo: x@partner-clinic.test\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}`;
    const inspection = await guard.inspectMessage(raw);
    expect(inspection.decision.action).not.toBe('allow');
  });

  it('reads JSON nested 100,000 levels deep without a stack overflow', async () => {
    const json = `${'['.repeat(100_000)}"${GOLD.ssn}"${']'.repeat(100_000)}`;
    const inspection = await attach('deep.json', 'application/json', json);
    expect(inspection.decision.action).not.toBe('allow');
  });

  it('stops a message with a million parts as too_many_parts, in bounded memory', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(`--p\r\n\r\npart ${i}\r\n`);
    const raw = singlePart(
      ['Content-Type: multipart/mixed; boundary="p"'],
      `${parts.join('')}--p--\r\n`,
    );
    parts.length = 0;
    const before = rssMb();
    expectUnscannable(await guard.inspectMessage(raw), ['too_many_parts']);
    console.info(
      `1,000,000 parts (${Math.round(raw.length / MB)} MB): RSS ${before} MB -> ${rssMb()} MB`,
    );
    // The parts are never parsed one by one (the raw text is scanned instead), so memory
    // follows the size of the text, not the part count.
    expect(rssMb() - before).toBeLessThan(800);
  }, 120_000);

  it('stops a 100 MB single line as too_large with bounded memory', async () => {
    const before = rssMb();
    const line = Buffer.alloc(100 * MB, 'a');
    const head = Buffer.from(singlePart(['Content-Type: text/plain'], ''));
    const inspection = await guard.inspectMessage(Buffer.concat([head, line]));
    expectUnscannable(inspection, ['too_large']);
    const growth = rssMb() - before;
    console.info(`100 MB single line: RSS ${before} MB -> ${rssMb()} MB`);
    // The input itself is 100 MB; a copy or two is fine, a string blow-up is not.
    expect(growth).toBeLessThan(800);
  }, 60_000);

  it('scans a 20 MB single line within the input limit and still finds the SSN at its end', async () => {
    const before = rssMb();
    const filler = 'lorem ipsum '.repeat((20 * MB) / 12);
    const raw = singlePart(['Content-Type: text/plain'], `${filler} SSN: ${GOLD.ssn}`);
    const inspection = await guard.inspectMessage(raw);
    console.info(`20 MB single line: RSS ${before} MB -> ${rssMb()} MB`);
    expect(inspection.findings.some((f) => f.class === 'ssn')).toBe(true);
    expect(inspection.decision.action).not.toBe('allow');
  }, 120_000);

  it('does not allow a base64 body that is not base64', async () => {
    const raw = singlePart(
      ['Content-Type: application/pdf; name="x.pdf"', 'Content-Transfer-Encoding: base64'],
      '%%%% not base64 !!!! ====\r\n@@@@\r\n',
    );
    const inspection = await guard.inspectMessage(raw);
    expectUnscannable(inspection, ['malformed']);
    expect(inspection.unscannable[0]?.location).toBe('attachment[0]:*.pdf');
  });

  it('scans the raw text of a part declared base64 that holds plain text', async () => {
    // The parser drops every character outside the base64 alphabet, so decoded, this part is
    // a few bytes of noise; its text is what a client that shows it raw would show.
    const boundary = 'b64-mixed';
    const raw = singlePart(
      [`Content-Type: multipart/mixed; boundary="${boundary}"`],
      [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'see attached',
        `--${boundary}`,
        'Content-Type: text/plain; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        `Patient SSN: ${GOLD.ssn}`,
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const inspection = await guard.inspectMessage(raw);
    expectUnscannable(inspection, ['malformed']);
    const ssn = inspection.findings.find((f) => f.class === 'ssn');
    expect(ssn?.location, JSON.stringify(summary(inspection))).toBe('attachment[0]:*.txt');
  });
});

describe('hostile documents', () => {
  it('stops a PDF whose page tree points back at itself', async () => {
    const looping = pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
      '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>',
    ]);
    expectUnscannable(await attach('loop.pdf', 'application/pdf', looping), [
      'malformed',
      'extractor_failed',
      'no_text',
    ]);
  });

  it('stops a PDF that declares a million pages as too_many_pages or malformed', async () => {
    const kids = Array.from({ length: 600 }, () => '3 0 R').join(' ');
    const huge = pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids}] /Count 1000000 >>`,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    ]);
    expectUnscannable(await attach('huge.pdf', 'application/pdf', huge), [
      'too_many_pages',
      'malformed',
      'no_text',
      'ocr_limit',
    ]);
  }, 60_000);

  it('stops the work of a PDF that keeps pdfjs busy, not only the wait', async () => {
    // One page showing a character 600,000 times: about 4 s of pdfjs work, which does not
    // yield inside a page, against a limit of 0.5 s.
    const busy = busyPdf(600_000);
    const short = hardenedGuard({ limits: { attachmentTimeoutMs: 500 } });
    const started = Date.now();
    const inspection = await short.inspectFile(busy, { filename: 'busy.pdf' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expectUnscannable(inspection, ['timeout']);

    // Once decided, the process is close to idle: the PDF's worker thread was terminated.
    // A parser left running would use about 500 ms of CPU in these 500 ms.
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(150);

    // The next PDF is read normally, in a fresh worker.
    const next = await short.inspectFile(textPdf('Lunch at noon.'), { filename: 'lunch.pdf' });
    expect(next.unscannable, JSON.stringify(summary(next))).toEqual([]);
  });

  it('does not decode a PNG that declares 100,000 x 100,000 pixels', async () => {
    const png = Buffer.from(readFileSync(`${FIXTURES}ocr/phototest.derived.png`));
    // IHDR width and height sit at bytes 16..23; the CRC is left wrong on purpose too.
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    expectUnscannable(await attach('huge.png', 'image/png', png), [
      'too_large',
      'ocr_limit',
      'malformed',
      'ocr_failed',
    ]);
  });
});

/** One real or built sample of every type phiguard reads, cut in half. */
const TRUNCATABLE: Array<[string, string, () => Uint8Array]> = [
  ['pdf', 'application/pdf', () => fixture('pdf/pdflatex-4-pages.pdf')],
  [
    'docx',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    () => docx({ body: wPara(`SSN ${GOLD.ssn} ${'padding '.repeat(2000)}`) }),
  ],
  [
    'xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    () =>
      xlsx([{ name: 'S', rows: Array.from({ length: 400 }, (_, i) => [`row ${i}`, GOLD.ssn]) }]),
  ],
  [
    'zip',
    'application/zip',
    () =>
      zip([
        ['a.txt', `SSN ${GOLD.ssn}\n`.repeat(2000)],
        ['b.txt', 'more text '.repeat(4000)],
      ]),
  ],
  ['png', 'image/png', () => fixture('ocr/phototest.derived.png')],
  ['jpg', 'image/jpeg', () => fixture('ocr/phototest.derived.jpg')],
  ['tif', 'image/tiff', () => fixture('ocr/phototest.tif')],
  [
    'gz',
    'application/gzip',
    () =>
      Buffer.concat([
        Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
        deflateRawSync(`SSN ${GOLD.ssn}\n`.repeat(3000)),
      ]),
  ],
  ['pdf-form', 'application/pdf', () => textPdf(`SSN ${GOLD.ssn}`)],
  ['webp', 'image/webp', () => fixture('ocr/phototest.derived.webp')],
  ['tnef', 'application/ms-tnef', () => fixture('tnef/examples/body.tnef')],
  ['xml', 'application/xml', () => fixture('cda/Progress_Note.xml')],
];

describe('truncated files', () => {
  it.each(TRUNCATABLE)(
    'reports a truncated %s as unscannable',
    async (ext, type, make) => {
      const whole = make();
      const half = whole.subarray(0, Math.floor(whole.length / 2));
      const inspection = await attach(`cut.${ext}`, type, half);
      expect(inspection.unscannable.length, JSON.stringify(summary(inspection))).toBeGreaterThan(0);
      expect(inspection.decision.action).not.toBe('allow');
    },
    60_000,
  );
});

describe('backtracking patterns in user policies', () => {
  const policyWith = (pattern: string) =>
    `policy hostile extends hipaa-baseline\n\ndetector nested_plus\n  class other_id\n  pattern "${pattern}" confidence 0.9\n`;

  // Policy strings are raw (only `\"` is special), so the pattern text below is exactly what
  // re2 gets: `(a)\1` is a group and a backreference to it.
  it.each([
    // why: lookahead needs a backtracking engine; re2 refuses it.
    ['a lookahead', '(?=a)a+'],
    // why: a backreference is not regular; re2 refuses it.
    ['a backreference', '(a)\\1'],
    // why: a named backreference, same.
    ['a named backreference', '(?<x>a)\\k<x>'],
    // why: lookbehind, same.
    ['a lookbehind', '(?<=b)a'],
  ])('rejects %s with a located policy error', (_, pattern) => {
    let error: unknown;
    try {
      loadPolicy(policyWith(pattern));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const policyError = error as PolicyError;
    expect(policyError.code).toBe('bad_pattern');
    // The pattern's string starts on line 5, column 11 of the policy.
    expect(policyError.range?.start).toMatchObject({ line: 5, column: 11 });
    expect(policyError.message).toContain('at <policy>:5:11');
  });

  it('runs (a+)+$ in linear time on a string built to make a backtracking engine explode', () => {
    const policy = loadPolicy(policyWith('(a+)+$'));
    const scanner = createScanner({ detectors: scannerDetectors(policy) });
    // V8 would need around 2^40 steps on this; re2 is linear in the input.
    const text = `${'a'.repeat(40)}!`.repeat(5_000);
    const result = scanner.scanSegments([{ location: 'body:text', area: 'body', text }]);
    expect(result.failures).toEqual([]);
  }, 20_000);
});
