import { UNSCANNABLE_REASONS, type UnscannableReason } from './types.js';

/**
 * An error a reader throws when it knows why a file cannot be read. The orchestration
 * records it with its own reason instead of the generic `extractor_failed`. `detail` must
 * not quote content: it is shown in reports and logs.
 */
export class UnscannableError extends Error {
  override readonly name = 'UnscannableError';
  constructor(
    readonly reason: UnscannableReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/**
 * Turns anything thrown into a reason and a detail that quotes no content. Messages of
 * foreign errors are dropped on purpose: parsers quote the input in them (JSON.parse shows
 * the offending text), so only the error's class name is kept.
 */
export function describeError(error: unknown): { reason: UnscannableReason; detail: string } {
  if (error instanceof UnscannableError) return { reason: error.reason, detail: error.detail };
  if (isReasoned(error)) return { reason: error.reason, detail: error.detail };
  const name = error instanceof Error ? error.name || 'Error' : typeof error;
  return { reason: 'extractor_failed', detail: `the reader threw ${name}` };
}

/** Errors from other readers that carry a known reason and a detail, duck-typed. */
function isReasoned(error: unknown): error is { reason: UnscannableReason; detail: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { reason, detail } = error as { reason?: unknown; detail?: unknown };
  return (
    typeof detail === 'string' &&
    typeof reason === 'string' &&
    (UNSCANNABLE_REASONS as readonly string[]).includes(reason)
  );
}
