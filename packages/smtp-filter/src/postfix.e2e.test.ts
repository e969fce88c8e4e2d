import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { createGuard } from 'phiguard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpFilter, type FilterOutcome } from './index.js';
import { freePort, type PostfixInstance, startPostfix } from './testing/postfix.js';

// A real Postfix from Debian's packages on loopback, installed by the test set-up when it
// is missing (as root), and the real pipeline with the hipaa-baseline pack behind the filter.

const examples = fileURLToPath(new URL('../../../fixtures/examples', import.meta.url));
const raw = (name: string) => readFileSync(join(examples, name));
const INTERNAL = 'example-hospital.org';
const EXTERNAL = 'partner-clinic.test';
const guard = createGuard({ internalDomains: [INTERNAL] });

async function waitFor(check: () => boolean, what: string, milliseconds = 20_000): Promise<void> {
  const until = Date.now() + milliseconds;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function deliveredWith(postfix: PostfixInstance, header: string): string[] {
  const folder = join(postfix.maildir, 'new');
  return postfix
    .delivered()
    .map((file) => readFileSync(join(folder, file), 'latin1'))
    .filter((message) => message.includes(header));
}

async function setUp(mode: 'before-queue' | 'after-queue', inspect = guard.verdict.bind(guard)) {
  const filterPort = await freePort();
  const postfix = await startPostfix({ filterPort, mode, domains: [INTERNAL, EXTERNAL] });
  const outcomes: FilterOutcome[] = [];
  const filter = createSmtpFilter({
    inspect: (message, envelope) =>
      inspect(message, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
    reinject: { host: '127.0.0.1', port: postfix.reinjectPort },
    onOutcome: (outcome) => outcomes.push(outcome),
  });
  await filter.listen(filterPort);
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: postfix.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const send = (file: string, to: string) =>
    client.sendMail({ envelope: { from: `sender@${INTERNAL}`, to: [to] }, raw: raw(file) });
  return { postfix, filter, outcomes, send, client };
}

describe('the SMTP filter before the queue (smtpd_proxy_filter)', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp('before-queue');
  }, 120_000);
  afterAll(async () => {
    env?.client.close();
    await env?.filter.close();
    env?.postfix.stop();
  });

  it('delivers clean mail stamped allow', async () => {
    await env.send('clean-newsletter.eml', `all@${EXTERNAL}`);
    await waitFor(
      () => deliveredWith(env.postfix, 'X-Phiguard-Action: allow').length === 1,
      'delivery',
    );
  });

  it('delivers PHI to an external clinic stamped for encryption', async () => {
    await env.send('referral-with-pdf.eml', `referrals@${EXTERNAL}`);
    await waitFor(
      () => deliveredWith(env.postfix, 'X-Phiguard-Action: encrypt').length === 1,
      'delivery',
    );
    expect(deliveredWith(env.postfix, 'X-Phiguard-Encryption: end-to-end')).toHaveLength(1);
  });

  it('rejects a spreadsheet of SSNs with a 5xx the sender sees', async () => {
    await expect(env.send('ssn-spreadsheet.eml', `billing@${EXTERNAL}`)).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(deliveredWith(env.postfix, 'eligibility')).toHaveLength(0);
  });

  it('holds a message with an unreadable attachment in the hold queue', async () => {
    await env.send('encrypted-records.eml', `records@${EXTERNAL}`);
    await waitFor(() => env.postfix.held().length === 1, 'the hold queue');
  });

  it('accounted for every message, with reason codes and no content in the outcomes', () => {
    expect(env.outcomes.map((o) => o.action).sort()).toEqual([
      'allow',
      'block',
      'encrypt',
      'quarantine',
    ]);
    expect(JSON.stringify(env.outcomes)).not.toMatch(/@|\d{3}-\d{2}-\d{4}/);
  });
});

describe('the SMTP filter after the queue (content_filter)', () => {
  it('bounces blocked mail to the sender and defers, never loses, when the scanner fails', async () => {
    let failing = true;
    const env = await setUp('after-queue', async (message: Buffer, envelope) => {
      if (failing && message.includes('Subject: please retry')) throw new Error('scanner down');
      return guard.verdict(message, envelope);
    });
    try {
      await env.send('ssn-spreadsheet.eml', `billing@${EXTERNAL}`);
      // The bounce (a delivery status notification) reaches the internal sender's mailbox.
      await waitFor(
        () => deliveredWith(env.postfix, 'Undelivered Mail Returned to Sender').length === 1,
        'the bounce',
      );
      expect(deliveredWith(env.postfix, 'X-Phiguard-Action')).toHaveLength(0);

      await env.client.sendMail({
        envelope: { from: `sender@${INTERNAL}`, to: [`x@${EXTERNAL}`] },
        raw: 'From: sender@example-hospital.org\r\nTo: x@partner-clinic.test\r\nSubject: please retry\r\n\r\nhello\r\n',
      });
      await waitFor(() => env.outcomes.some((o) => o.action === 'deferred'), 'a deferral');
      expect(env.postfix.pending()).toBe(1);
      expect(readdirSync(join(env.postfix.maildir, 'new')).length).toBe(1);
      failing = false;
    } finally {
      env.client.close();
      await env.filter.close();
      env.postfix.stop();
    }
  }, 60_000);
});
