/**
 * The benchmarks measure the TypeScript source of the working tree. Workspace packages
 * resolve to their source only under the `source` export condition; an entry started
 * without it calls `restartWithSource`, which runs the same command again with it and
 * exits with its code, so the numbers never come from a stale build.
 */
import { spawnSync } from 'node:child_process';

export function restartWithSource(): void {
  if (import.meta.resolve('@phiguard/core').endsWith('.ts')) return;
  const again = spawnSync(
    process.execPath,
    ['--conditions=source', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(again.status ?? 1);
}

/** Runs `main`, turning a bad flag into its message, the usage, and exit code 2. */
export async function runEntry(usage: string, main: () => Promise<void>): Promise<void> {
  const { isUsageError } = await import('./usage.js');
  const { GoldFormatError } = await import('./accuracy/gold.js');
  try {
    await main();
  } catch (error) {
    if (isUsageError(error)) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      process.exit(2);
    }
    if (error instanceof GoldFormatError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
