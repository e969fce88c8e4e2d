/**
 * @phiguard/benchmarks: what `pnpm bench:*` and `phiguard bench` call. The CLI loads this
 * module only when a bench command runs, so the peers and the generator stay out of its
 * start-up.
 */
export {
  ACCURACY_USAGE,
  type AccuracyCommandOptions,
  type AccuracyCommandResult,
  parseAccuracyArgs,
  runAccuracyCommand,
} from './accuracy/command.js';
export { GoldFormatError, readGoldCorpus } from './accuracy/gold.js';
export { type CorpusAccuracy, evaluateCorpus } from './accuracy/measure.js';
export { type BenchMessage, buildMailSet, plainMessage } from './corpus/mail.js';
export {
  BENCH_OUT,
  buildSpeedCorpus,
  type SpeedCorpus,
  type SpeedCorpusOptions,
} from './corpus/text.js';
export { PEERS, type PeerResult } from './peers/npm.js';
export { RIPGREP_PATTERNS, type RipgrepResult } from './peers/ripgrep.js';
export { type AccuracyTable, accuracyTables, readAccuracy } from './report/accuracy.js';
export { renderHtml } from './report/html.js';
export { renderMarkdown } from './report/markdown.js';
export type { ProgressSink } from './report/progress.js';
export {
  describeMachine,
  type Machine,
  type Ratio,
  runSpeedBenchmark,
  type SpeedOptions,
  type SpeedReport,
} from './speed/benchmark.js';
export {
  parseSpeedArgs,
  runSpeedCommand,
  SPEED_USAGE,
  type SpeedCommandOptions,
  type SpeedCommandResult,
} from './speed/cli.js';
export { BenchUsageError, isUsageError } from './usage.js';
