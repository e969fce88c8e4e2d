import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';

/**
 * Loopback pieces for tests that drive the filter without Postfix: a receiving server that
 * stands in for the reinjection port, and a pooled sending client. Used by the load test in
 * tests/hardening; the Postfix end-to-end test uses `postfix.ts` instead.
 */

/** One message as the receiving server got it. */
export interface Received {
  readonly raw: Buffer;
  readonly from: string;
  readonly to: readonly string[];
}

/** A receiving SMTP server on loopback. */
export interface Sink {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts a server on a free loopback port that hands each message to `onMessage`. */
export async function startSink(onMessage: (message: Received) => void): Promise<Sink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        onMessage({
          raw: Buffer.concat(chunks),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Outcome of one send: the reply code, 250 when accepted. */
export interface SendResult {
  readonly code: number;
  readonly response: string;
}

/** A pooled client of `connections` connections to `port`. */
export interface Client {
  send(from: string, to: readonly string[], raw: string | Buffer): Promise<SendResult>;
  close(): void;
}

export function createClient(port: number, connections: number): Client {
  const transport: Transporter = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  return {
    async send(from, to, raw) {
      try {
        const info = await transport.sendMail({ envelope: { from, to: [...to] }, raw });
        return { code: 250, response: String(info.response ?? '') };
      } catch (error) {
        const { responseCode, response } = error as { responseCode?: number; response?: string };
        return { code: responseCode ?? 0, response: String(response ?? '') };
      }
    },
    close: () => transport.close(),
  };
}
