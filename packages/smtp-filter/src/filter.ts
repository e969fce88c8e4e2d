import type { AddressInfo } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { withTimeout } from 'phiguard';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { stampHeaders } from './headers.js';
import type { Envelope, Inspect, Verdict } from './verdict.js';

/** Where messages go after the filter: usually Postfix's reinjection port. */
export interface Destination {
  readonly host: string;
  readonly port: number;
}

export interface SmtpFilterOptions {
  /** Decides each message. */
  readonly inspect: Inspect;
  /** Where allowed messages (and, unless routed elsewhere, all others kept) are handed on. */
  readonly reinject: Destination;
  /**
   * Optional routes. Without one, `encrypt` and `quarantine` messages are handed to
   * `reinject` stamped `X-Phiguard-Action: encrypt|quarantine`, for the MTA to act on (a
   * Postfix `header_checks` rule with `HOLD`, or a `FILTER` to an encrypting gateway).
   */
  readonly routes?: { readonly encrypt?: Destination; readonly quarantine?: Destination };
  /** Largest message accepted, in bytes; larger ones get a 552. 50 MB unless set. */
  readonly maxMessageBytes?: number;
  /** Time for one decision; past it the message is deferred (451). 120 s unless set. */
  readonly inspectTimeoutMs?: number;
  /** Called once per message with the outcome: codes and counts only. */
  readonly onOutcome?: (outcome: FilterOutcome) => void;
  /** The name the filter greets with. */
  readonly hostname?: string;
  /**
   * Receives `debug` events per message (`received`, `decided`, `handed_on`, `deferred`)
   * with sizes, counts, actions, reason codes and ports only: never an address, a header
   * or any content. The filter is silent without it.
   */
  readonly logger?: FilterLogger;
}

/** Where the filter sends its debug events; the CLI's logger has this shape. */
export interface FilterLogger {
  log(
    level: 'debug',
    event: string,
    fields?: Readonly<Record<string, string | number | boolean | undefined>>,
  ): void;
}

/** What happened to one message, for logs and metrics. */
export interface FilterOutcome {
  readonly action: Verdict['action'] | 'deferred';
  readonly reasons: readonly string[];
  readonly bytes: number;
  readonly recipients: number;
  readonly milliseconds: number;
}

/** An SMTP error with the reply code smtp-server sends. */
class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A running filter. */
export interface SmtpFilter {
  /** Starts listening; resolves with the bound address. */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, finishes the messages in flight, and closes connections. */
  close(): Promise<void>;
}

/**
 * An SMTP content filter for Postfix, usable after the queue (`content_filter`) or before
 * it (`smtpd_proxy_filter`). It never loses a message: it answers 250 only after the
 * message was handed on, 5xx only for a `block` decision, and 4xx (try again later) for
 * every failure of its own, so the sending MTA keeps the message and retries.
 *
 * @example
 * const filter = createSmtpFilter({ inspect, reinject: { host: '127.0.0.1', port: 10026 } });
 * await filter.listen(10025, '127.0.0.1');
 */
export function createSmtpFilter(options: SmtpFilterOptions): SmtpFilter {
  const maxBytes = options.maxMessageBytes ?? 50 * 1024 * 1024;
  const timeoutMs = options.inspectTimeoutMs ?? 120_000;
  const transports = new Map<string, Transporter>();

  const transportTo = (destination: Destination): Transporter => {
    const key = `${destination.host}:${destination.port}`;
    let transport = transports.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({
        host: destination.host,
        port: destination.port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 4,
      });
      transports.set(key, transport);
    }
    return transport;
  };

  const handOn = async (message: Buffer, envelope: Envelope, verdict: Verdict): Promise<void> => {
    const headers: Record<string, string> = { Action: verdict.action };
    if (verdict.reasons.length > 0) headers.Reasons = verdict.reasons.join(', ');
    if (verdict.action === 'encrypt') headers.Encryption = verdict.encryption ?? 'transport';
    const route =
      verdict.action === 'encrypt' || verdict.action === 'quarantine'
        ? (options.routes?.[verdict.action] ?? options.reinject)
        : options.reinject;
    await transportTo(route).sendMail({
      envelope: { from: envelope.mailFrom, to: [...envelope.rcptTo] },
      raw: stampHeaders(message, headers),
    });
    options.logger?.log('debug', 'handed_on', { action: verdict.action, port: route.port });
  };

  const handle = async (message: Buffer, envelope: Envelope): Promise<FilterOutcome> => {
    const started = performance.now();
    const outcome = (
      action: FilterOutcome['action'],
      reasons: readonly string[],
    ): FilterOutcome => ({
      action,
      reasons,
      bytes: message.length,
      recipients: envelope.rcptTo.length,
      milliseconds: Math.round(performance.now() - started),
    });
    options.logger?.log('debug', 'received', {
      bytes: message.length,
      recipients: envelope.rcptTo.length,
    });
    let verdict: Verdict;
    try {
      verdict = await withTimeout(options.inspect(message, envelope), timeoutMs);
      options.logger?.log('debug', 'decided', {
        action: verdict.action,
        reasons: verdict.reasons.join(','),
      });
    } catch (error) {
      options.logger?.log('debug', 'deferred', {
        reason: 'scanner_failed',
        error: error instanceof Error ? error.name : typeof error,
      });
      // Fail closed without losing the message: the sender's MTA keeps it and retries.
      throw Object.assign(new SmtpReply(451, '4.3.0 content check failed, try again later'), {
        outcome: outcome('deferred', ['scanner_failed']),
      });
    }
    if (verdict.action === 'block') {
      const codes = verdict.reasons.length > 0 ? `: ${verdict.reasons.join(', ')}` : '';
      throw Object.assign(new SmtpReply(550, `5.7.1 message blocked by policy${codes}`), {
        outcome: outcome('block', verdict.reasons),
      });
    }
    try {
      await handOn(message, envelope, verdict);
    } catch (error) {
      options.logger?.log('debug', 'deferred', {
        reason: 'reinjection_failed',
        error: error instanceof Error ? error.name : typeof error,
      });
      throw Object.assign(
        new SmtpReply(451, '4.4.0 could not hand the message on, try again later'),
        {
          outcome: outcome('deferred', ['reinjection_failed']),
        },
      );
    }
    return outcome(verdict.action, verdict.reasons);
  };

  const server = new SMTPServer({
    name: options.hostname ?? 'phiguard-filter',
    banner: 'phiguard content filter',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on('error', () =>
        callback(new SmtpReply(451, '4.3.0 error while receiving, try again later')),
      );
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(new SmtpReply(552, `5.3.4 message larger than ${maxBytes} bytes`));
          return;
        }
        const envelope: Envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        handle(Buffer.concat(chunks), envelope).then(
          (outcome) => {
            options.onOutcome?.(outcome);
            callback(null, `2.0.0 ${outcome.action}`);
          },
          (error: SmtpReply & { outcome?: FilterOutcome }) => {
            if (error.outcome) options.onOutcome?.(error.outcome);
            callback(
              error instanceof SmtpReply ? error : new SmtpReply(451, '4.3.0 try again later'),
            );
          },
        );
      });
    },
  });

  return {
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.server.address() as AddressInfo));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => {
          for (const transport of transports.values()) transport.close();
          resolve();
        });
      });
    },
  };
}
