import nodemailer from 'nodemailer';
import { createGuard } from 'phiguard';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PhiguardEncryptionRequiredError,
  PhiguardRejectedError,
  PhiguardScanError,
  phiguardPlugin,
} from './index.js';

// Real Nodemailer, sending over SMTP to a real smtp-server on loopback, with the real
// pipeline deciding. What the receiver got is what left.
const guard = createGuard({ internalDomains: ['example-hospital.org'] });
const received: string[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function transporter(options: Parameters<typeof phiguardPlugin>[0]) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  transport.use('stream', phiguardPlugin(options));
  return transport;
}

const inspect = (raw: Buffer, envelope: { mailFrom: string; rcptTo: readonly string[] }) =>
  guard.verdict(raw, { sender: envelope.mailFrom, recipients: envelope.rcptTo });

const referral = {
  from: 'dr.lee@example-hospital.org',
  to: 'intake@outside-clinic.test',
  subject: 'Referral',
  text: 'Referring patient Maria Gonzalez, DOB 04/12/1957, MRN 00482913.\nDx: E11.65 type 2 diabetes mellitus with hyperglycemia.\n',
};

const roster = Array.from(
  { length: 40 },
  (_, i) => `Patient ${i},${String(219 + i).padStart(3, '0')}-45-${String(1000 + i * 7)}`,
).join('\n');

describe('phiguardPlugin', () => {
  it('sends a message with no PHI unchanged', async () => {
    const before = received.length;
    await transporter({ inspect }).sendMail({
      from: 'it@example-hospital.org',
      to: 'vendor@supplier.test',
      subject: 'Printer toner',
      text: 'Please deliver two boxes of toner to the third floor on Monday.',
    });
    expect(received.length).toBe(before + 1);
  });

  it('refuses to send PHI that must be encrypted when there is no encrypt hook', async () => {
    const before = received.length;
    const send = transporter({ inspect }).sendMail(referral);
    await expect(send).rejects.toBeInstanceOf(PhiguardEncryptionRequiredError);
    await expect(send).rejects.toMatchObject({ code: 'phiguard_encryption_required' });
    expect(received.length).toBe(before);
  });

  it('lets the encrypt hook mark the message for the gateway', async () => {
    await transporter({
      inspect,
      onEncrypt: ({ mail, verdict }) =>
        mail.message.setHeader('X-Secure-Send', verdict.encryption ?? 'transport'),
    }).sendMail(referral);
    expect(received.at(-1)).toMatch(/X-Secure-Send: (end-to-end|transport)/);
  });

  it('blocks an attachment full of SSNs with the reason codes', async () => {
    const before = received.length;
    const send = transporter({ inspect }).sendMail({
      from: 'billing@example-hospital.org',
      to: 'someone@outside.test',
      subject: 'roster',
      text: 'see attached',
      attachments: [{ filename: 'roster.csv', content: `name,ssn\n${roster}\n` }],
    });
    await expect(send).rejects.toBeInstanceOf(PhiguardRejectedError);
    const error = await send.catch((e: PhiguardRejectedError) => e);
    expect(error.code).toBe('phiguard_blocked');
    expect(error.reasons.length).toBeGreaterThan(0);
    expect(error.message).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(received.length).toBe(before);
  });

  it('does not send when the check itself fails', async () => {
    const before = received.length;
    const send = transporter({ inspect: () => Promise.reject(new Error('down')) }).sendMail(
      referral,
    );
    await expect(send).rejects.toBeInstanceOf(PhiguardScanError);
    expect(received.length).toBe(before);
  });
});
