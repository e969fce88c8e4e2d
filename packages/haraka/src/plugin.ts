import { readFile } from 'node:fs/promises';
import {
  createGuard,
  type Guard,
  InspectionTimeoutError,
  loadPolicyText,
  type Verdict,
  withTimeout,
} from 'phiguard';
import { type Handling, readSettings, type Settings } from './settings.js';

/**
 * Haraka's hook return codes, as `haraka-constants` 1.x defines them. Haraka passes them as
 * globals to plugins it compiles itself; this package is loaded with `require`, so it names
 * the numbers here (the end-to-end test checks them against the installed Haraka).
 */
export const HARAKA_CODES = { DENY: 902, DENYSOFT: 903, OK: 906 } as const;

/** Prefix of the headers the plugin adds; any a sender wrote are removed first. */
const HEADER_PREFIX = 'X-Phiguard-';

/** Haraka's `next` callback of a hook. */
export type Next = (code?: number, message?: string) => void;

/** An envelope address: `address` is a property in Haraka 3.1 and later, a method before. */
interface HarakaAddress {
  readonly address: string | (() => string);
}

/** The parts of a Haraka transaction the plugin uses. */
export interface HarakaTransaction {
  readonly mail_from: HarakaAddress | null;
  readonly rcpt_to: readonly HarakaAddress[];
  readonly message_stream: { get_data(callback: (data: Buffer) => void): void };
  readonly header: { readonly headers: Readonly<Record<string, unknown>> };
  /** Haraka's notes: plain fields, and dotted paths through `set` (haraka-notes). */
  readonly notes: Record<string, unknown> & { set(path: string, value: unknown): void };
  add_leading_header(name: string, value: string): void;
  remove_header(name: string): void;
}

/** The parts of a Haraka connection the plugin uses. */
export interface HarakaConnection {
  readonly transaction: HarakaTransaction | null;
  loginfo(plugin: unknown, message: string): void;
  logerror(plugin: unknown, message: string): void;
}

/** The Haraka plugin object the loader passes in: `this` of `register`. */
export interface HarakaPluginHost {
  readonly config: {
    get(name: string, type?: string): unknown;
  };
  loginfo(message: string): void;
  logerror(message: string): void;
}

/** The loaded plugin: the hooks the CommonJS entry forwards to. */
export interface PhiguardHarakaPlugin {
  readonly settings: Settings;
  /** `hook_data_post`: decides the message and answers with `next`. */
  dataPost(next: Next, connection: HarakaConnection): void;
}

/**
 * Builds the guard once, from `phiguard.ini` in Haraka's config folder, and returns the hooks.
 * Rejects when the settings or the policy are wrong; the entry then defers every message.
 */
export async function createHarakaPlugin(host: HarakaPluginHost): Promise<PhiguardHarakaPlugin> {
  const settings = readSettings(
    host.config.get('phiguard.ini') as { main?: Record<string, unknown> },
  );
  const policy = settings.policy === undefined ? undefined : await readPolicy(settings.policy);
  const guard = createGuard({
    policy,
    internalDomains: settings.internalDomains,
    fingerprintKey: process.env.PHIGUARD_FINGERPRINT_KEY,
    auditKey: process.env.PHIGUARD_AUDIT_KEY,
  });
  host.loginfo(
    `phiguard ready: policy=${policy === undefined ? 'hipaa-baseline' : 'file'} ` +
      `quarantine=${settings.quarantine} encrypt=${settings.encrypt}`,
  );
  return {
    settings,
    dataPost: (next, connection) => dataPost(guard, settings, host, next, connection),
  };
}

async function readPolicy(path: string) {
  return loadPolicyText(await readFile(path, 'utf8'), { name: path });
}

