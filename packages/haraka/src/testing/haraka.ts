import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The SMTP filter's test sink: the same receiving server, kept in one place.
import { startSink as startLoopbackSink } from '../../../smtp-filter/src/testing/loopback.js';

/**
 * Pieces for running a real Haraka (the npm package, as a child process) on loopback in
 * front of a receiving server that stands in for the next hop.
 */

/** This package's folder: Haraka finds the plugin through a link to it. */
const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
/** The repository root, where `tsx` is installed. */
const ROOT = join(PACKAGE, '..', '..');
/** Haraka's launcher, from this package's devDependencies. */
export const HARAKA_BIN = join(PACKAGE, 'node_modules', 'Haraka', 'bin', 'haraka');
/** How long Haraka may take to load its plugins and listen. */
const START_TIMEOUT_MS = 20_000;

/** One message as the next hop got it. */
export interface Received {
  readonly raw: string;
  readonly to: readonly string[];
}

export interface Sink {
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A receiving SMTP server on a free loopback port that keeps every message it gets. */
export async function startSink(): Promise<Sink> {
  const received: Received[] = [];
  const sink = await startLoopbackSink(({ raw, to }) =>
    received.push({ raw: raw.toString('latin1'), to }),
  );
  return { port: sink.port, received, close: () => sink.close() };
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface HarakaInstance {
  readonly port: number;
  /** Messages queue/quarantine stored, as text. */
  quarantined(): string[];
  /** Everything Haraka wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface HarakaOptions {
  /** Port of the next hop that `queue/smtp_forward` hands accepted mail to. */
  readonly forwardPort: number;
  /** The `[main]` section of `phiguard.ini`. */
  readonly phiguard: Readonly<Record<string, string>>;
}

/**
 * Writes a Haraka folder (config, a plugin that accepts every recipient, and a link to this
 * package in its node_modules) and starts Haraka on it. Rejects, with Haraka's output, when
 * Haraka exits or does not listen in time.
 */
export async function startHaraka(options: HarakaOptions): Promise<HarakaInstance> {
  if (!existsSync(HARAKA_BIN)) {
    throw new Error(`Haraka is not installed at ${HARAKA_BIN}: run pnpm install`);
  }
  const home = join(mkdtempSync(join(tmpdir(), 'phiguard-haraka-')), 'haraka');
  const port = await freePort();
  // `haraka -i` lays out an install folder with Haraka's default config, as an operator does.
  const install = spawnSync(process.execPath, [HARAKA_BIN, '-i', home], { encoding: 'utf8' });
  if (install.status !== 0) {
    throw new Error(`haraka -i failed (${install.status}): ${install.stderr}${install.stdout}`);
  }
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), text);
  };
  write('config/me', 'haraka.test\n');
  write('config/smtp.ini', `listen=127.0.0.1:${port}\nnodes=0\n`);
  write('config/log.ini', '[main]\nlevel=info\ntimestamps=false\n');
  // queue/quarantine stores what the plugin holds; it passes on everything else.
  write(
    'config/plugins',
    'accept_recipients\n@phiguard/haraka\nqueue/quarantine\nqueue/smtp_forward\n',
  );
  write('config/quarantine.ini', `quarantine_path=${join(home, 'quarantine')}\n`);
  write('config/smtp_forward.ini', `host=127.0.0.1\nport=${options.forwardPort}\n`);
  write(
    'config/phiguard.ini',
    `[main]\n${Object.entries(options.phiguard)
      .map(([key, value]) => `${key}=${value}\n`)
      .join('')}`,
  );
  // Haraka needs some plugin to accept recipients; relaying rules are not what is tested here.
  write('plugins/accept_recipients.js', 'exports.hook_rcpt = function (next) { next(OK); };\n');
  mkdirSync(join(home, 'node_modules', '@phiguard'), { recursive: true });
  symlinkSync(PACKAGE, join(home, 'node_modules', '@phiguard', 'haraka'), 'dir');

  // The source condition and tsx let Haraka import the plugin's TypeScript without a build.
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx/esm', HARAKA_BIN, '-c', home],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const instance: HarakaInstance = {
    port,
    output: () => output,
    quarantined: () =>
      filesUnder(join(home, 'quarantine')).map((file) => readFileSync(file, 'latin1')),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(forced);
      }
      rmSync(dirname(home), { recursive: true, force: true });
    },
  };
  try {
    await waitForListener(child, port, exited);
    await waitForOutput(() => output, /phiguard (ready|failed to load)/, exited);
  } catch (error) {
    await instance.stop();
    throw new Error(
      `Haraka did not start: ${(error as Error).message}\n--- Haraka output ---\n${output}`,
    );
  }
  return instance;
}

async function waitForListener(
  child: ChildProcess,
  port: number,
  exited: Promise<number | null>,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (gone) throw new Error(`it exited with code ${child.exitCode}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listened on port ${port} within ${START_TIMEOUT_MS} ms`);
}

/** Waits until the plugin has said whether it loaded: it builds its guard after Haraka listens. */
async function waitForOutput(
  output: () => string,
  pattern: RegExp,
  exited: Promise<number | null>,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + START_TIMEOUT_MS;
  while (!pattern.test(output())) {
    if (gone) throw new Error('it exited before the plugin loaded');
    if (Date.now() > until)
      throw new Error(`no ${pattern} in its log within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file under `folder` except queue/quarantine's `tmp`, where files are written first. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('/tmp'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
