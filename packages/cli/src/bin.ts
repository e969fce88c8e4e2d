#!/usr/bin/env node
import { closeOcr } from '@phiguard/extract';
import { EXIT } from './exit-codes.js';
import { runCli } from './program.js';

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
})
  .catch((error: unknown) => {
    // An unexpected failure: say what kind, never what content, and fail closed.
    const kind = error instanceof Error ? error.name : 'unknown';
    process.stderr.write(`phiguard error internal_failure kind=${kind}\n`);
    return EXIT.failed;
  })
  .then(async (code) => {
    await closeOcr().catch(() => undefined);
    process.exitCode = code;
  });