function dataPost(
  guard: Guard,
  settings: Settings,
  plugin: HarakaPluginHost,
  next: Next,
  connection: HarakaConnection,
): void {
  const transaction = connection.transaction;
  // No transaction: the client went away and there is no message left to let through.
  if (!transaction) {
    next();
    return;
  }
  const started = performance.now();
  const answer = once(next);
  const log = (action: string, reasons: readonly string[]) =>
    connection.loginfo(
      plugin,
      `phiguard action=${action} reasons=${reasons.join(',') || '-'} ` +
        `ms=${Math.round(performance.now() - started)}`,
    );

  const decide = new Promise<Verdict>((resolve, reject) => {
    transaction.message_stream.get_data((data) => {
      guard
        .verdict(data, {
          sender: addressOf(transaction.mail_from),
          recipients: transaction.rcpt_to.map(addressOf),
        })
        .then(resolve, reject);
    });
  });
  withTimeout(decide, settings.timeoutMs).then(
    (verdict) => {
      log(verdict.action, verdict.reasons);
      try {
        respond(verdict, settings, transaction, answer);
      } catch {
        // Stamping failed (a Haraka whose transaction API changed): defer, never pass unstamped.
        log('deferred', ['plugin_failed']);
        answer(
          HARAKA_CODES.DENYSOFT,
          '4.3.0 content check failed (plugin_failed), try again later',
        );
      }
    },
    (error: unknown) => {
      // Fail closed without losing the message: the client keeps it and retries later.
      const reason = error instanceof InspectionTimeoutError ? 'timeout' : 'scanner_failed';
      log('deferred', [reason]);
      answer(HARAKA_CODES.DENYSOFT, `4.3.0 content check failed (${reason}), try again later`);
    },
  );
}

/** Answers Haraka for one decision: codes only in the reply, never content. */
function respond(verdict: Verdict, settings: Settings, transaction: HarakaTransaction, next: Next) {
  const codes = verdict.reasons.length > 0 ? `: ${verdict.reasons.join(', ')}` : '';
  const handling: Handling =
    verdict.action === 'block'
      ? 'reject'
      : verdict.action === 'allow'
        ? 'stamp'
        : settings[verdict.action];
  if (handling === 'reject') {
    next(HARAKA_CODES.DENY, `5.7.1 message ${pastTense(verdict.action)} by policy${codes}`);
    return;
  }
  if (handling === 'defer') {
    next(HARAKA_CODES.DENYSOFT, `4.7.1 message ${pastTense(verdict.action)} by policy${codes}`);
    return;
  }

  stamp(transaction, verdict);
  transaction.notes.phiguard = { action: verdict.action, reasons: verdict.reasons };
  if (handling === 'hold') {
    // queue/quarantine stores messages whose `queue.wants` is `quarantine`, then answers with
    // `quarantine_action`: OK here, so no later queue plugin passes the message on.
    transaction.notes.set('queue.wants', 'quarantine');
    transaction.notes.quarantine_action = [HARAKA_CODES.OK, `2.0.0 held for review${codes}`];
  }
  next();
}

function pastTense(action: Verdict['action']): string {
  return {
    allow: 'allowed',
    encrypt: 'held for encryption',
    quarantine: 'quarantined',
    block: 'blocked',
  }[action];
}

/**
 * Removes every `X-Phiguard-*` header a sender put in the message, then adds the plugin's
 * own at the top, so nobody can forge `X-Phiguard-Action: allow` for a later hop.
 */
function stamp(transaction: HarakaTransaction, verdict: Verdict): void {
  const prefix = HEADER_PREFIX.toLowerCase();
  for (const name of Object.keys(transaction.header.headers)) {
    if (name.toLowerCase().startsWith(prefix)) transaction.remove_header(name);
  }
  const headers: [string, string][] = [['Action', verdict.action]];
  if (verdict.reasons.length > 0) headers.push(['Reasons', verdict.reasons.join(', ')]);
  if (verdict.action === 'encrypt') headers.push(['Encryption', verdict.encryption ?? 'transport']);
  // Leading headers go on top one by one: add the last first so Action ends up first.
  for (const [name, value] of headers.reverse()) {
    transaction.add_leading_header(`${HEADER_PREFIX}${name}`, value);
  }
}

function addressOf(address: HarakaAddress | null): string {
  if (!address) return '';
  return typeof address.address === 'function' ? address.address() : address.address;
}

/** Calls `next` at most once: a decision that lands after the timeout is dropped. */
function once(next: Next): Next {
  let called = false;
  return (code, message) => {
    if (called) return;
    called = true;
    next(code, message);
  };
}
