import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Postfix is not installed and cannot be installed from here. */
export class PostfixUnavailableError extends Error {
  override readonly name = 'PostfixUnavailableError';
}

const POSTFIX = '/usr/sbin/postfix';
/** The uid and gid mail is delivered as (Debian's `nobody`). */
const MAIL_UID = 65534;

/**
 * Makes sure Postfix is installed: as root it installs Debian's package, otherwise it
 * fails with what to run. The end-to-end tests need the real MTA, never a stand-in.
 */
export function ensurePostfix(): void {
  if (existsSync(POSTFIX)) return;
  if (process.getuid?.() !== 0) {
    throw new PostfixUnavailableError(
      'Postfix is not installed and this process is not root; install it with ' +
        '`sudo apt-get install -y postfix` (or run `.ci/services` as root) and run the tests again',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-qq', 'postfix'], { env, stdio: 'ignore' });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    install = spawnSync('apt-get', ['install', '-y', '-qq', 'postfix'], { env, stdio: 'ignore' });
  }
  if (install.status !== 0 || !existsSync(POSTFIX)) {
    throw new PostfixUnavailableError(
      `apt-get could not install postfix (exit ${install.status}); check that Debian's package ` +
        'repositories are reachable, or install postfix by hand',
    );
  }
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostfixInstance {
  /** Where clients submit mail. */
  readonly smtpPort: number;
  /** Where the filter hands mail back. */
  readonly reinjectPort: number;
  /** The Maildir all local mail is delivered to. */
  readonly maildir: string;
  readonly directory: string;
  /** Files delivered to the Maildir so far. */
  delivered(): string[];
  /** Queue ids in the hold queue. */
  held(): string[];
  /** Messages still in the active, incoming or deferred queues. */
  pending(): number;
  stop(): void;
}

export interface PostfixSetup {
  /** The filter's port. */
  readonly filterPort: number;
  /** `before-queue` uses `smtpd_proxy_filter`; `after-queue` uses `content_filter`. */
  readonly mode: 'before-queue' | 'after-queue';
  /** Domains delivered locally; any other is relayed nowhere (and deferred). */
  readonly domains: readonly string[];
}

/**
 * Starts a private Postfix instance on loopback, in its own configuration, queue and
 * mail directories, beside (not instead of) any system Postfix. Mail for `domains` is
 * delivered to one Maildir; messages stamped `X-Phiguard-Action: quarantine` by the
 * filter go to the hold queue.
 */
export async function startPostfix(setup: PostfixSetup): Promise<PostfixInstance> {
  ensurePostfix();
  const directory = mkdtempSync(join(tmpdir(), 'phiguard-postfix-'));
  chmodSync(directory, 0o755);
  const conf = join(directory, 'conf');
  const mail = join(directory, 'mail');
  for (const sub of [conf, join(directory, 'queue'), join(directory, 'data'), mail]) mkdirSync(sub);
  execFileSync('chown', ['postfix', join(directory, 'data')]);
  chownSync(mail, MAIL_UID, MAIL_UID);
  const smtpPort = await freePort();
  const reinjectPort = await freePort();

  writeFileSync(join(conf, 'main.cf'), mainCf(directory, setup.domains));
  writeFileSync(join(conf, 'master.cf'), masterCf(conf, smtpPort, reinjectPort, setup));
  writeFileSync(
    join(conf, 'hold_checks'),
    '/^X-Phiguard-Action: quarantine/ HOLD held by phiguard\n',
  );
  run(['-c', conf, 'check']);
  run(['-c', conf, 'start']);

  const maildir = join(mail, 'inbox');
  const queue = (): { queue_id: string; queue_name: string }[] => {
    const out = spawnSync('postqueue', ['-c', conf, '-j'], { encoding: 'utf8' }).stdout ?? '';
    return out
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { queue_id: string; queue_name: string });
  };
  return {
    smtpPort,
    reinjectPort,
    maildir,
    directory,
    delivered: () => (existsSync(join(maildir, 'new')) ? readdirSync(join(maildir, 'new')) : []),
    held: () =>
      queue()
        .filter((q) => q.queue_name === 'hold')
        .map((q) => q.queue_id),
    pending: () => queue().filter((q) => q.queue_name !== 'hold').length,
    stop: () => {
      spawnSync(POSTFIX, ['-c', conf, 'stop'], { stdio: 'ignore' });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function run(args: string[]): void {
  const result = spawnSync(POSTFIX, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new PostfixUnavailableError(
      `postfix ${args.at(-1)} failed: ${result.stderr || result.stdout}`,
    );
  }
}

function mainCf(directory: string, domains: readonly string[]): string {
  return `compatibility_level = 3.6
queue_directory = ${directory}/queue
data_directory = ${directory}/data
mail_owner = postfix
myhostname = mx.phiguard.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks reject
virtual_mailbox_domains = ${domains.join(' ')}
virtual_mailbox_base = ${directory}/mail
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:${MAIL_UID}
virtual_gid_maps = static:${MAIL_UID}
virtual_minimum_uid = 100
alias_maps =
alias_database =
maillog_file_prefixes = ${directory}
maillog_file = ${directory}/maillog
smtpd_tls_security_level = none
smtp_tls_security_level = none
default_destination_concurrency_limit = 20
`;
}

function masterCf(
  conf: string,
  smtpPort: number,
  reinjectPort: number,
  setup: PostfixSetup,
): string {
  const intake =
    setup.mode === 'before-queue'
      ? `  -o smtpd_proxy_filter=127.0.0.1:${setup.filterPort}\n  -o smtpd_proxy_options=speed_adjust\n`
      : `  -o content_filter=phiguard:[127.0.0.1]:${setup.filterPort}\n`;
  return `127.0.0.1:${smtpPort} inet n - n - - smtpd
${intake}127.0.0.1:${reinjectPort} inet n - n - - smtpd
  -o smtpd_proxy_filter=
  -o content_filter=
  -o cleanup_service_name=holdcleanup
  -o receive_override_options=no_unknown_recipient_checks
phiguard unix - - n - 20 smtp
  -o smtp_data_done_timeout=180s
holdcleanup unix n - n - 0 cleanup
  -o header_checks=regexp:${conf}/hold_checks
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
local unix - n n - - local
virtual unix - n n - - virtual
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
`;
}
