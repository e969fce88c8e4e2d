/**
 * The progress bar of the benchmark commands: drawn on stderr when it is a terminal, and
 * absent otherwise, so logs and pipes stay clean.
 */
import cliProgress from 'cli-progress';

export interface ProgressSink {
  start(total: number): void;
  step(label: string): void;
  stop(): void;
}

/** A bar named `name` on stderr, or `undefined` when `enabled` is false or stderr no TTY. */
export function progressBar(
  name: string,
  enabled: boolean = process.stderr.isTTY === true,
): ProgressSink | undefined {
  if (!enabled) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: `${name} {bar} {value}/{total} {step}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(total, 0, { step: 'starting' }),
    step: (label) => bar.increment(1, { step: label }),
    stop: () => bar.stop(),
  };
}
