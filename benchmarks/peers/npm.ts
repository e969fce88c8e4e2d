/**
 * The npm packages people use today for this, each with its own default detectors, on the
 * same documents as phiguard: openredaction (`detect`) and redact-pii (`SyncRedactor`).
 * Both are loaded lazily, so a missing or broken package is reported, not fatal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { timeScans } from '../speed/engine.js';
import type { Throughput } from '../speed/stats.js';

const require = createRequire(import.meta.url);

export interface PeerResult {
  readonly name: string;
  readonly version: string;
  readonly available: boolean;
  /** Why it did not run, as a sentence; only when unavailable. */
  readonly reason?: string;
  readonly throughput?: Throughput;
}

type ScanOne = (text: string) => unknown;

interface Peer {
  readonly name: string;
  load(): Promise<ScanOne>;
}

/** The installed version, read from the package.json above its entry point. */
function versionOf(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    while (dir !== dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      }
      dir = dirname(dir);
    }
  } catch {
    // A package that cannot be resolved is reported unavailable when it is loaded.
  }
  return 'unknown';
}

export const PEERS: readonly Peer[] = [
  {
    name: 'openredaction',
    async load() {
      const { OpenRedaction } = (await import('openredaction')) as {
        OpenRedaction: new () => { detect(text: string): Promise<unknown> };
      };
      const engine = new OpenRedaction();
      return (text) => engine.detect(text);
    },
  },
  {
    name: 'redact-pii',
    async load() {
      const { SyncRedactor } = require('redact-pii') as {
        SyncRedactor: new () => { redact(text: string): string };
      };
      const engine = new SyncRedactor();
      return (text) => engine.redact(text);
    },
  },
];

export async function measurePeer(
  peer: Peer,
  documents: readonly string[],
  options: { runs: number; warmupBytes: number; onRun?: () => void },
): Promise<PeerResult> {
  const version = versionOf(peer.name);
  let scanOne: ScanOne;
  try {
    scanOne = await peer.load();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { name: peer.name, version, available: false, reason: `it failed to load: ${reason}` };
  }
  const throughput = await timeScans(documents, scanOne, options);
  return { name: peer.name, version, available: true, throughput };
}
