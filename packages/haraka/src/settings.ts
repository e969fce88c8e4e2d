import { isAbsolute } from 'node:path';

/**
 * What the plugin does with a message that is kept but must not go out as it is:
 * `stamp` accepts it with `X-Phiguard-Action` for the next hop or a queue plugin to route,
 * `defer` answers 4xx (the client keeps it and retries), `reject` answers 5xx, and, for
 * quarantine only, `hold` accepts it stamped and asks Haraka's `queue/quarantine` plugin to
 * store it instead of passing it on.
 */
export type Handling = 'stamp' | 'defer' | 'reject' | 'hold';

const HANDLINGS = {
  quarantine: ['stamp', 'hold', 'defer', 'reject'],
  encrypt: ['stamp', 'defer', 'reject'],
} as const satisfies Record<string, readonly Handling[]>;

/** The plugin's settings, typed and checked. */
export interface Settings {
  /** Absolute path of a policy file (`.phg` or `.json`); the hipaa-baseline pack when absent. */
  readonly policy?: string;
  readonly internalDomains: readonly string[];
  readonly quarantine: Handling;
  readonly encrypt: Handling;
  /** Time for one decision, in milliseconds; past it the message is deferred. */
  readonly timeoutMs: number;
}

/**
 * Default time for one decision: under Haraka's own 30 s plugin timeout, so the plugin
 * reports its own reason code before Haraka gives up on the hook.
 */
const DEFAULT_TIMEOUT_SECONDS = 25;

/** A setting in `phiguard.ini` has a value the plugin cannot use. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`phiguard.ini: main.${key} ${problem}`);
  }
}

/**
 * Reads the `[main]` section of `phiguard.ini` as Haraka parsed it (every value a string,
 * or absent). Unknown keys are refused, so a misspelt key cannot silently keep a default.
 */
export function readSettings(ini: { readonly main?: Readonly<Record<string, unknown>> }): Settings {
  const main = ini.main ?? {};
  const known = new Set(['policy', 'internal_domains', 'quarantine', 'encrypt', 'timeout']);
  for (const key of Object.keys(main)) {
    if (!known.has(key)) {
      throw new SettingsError(key, `is not a setting (expected ${[...known].join(', ')})`);
    }
  }
  const text = (key: string): string | undefined => {
    const value = main[key];
    if (value === undefined || value === null || value === '') return undefined;
    return String(value).trim();
  };

  const policy = text('policy');
  if (policy !== undefined && !isAbsolute(policy)) {
    throw new SettingsError('policy', `'${policy}' is relative (write an absolute path)`);
  }
  const handling = (key: 'quarantine' | 'encrypt'): Handling => {
    const value = text(key) ?? 'stamp';
    const allowed: readonly string[] = HANDLINGS[key];
    if (!allowed.includes(value)) {
      throw new SettingsError(key, `is '${value}' (expected ${allowed.join(', ')})`);
    }
    return value as Handling;
  };
  const seconds = Number(text('timeout') ?? DEFAULT_TIMEOUT_SECONDS);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SettingsError('timeout', `is '${text('timeout')}' (expected seconds above 0)`);
  }

  return {
    ...(policy === undefined ? {} : { policy }),
    internalDomains: (text('internal_domains') ?? '').split(/[\s,]+/).filter(Boolean),
    quarantine: handling('quarantine'),
    encrypt: handling('encrypt'),
    timeoutMs: seconds * 1000,
  };
}
