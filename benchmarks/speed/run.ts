/**
 * pnpm bench:speed [--size 20] [--quick] [--out report.html] ...  (flags: SPEED_USAGE)
 */
import { restartWithSource, runEntry } from '../source.js';

restartWithSource();
const { parseSpeedArgs, runSpeedCommand, SPEED_USAGE } = await import('./cli.js');
await runEntry(SPEED_USAGE, async () => {
  const argv = process.argv.slice(2);
  const command = `pnpm bench:speed ${argv.join(' ')}`.trim();
  const { htmlPath, jsonPath } = await runSpeedCommand(parseSpeedArgs(argv), undefined, command);
  process.stderr.write(`report: ${htmlPath}\nnumbers: ${jsonPath}\n`);
});
