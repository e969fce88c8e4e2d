/**
 * pnpm bench [speed flags]: the accuracy benchmark on its default corpora, then the speed
 * benchmark, into one HTML report (.bench-out/report.html) that charts both. Flags go to
 * the speed benchmark (SPEED_USAGE); run `pnpm bench:accuracy` alone to choose corpora.
 */
import { restartWithSource, runEntry } from './source.js';

restartWithSource();
const { runAccuracyCommand } = await import('./accuracy/command.js');
const { parseSpeedArgs, runSpeedCommand, SPEED_USAGE } = await import('./speed/cli.js');
await runEntry(SPEED_USAGE, async () => {
  const argv = process.argv.slice(2);
  // Flags are checked before the accuracy run, so a typo fails at once.
  const speedOptions = parseSpeedArgs(argv);
  const accuracy = await runAccuracyCommand({}, undefined, 'pnpm bench');
  process.stdout.write('\n');
  const { htmlPath, jsonPath } = await runSpeedCommand(
    { ...speedOptions, accuracy: speedOptions.accuracy ?? accuracy.jsonPath },
    undefined,
    `pnpm bench ${argv.join(' ')}`.trim(),
  );
  process.stderr.write(
    `report: ${htmlPath}\naccuracy report: ${accuracy.htmlPath}\n` +
      `numbers: ${jsonPath}, ${accuracy.jsonPath}\n`,
  );
});
