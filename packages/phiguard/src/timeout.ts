/** A decision did not come within its time; integrations answer it with a temporary failure. */
export class InspectionTimeoutError extends Error {
  override readonly name = 'InspectionTimeoutError';
}

/**
 * Settles like `promise`, or rejects with `InspectionTimeoutError` once `milliseconds` have
 * passed. Only the wait ends: work already started goes on (the extractors bound their own).
 *
 * @example
 * const { decision } = await withTimeout(guard.inspectMessage(raw), 25_000);
 */
export function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new InspectionTimeoutError(`no decision within ${milliseconds} ms`)),
      milliseconds,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
