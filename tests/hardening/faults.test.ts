import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  closeOcr,
  configureOcr,
  configurePdf,
  type OcrEngine,
  startOcrWorker,
} from '../../packages/extract/src/index.js';
import type { Inspection } from '../../packages/phiguard/src/index.js';
import { createSmtpFilter, type FilterOutcome } from '../../packages/smtp-filter/src/index.js';
import { createClient, startSink } from '../../packages/smtp-filter/src/testing/loopback.js';
import { fixture } from './fuzz-support.js';
import { buildMail, EXTERNAL_RECIPIENT, GOLD, hardenedGuard, summary } from './helpers.js';

// Fault injection through the documented seams `configureOcr({ engine })` and
// `configurePdf({ createParser })`: real tesseract workers and real pdf-parse parsers,
// wrapped so that one job crashes, hangs or throws. Each fault must end the part as
// unscannable with a reason, the decision must not be `allow`, and the next good job must
// succeed on the same pool.

type Fault = 'none' | 'crash' | 'hang';

/** A real tesseract worker whose next job crashes or hangs while `fault` says so. */
function faultyEngine(state: { fault: Fault; started: number }) {
  return async (): Promise<OcrEngine> => {
    state.started++;
    const real = await startOcrWorker();
    return {
      async recognize(image) {
        if (state.fault === 'hang') return new Promise(() => {});
        if (state.fault === 'crash') {
          // The worker thread dies under the job, as when tesseract's wasm aborts.
          await real.terminate();
          throw new Error('the OCR worker exited');
        }
        return real.recognize(image);
      },
      terminate: () => real.terminate(),
    };
  };
}

const PNG = fixture('ocr/phototest.derived.png');
const PDF = fixture('pdf/minimal-document.pdf');
// Short limits for the faulty jobs; the recovery scans use the defaults, so that a slow
// but healthy worker on a loaded machine is not mistaken for a pool that did not recover.
const guard = hardenedGuard({ limits: { ocrTimeoutMs: 1_500, attachmentTimeoutMs: 4_000 } });
const patient = hardenedGuard();

function expectClosed(inspection: Inspection, reasons: readonly string[]) {
  const why = JSON.stringify(summary(inspection));
  expect(
    inspection.unscannable.some((u) => reasons.includes(u.reason)),
    why,
  ).toBe(true);
  expect(inspection.decision.action, why).not.toBe('allow');
}

const ocrText = (inspection: Inspection) =>
  inspection.segments.filter((s) => s.via === 'ocr').reduce((n, s) => n + s.length, 0);

afterEach(() => {
  configurePdf({});
});
afterAll(async () => {
  await closeOcr();
  configureOcr({});
});

describe('faults: OCR worker pool', () => {
  it('fails closed when a worker crashes mid-job, then a good scan works on the same pool', async () => {
    await closeOcr();
    const state = { fault: 'crash' as Fault, started: 0 };
    configureOcr({ poolSize: 1, engine: faultyEngine(state) });

    const crashed = await guard.inspectFile(PNG, { filename: 'scan.png' });
    expectClosed(crashed, ['ocr_failed', 'ocr_limit']);

    state.fault = 'none';
    const good = await patient.inspectFile(PNG, { filename: 'scan.png' });
    expect(good.unscannable, JSON.stringify(summary(good))).toEqual([]);
    expect(ocrText(good)).toBeGreaterThan(100);
    // The crashed worker was replaced by a new one rather than handed out again.
    expect(state.started).toBe(2);
  }, 30_000);

  it('fails closed when a worker hangs past ocrTimeoutMs, and the pool is not left stuck', async () => {
    await closeOcr();
    const state = { fault: 'hang' as Fault, started: 0 };
    configureOcr({ poolSize: 1, engine: faultyEngine(state) });

    // Two hanging jobs in parallel on a pool of one: the second waits for the first worker,
    // which is terminated at its timeout; the second then starts a fresh one.
    const started = Date.now();
    const hung = await Promise.all([
      guard.inspectFile(PNG, { filename: 'a.png' }),
      guard.inspectFile(PNG, { filename: 'b.png' }),
    ]);
    for (const inspection of hung) expectClosed(inspection, ['ocr_limit', 'timeout']);
    expect(Date.now() - started).toBeLessThan(15_000);

    state.fault = 'none';
    const good = await patient.inspectFile(PNG, { filename: 'scan.png' });
    expect(good.unscannable, JSON.stringify(summary(good))).toEqual([]);
    expect(ocrText(good)).toBeGreaterThan(100);
  }, 30_000);
});

