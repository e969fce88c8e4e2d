/** Log levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The CLI's logger: one line per event on stderr, the event code first, then fields.
 * Callers pass codes and counts, never content: nothing logged here can hold a matched
 * value, because nothing here receives one.
 */
export interface Logger {
  log(
    level: LogLevel,
    event: string,
    fields?: Record<string, string | number | boolean | undefined>,
  ): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  return {
    log(eventLevel, event, fields = {}) {
      if (LOG_LEVELS.indexOf(eventLevel) > threshold) return;
      const parts = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : v}`);
      write(`phiguard ${eventLevel} ${event}${parts.length > 0 ? ` ${parts.join(' ')}` : ''}\n`);
    },
  };
}
