/**
 * pnpm bench:accuracy [--corpus DIR]... [--generate 200] ...  (flags: ACCURACY_USAGE)
 *
 * Without --corpus it scores the committed examples, a generated corpus (cached in
 * .bench-out/generated) and the development halves of ASQ-PHI and PhysioNet deid.
 */
import { restartWithSource, runEntry } from '../source.js';

restartWithSource();
const { ACCURACY_USAGE, parseAccuracyArgs, runAccuracyCommand } = await import('./command.js');
await runEntry(ACCURACY_USAGE, async () => {
  const argv = process.argv.slice(2);
  const command = `pnpm bench:accuracy ${argv.join(' ')}`.trim();
  const { htmlPath, jsonPath } = await runAccuracyCommand(
    parseAccuracyArgs(argv),
    undefined,
    command,
  );
  process.stderr.write(`report: ${htmlPath}\nnumbers: ${jsonPath}\n`);
});
