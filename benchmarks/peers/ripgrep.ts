/**
 * ripgrep as the raw-regex baseline: the patterns a plain PHI grep would use, all in one
 * pass over the corpus file (`rg -c -f patterns`). It validates nothing and weighs no
 * context, so it bounds from above what a regex-only engine can do on this text.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../speed/stats.js';

/** Named patterns in ripgrep's (Rust regex) syntax, one per line in the pattern file. */
export const RIPGREP_PATTERNS: readonly { name: string; pattern: string }[] = [
  { name: 'ssn', pattern: String.raw`\b\d{3}-\d{2}-\d{4}\b` },
  { name: 'phone', pattern: String.raw`(?:\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b` },
  { name: 'email', pattern: String.raw`\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b` },
  { name: 'date numeric', pattern: String.raw`\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b` },
  { name: 'date iso', pattern: String.raw`\b\d{4}-\d{2}-\d{2}\b` },
  {
    name: 'date words',
    pattern: String.raw`\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}\b`,
  },
  {
    name: 'mrn',
    pattern: String.raw`\b(?:MRN|Medical Record|Record No)[.:#\s]*[A-Z]{0,3}\d{5,10}\b`,
  },
  { name: 'icd10', pattern: String.raw`\b[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?\b` },
  { name: 'mbi', pattern: String.raw`\b[1-9][A-Z][A-Z0-9]\d[A-Z][A-Z0-9]\d[A-Z]{2}\d{2}\b` },
  { name: 'npi', pattern: String.raw`\b\d{10}\b` },
  { name: 'zip', pattern: String.raw`\b\d{5}(?:-\d{4})?\b` },
  { name: 'ip', pattern: String.raw`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b` },
];

/** ripgrep is not installed and cannot be installed from here. */
export class RipgrepUnavailableError extends Error {
  override readonly name = 'RipgrepUnavailableError';
}

function canRun(binary: string): boolean {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

/**
 * Makes sure `rg` runs: as root it installs Debian's `ripgrep` package, otherwise it throws
 * with what to run. The ratio to ripgrep is one of the speed targets, so a fresh machine
 * should not drop it from a run.
 */
export function ensureRipgrep(): void {
  if (canRun('rg')) return;
  if (process.getuid?.() !== 0) {
    throw new RipgrepUnavailableError(
      'ripgrep is not installed and this process is not root; install it with ' +
        '`sudo apt-get install -y ripgrep` (or from https://github.com/BurntSushi/ripgrep) ' +
        'and run again',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', 'ripgrep'], { env, stdio: 'ignore' }).status;
  // A machine whose package lists were never fetched knows no ripgrep until an update.
  let status = install();
  if (status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    status = install();
  }
  if (status !== 0 || !canRun('rg')) {
    throw new RipgrepUnavailableError(
      `apt-get could not install ripgrep (exit ${status}); check that Debian's package ` +
        'repositories are reachable, or install ripgrep by hand',
    );
  }
}

export interface RipgrepResult {
  readonly available: boolean;
  /** `rg --version`'s first line, or why it did not run. */
  readonly version: string;
  readonly patterns: number;
  /** `rg -c`: counts matching lines, so it may stop at a line's first match. */
  readonly countLines?: { medianSeconds: number; mbPerSecond: number; lines: number };
  /** `rg --count-matches`: finds every match, the closer equivalent of a scanner. */
  readonly countMatches?: { medianSeconds: number; mbPerSecond: number; matches: number };
}

function timeRg(
  binary: string,
  args: readonly string[],
  runs: number,
): { seconds: number; stdout: string } {
  const seconds: number[] = [];
  let stdout = '';
  // The first call is a warm-up: it brings the file into the page cache.
  for (let run = 0; run <= runs; run++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    // Exit 1 means no line matched, which is a result, not a failure.
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`rg exited with ${r.status}: ${r.stderr.slice(0, 200)}`);
    if (run > 0) seconds.push(elapsed);
    stdout = r.stdout;
  }
  return { seconds: median(seconds), stdout };
}

/**
 * Runs ripgrep over `file` (`bytes` long) with all patterns in one pass, when it is
 * installed; `binary` is the command to run, found on PATH unless it is a path.
 */
export function measureRipgrep(
  file: string,
  bytes: number,
  runs: number,
  workDir: string,
  binary = 'rg',
): RipgrepResult {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { available: false, version: 'not installed', patterns: RIPGREP_PATTERNS.length };
  }
  mkdirSync(workDir, { recursive: true });
  const patternFile = join(workDir, 'ripgrep-patterns.txt');
  writeFileSync(patternFile, `${RIPGREP_PATTERNS.map((p) => p.pattern).join('\n')}\n`);
  // One thread, like one phiguard worker; no config file, so a user's settings cannot change it.
  const base = ['--no-config', '--threads', '1', '-f', patternFile];
  const lines = timeRg(binary, [...base, '-c', file], runs);
  const matches = timeRg(binary, [...base, '--count-matches', file], runs);
  return {
    available: true,
    version: probe.stdout.split('\n')[0] ?? 'ripgrep',
    patterns: RIPGREP_PATTERNS.length,
    countLines: {
      medianSeconds: lines.seconds,
      mbPerSecond: bytes / 1e6 / lines.seconds,
      lines: Number(lines.stdout.trim()) || 0,
    },
    countMatches: {
      medianSeconds: matches.seconds,
      mbPerSecond: bytes / 1e6 / matches.seconds,
      matches: Number(matches.stdout.trim()) || 0,
    },
  };
}
