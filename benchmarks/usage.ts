/** A flag's value was not what it should be: the message names the flag and what to write. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/** Whether `error` is a bad flag: ours, or one `node:util` parseArgs rejected. */
export function isUsageError(error: unknown): error is Error {
  return (
    error instanceof BenchUsageError ||
    ((error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') ?? false)
  );
}
