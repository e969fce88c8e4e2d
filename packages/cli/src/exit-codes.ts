/**
 * Exit codes. "Policy says block", "PHI found" and "the scanner broke" are different
 * outcomes and get different codes, so scripts can tell them apart; a broken scanner still
 * fails closed (non-zero).
 */
export const EXIT = {
  /** `scan`: nothing found. `hook`: the message may be sent as it is. */
  ok: 0,
  /** `scan`: PHI found, or with `--policy` a decision other than allow. */
  found: 1,
  /** Bad arguments, an unreadable policy file, an unknown option. */
  usage: 2,
  /** `scan`: at least one part could not be read (and nothing else was found). */
  unscannable: 3,
  /** `hook`: send only encrypted. */
  encrypt: 10,
  /** `hook`: hold the message for review. */
  quarantine: 11,
  /** `hook`: do not send. */
  block: 12,
  /** `hook`: the scanner failed; the message must not be sent as it is. */
  failed: 13,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
