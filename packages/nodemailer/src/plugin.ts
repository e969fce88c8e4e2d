import type Mail from 'nodemailer/lib/mailer/index.js';

/** A decision about one message, as the plugin needs it: reason codes only. */
export interface Verdict {
  readonly action: 'allow' | 'encrypt' | 'quarantine' | 'block';
  readonly reasons: readonly string[];
  readonly encryption?: 'transport' | 'end-to-end';
}

export interface Envelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
}

/** What an encrypt hook gets: the message about to be sent and the decision. */
export interface EncryptRequest {
  /** Nodemailer's mail object: set headers on `mail.message` or change `mail.data`. */
  readonly mail: Mail.Options & { message: { setHeader(name: string, value: string): void } };
  readonly verdict: Verdict;
  readonly envelope: Envelope;
}

export interface PhiguardPluginOptions {
  /** Decides a built message; a rejection stops the send with `PhiguardScanError`. */
  inspect(message: Buffer, envelope: Envelope): Promise<Verdict>;
  /**
   * Makes sure an `encrypt` message leaves protected: route it to a secure transport, or
   * add the header the gateway encrypts on. Without it, `encrypt` messages are refused.
   */
  onEncrypt?(request: EncryptRequest): void | Promise<void>;
}

/** Base class of the plugin's errors; `code` says which. */
export class PhiguardSendError extends Error {
  constructor(
    readonly code:
      | 'phiguard_blocked'
      | 'phiguard_quarantined'
      | 'phiguard_encryption_required'
      | 'phiguard_scan_failed',
    readonly reasons: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

/** The policy decided `block` or `quarantine`: the message was not sent. */
export class PhiguardRejectedError extends PhiguardSendError {
  override readonly name = 'PhiguardRejectedError';
}

/** The policy decided `encrypt` and no `onEncrypt` hook was given: the message was not sent. */
export class PhiguardEncryptionRequiredError extends PhiguardSendError {
  override readonly name = 'PhiguardEncryptionRequiredError';
}

/** Scanning failed; the message was not sent, because unchecked mail must not leave. */
export class PhiguardScanError extends PhiguardSendError {
  override readonly name = 'PhiguardScanError';
}

type StreamPluginMail = {
  data: Mail.Options;
  message: {
    build(callback: (error: Error | null, message: Buffer) => void): void;
    getEnvelope(): { from: string | false; to: string[] };
    setHeader(name: string, value: string): void;
  };
};

/**
 * A Nodemailer `stream` plugin that checks each message as it will be sent, after
 * Nodemailer has built it, so attachments and encodings are checked exactly as they leave.
 *
 * @example
 * transporter.use('stream', phiguardPlugin({
 *   inspect: (raw, envelope) => decideMessage(raw, envelope),
 *   onEncrypt: ({ mail }) => mail.message.setHeader('X-Secure-Send', 'yes'),
 * }));
 */
export function phiguardPlugin(options: PhiguardPluginOptions) {
  return (mail: StreamPluginMail, done: (error?: Error | null) => void): void => {
    mail.message.build((buildError, raw) => {
      if (buildError) {
        done(
          new PhiguardScanError(
            'phiguard_scan_failed',
            ['message_build_failed'],
            'the message could not be built for checking; it was not sent',
          ),
        );
        return;
      }
      const built = mail.message.getEnvelope();
      const envelope: Envelope = { mailFrom: built.from || '', rcptTo: built.to };
      options.inspect(raw, envelope).then(
        (verdict) => settle(verdict, mail, envelope, options, done),
        () =>
          done(
            new PhiguardScanError(
              'phiguard_scan_failed',
              ['scanner_failed'],
              'the message could not be checked for PHI; it was not sent',
            ),
          ),
      );
    });
  };
}

function settle(
  verdict: Verdict,
  mail: StreamPluginMail,
  envelope: Envelope,
  options: PhiguardPluginOptions,
  done: (error?: Error | null) => void,
): void {
  const codes = verdict.reasons.join(', ') || 'no reason given';
  switch (verdict.action) {
    case 'allow':
      done();
      return;
    case 'block':
      done(
        new PhiguardRejectedError(
          'phiguard_blocked',
          verdict.reasons,
          `the message was blocked by policy (${codes}); it was not sent`,
        ),
      );
      return;
    case 'quarantine':
      done(
        new PhiguardRejectedError(
          'phiguard_quarantined',
          verdict.reasons,
          `the message needs review before it may be sent (${codes}); it was not sent`,
        ),
      );
      return;
    case 'encrypt': {
      if (!options.onEncrypt) {
        done(
          new PhiguardEncryptionRequiredError(
            'phiguard_encryption_required',
            verdict.reasons,
            `the message must be sent encrypted (${codes}) and no onEncrypt hook is set; it was not sent`,
          ),
        );
        return;
      }
      Promise.resolve()
        .then(() =>
          options.onEncrypt!({
            mail: mail as unknown as EncryptRequest['mail'],
            verdict,
            envelope,
          }),
        )
        .then(
          () => done(),
          () =>
            done(
              new PhiguardEncryptionRequiredError(
                'phiguard_encryption_required',
                verdict.reasons,
                'the onEncrypt hook failed; the message was not sent',
              ),
            ),
        );
    }
  }
}
