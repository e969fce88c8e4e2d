import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardPool, type Verdict } from '../../packages/phiguard/src/index.js';
import { createSmtpFilter, type FilterOutcome } from '../../packages/smtp-filter/src/index.js';
import {
  createClient,
  type Sink,
  startSink,
} from '../../packages/smtp-filter/src/testing/loopback.js';
import { buildMail, GOLD, hardenedGuard, INTERNAL, singlePart, textPdf, zip } from './helpers.js';

// Load through the SMTP content filter over loopback: 2,000 messages on 20 concurrent
// connections, a mix of PHI, clean and hostile mail. A receiving smtp-server stands in for
// Postfix's reinjection port. Every Message-ID must end exactly once as delivered (allow),
// held (handed on stamped quarantine or encrypt) or rejected (550), and none twice or
// never; the process's RSS must stay bounded.

const MESSAGES = Number(process.env.PHIGUARD_LOAD_MESSAGES ?? 2_000);
const CONNECTIONS = 20;
const MB = 1024 * 1024;

type Kind = 'phi' | 'clean' | 'hostile';

/** Builds message `i` of the mix: 40% PHI, 40% clean, 20% hostile, in a fixed order. */
function message(i: number): { kind: Kind; id: string; raw: string } {
  const id = `<load-${i}@example-hospital.org>`;
  const slot = i % 10;
  if (slot < 4) {
    const ssn = `${String(100 + (i % 600)).padStart(3, '0')}-${String(10 + (i % 89))}-${String(1000 + i).slice(-4)}`;
    const raw = buildMail({
      messageId: id,
      subject: 'lab follow-up',
      text: `Patient ${GOLD.name}, SSN ${ssn}, MRN ${GOLD.mrn}, HbA1c 9.1 for type 2 diabetes.`,
    });
    return { kind: 'phi', id, raw };
  }
  if (slot < 8) {
    const raw = buildMail({
      messageId: id,
      subject: 'rota',
      text: `The quarterly planning meeting moved to room ${i % 40}. Bring the slides.`,
    });
    return { kind: 'clean', id, raw };
  }
  // Hostile: each must be held or rejected, never delivered as clean.
  const hostile = [
    // why: a body declared base64 that is not, which decoders silently garble.
    () =>
      singlePart(
        [`Message-ID: ${id}`, 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64'],
        '%%%% not base64 !!!! ^^^^',
      ),
    // why: a truncated PDF, which the reader cannot parse.
    () =>
      buildMail({
        messageId: id,
        text: 'report attached',
        attachments: [
          {
            filename: 'report.pdf',
            contentType: 'application/pdf',
            bytes: textPdf('Result pending').subarray(0, 200),
          },
        ],
      }),
    // why: an archive nested past maxDepth.
    () => {
      let inner: Uint8Array = Buffer.from('note');
      for (let d = 0; d < 10; d++) inner = zip([[`level${d}.zip`, inner]]);
      return buildMail({
        messageId: id,
        text: 'archive',
        attachments: [{ filename: 'a.zip', contentType: 'application/zip', bytes: inner }],
      });
    },
    // why: S/MIME content, which cannot be read at all.
    () =>
      singlePart(
        [
          `Message-ID: ${id}`,
          'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
          'Content-Transfer-Encoding: base64',
        ],
        Buffer.from('opaque enveloped data').toString('base64'),
      ),
  ];
  return { kind: 'hostile', id, raw: hostile[i % hostile.length]!() };
}

interface Sent {
  readonly kind: Kind;
  status?: 'accepted' | 'rejected' | 'deferred' | 'error';
}

/** What the filter decides with: a guard in this thread, or a pool of guards on workers. */
interface Decider {
  verdict(
    raw: Buffer,
    envelope?: { sender?: string; recipients?: readonly string[] },
  ): Promise<Verdict>;
  close?(): Promise<void>;
}

describe.each([
  { deciding: 'a guard in this thread', messages: MESSAGES, make: (): Decider => hardenedGuard() },
  {
    deciding: 'a pool of two guard workers',
    messages: Math.min(MESSAGES, 400),
    make: (): Decider => createGuardPool({ internalDomains: [INTERNAL], workers: 2 }),
  },
])('smtp filter under load, deciding with $deciding', ({ messages: MESSAGES, make }) => {
  const delivered = new Map<string, string[]>();
  const outcomes: FilterOutcome[] = [];
  let sink: Sink;

  beforeAll(async () => {
    sink = await startSink(({ raw }) => {
      const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '(none)';
      const action = /^X-Phiguard-Action:\s*(\S+)/im.exec(head)?.[1] ?? '(none)';
      delivered.set(id, [...(delivered.get(id) ?? []), action]);
    });
  });

  afterAll(async () => {
    await sink.close();
  });

  it(`accounts for every message on ${CONNECTIONS} connections, with bounded RSS`, async () => {
    const guard = make();
    const filter = createSmtpFilter({
      inspect: (raw, envelope) =>
        guard.verdict(raw, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
      reinject: { host: '127.0.0.1', port: sink.port },
      onOutcome: (o) => outcomes.push(o),
    });
    const address = await filter.listen(0);
    const client = createClient(address.port, CONNECTIONS);
    const sent = new Map<string, Sent>();
    // Warm-up outside the measurement: compiled detectors, first PDF parser, JIT.
    await guard.verdict(Buffer.from(message(0).raw));
    await guard.verdict(Buffer.from(message(9).raw));
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);

    const started = performance.now();
    let next = 0;
    const connection = async () => {
      while (next < MESSAGES) {
        const m = message(next++);
        const entry: Sent = { kind: m.kind };
        sent.set(m.id, entry);
        const { code } = await client.send(
          'clerk@example-hospital.org',
          ['referrals@partner-clinic.test'],
          m.raw,
        );
        entry.status =
          code === 250
            ? 'accepted'
            : code === 550
              ? 'rejected'
              : code >= 400
                ? 'deferred'
                : 'error';
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    client.close();
    await filter.close();
    await guard.close?.();
    const end = process.memoryUsage().rss;

    // Every Message-ID sent once, answered once, and delivered at most once.
    expect(sent.size).toBe(MESSAGES);
    const statuses = [...sent.values()].map((s) => s.status);
    const count = (status: Sent['status']) => statuses.filter((s) => s === status).length;
    expect(count(undefined)).toBe(0);
    expect(count('error')).toBe(0);
    expect(count('deferred')).toBe(0);
    expect(outcomes).toHaveLength(MESSAGES);
    for (const [id, actions] of delivered) {
      expect(sent.has(id), 'a delivered Message-ID that was never sent').toBe(true);
      expect(actions, `${id} delivered ${actions.length} times`).toHaveLength(1);
    }
    for (const [id, entry] of sent) {
      const handedOn = delivered.get(id);
      if (entry.status === 'accepted') expect(handedOn, `${id} accepted but lost`).toBeDefined();
      else expect(handedOn, `${id} rejected but delivered`).toBeUndefined();
      // The mix's kinds end where they should: clean mail delivered, the rest never allowed.
      const action = handedOn?.[0] ?? 'block';
      if (entry.kind === 'clean') expect(action, `${id} (clean)`).toBe('allow');
      else expect(action, `${id} (${entry.kind})`).not.toBe('allow');
    }

    const byAction: Record<string, number> = {};
    for (const o of outcomes) byAction[o.action] = (byAction[o.action] ?? 0) + 1;
    const growthMb = Math.round((peak - baseline) / MB);
    // Counts and rates only: nothing here is message content.
    console.log(
      `smtp load: ${MESSAGES} messages, ${CONNECTIONS} connections, ${seconds.toFixed(1)} s, ` +
        `${(MESSAGES / seconds).toFixed(0)} msg/s; actions ${JSON.stringify(byAction)}; ` +
        `RSS baseline ${Math.round(baseline / MB)} MB, peak ${Math.round(peak / MB)} MB ` +
        `(+${growthMb} MB), end ${Math.round(end / MB)} MB`,
    );
    expect(growthMb).toBeLessThan(400);
  }, 120_000);
});