describe('faults: PDF parser', () => {
  it('fails closed when the parser throws while reading text', async () => {
    configurePdf({
      createParser: (options, original) => {
        const parser = original(options);
        parser.getText = () => {
          throw new TypeError('injected parser fault');
        };
        return parser;
      },
    });
    expectClosed(await guard.inspectFile(PDF, { filename: 'letter.pdf' }), ['malformed']);
  });

  it('fails closed when building the parser throws', async () => {
    configurePdf({
      createParser: () => {
        throw new RangeError('injected constructor fault');
      },
    });
    const inspection = await guard.inspectFile(PDF, { filename: 'letter.pdf' });
    expectClosed(inspection, ['extractor_failed']);
    // The detail names the error class, never its message.
    expect(inspection.unscannable.map((u) => u.detail).join(' ')).not.toContain('injected');
  });

  it('fails closed when the parser never answers, within attachmentTimeoutMs', async () => {
    configurePdf({
      createParser: (options, original) => {
        const parser = original(options);
        parser.getText = () => new Promise(() => {});
        return parser;
      },
    });
    const started = Date.now();
    expectClosed(await guard.inspectFile(PDF, { filename: 'letter.pdf' }), ['timeout']);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('reads the same PDF again once the parser is back to normal', async () => {
    configurePdf({});
    const inspection = await guard.inspectFile(PDF, { filename: 'letter.pdf' });
    expect(inspection.unscannable, JSON.stringify(summary(inspection))).toEqual([]);
    expect(inspection.segments.some((s) => s.via === 'pdf' && s.length > 0)).toBe(true);
  });
});

describe('faults: a timeout in the middle of a message', () => {
  it('keeps what was read before the timeout, reports the rest, and does not allow', async () => {
    configurePdf({
      createParser: (options, original) => {
        const parser = original(options);
        parser.getText = () => new Promise(() => {});
        return parser;
      },
    });
    const short = hardenedGuard({ limits: { totalTimeoutMs: 1_500 } });
    const message = buildMail({
      text: `Patient ${GOLD.name}, SSN ${GOLD.ssn}, seen for type 2 diabetes.`,
      attachments: [
        { filename: 'first.pdf', contentType: 'application/pdf', bytes: PDF },
        { filename: 'second.csv', contentType: 'text/csv', bytes: `SSN\n${GOLD.ssn}\n` },
      ],
    });
    const started = Date.now();
    const inspection = await short.inspectMessage(message);
    expect(Date.now() - started).toBeLessThan(8_000);
    expectClosed(inspection, ['timeout']);
    expect(inspection.findings.some((f) => f.location.startsWith('body:text'))).toBe(true);

    // The same guard decides the next message normally.
    configurePdf({});
    const next = await short.inspectMessage(buildMail({ text: 'Lunch at noon.' }));
    expect(next.unscannable).toEqual([]);
    expect(next.decision.action).toBe('allow');
  }, 20_000);
});

// The SMTP filter's own deadline, with `inspect` as the seam: a decision that never comes
// must cost the sender a retry, never the message.
describe('faults: an inspection that hangs in the SMTP filter', () => {
  it('defers the message with 451 past inspectTimeoutMs, then decides the next one', async () => {
    const delivered: string[] = [];
    const sink = await startSink(({ raw }) => delivered.push(raw.toString('latin1')));
    const outcomes: FilterOutcome[] = [];
    let hang = true;
    const filter = createSmtpFilter({
      inspect: (raw, envelope) =>
        hang
          ? new Promise(() => {})
          : patient.verdict(raw, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
      reinject: { host: '127.0.0.1', port: sink.port },
      inspectTimeoutMs: 1_000,
      onOutcome: (o) => outcomes.push(o),
    });
    const address = await filter.listen(0);
    const client = createClient(address.port, 1);
    try {
      const send = () =>
        client.send(
          'clerk@example-hospital.org',
          [EXTERNAL_RECIPIENT],
          buildMail({ text: 'Lunch at noon.' }),
        );
      const started = Date.now();
      const hung = await send();
      expect(Date.now() - started).toBeLessThan(5_000);
      // 4xx: the sending MTA keeps the message and tries again; it is neither lost nor sent.
      expect(hung.code).toBe(451);
      expect(delivered).toEqual([]);

      hang = false;
      expect((await send()).code).toBe(250);
      expect(delivered).toHaveLength(1);
      expect(outcomes.map((o) => o.action)).toEqual(['deferred', 'allow']);
    } finally {
      client.close();
      await filter.close();
      await sink.close();
    }
  }, 20_000);
});
