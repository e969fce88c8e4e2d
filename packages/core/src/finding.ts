import type { DateRole, FindingClass } from './classes.js';

export type ConfidenceLevel = 'low' | 'medium' | 'high';

/** Confidence at or above which a finding is `medium`, and `high`. */
export const LEVEL_THRESHOLDS = { medium: 0.5, high: 0.8 } as const;

export function levelOf(confidence: number): ConfidenceLevel {
  if (confidence >= LEVEL_THRESHOLDS.high) return 'high';
  if (confidence >= LEVEL_THRESHOLDS.medium) return 'medium';
  return 'low';
}

const LEVEL_RANK: Record<ConfidenceLevel, number> = { low: 0, medium: 1, high: 2 };

/** True when `level` is `minimum` or above. */
export function atLeast(level: ConfidenceLevel, minimum: ConfidenceLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[minimum];
}

/** A context word that moved a finding's confidence. Context words are never PHI. */
export interface ContextEvidence {
  readonly word: string;
  readonly effect: 'raise' | 'lower';
}

/**
 * One place where a detector found what it looks for. It never holds the matched value:
 * `masked` is safe to show and `fingerprint` is a keyed hash for counting equal values.
 */
export interface Finding {
  readonly detector: string;
  readonly pattern: string;
  readonly class: FindingClass;
  /** UTF-16 offsets into the text as the caller passed it; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly level: ConfidenceLevel;
  readonly context: readonly ContextEvidence[];
  readonly masked: string;
  /** HMAC-SHA256 of the class and canonical value under the scanner's key, hex. */
  readonly fingerprint: string;
  /** For dates: the role the words around it show. */
  readonly role?: DateRole;
}

/** A finding in one segment of a larger input (a message part, a PDF page). */
export interface LocatedFinding extends Finding {
  /** Index of the segment in the list that was scanned. */
  readonly segment: number;
  /** Where the finding is, as precise as the segment tells: `attachment[1]:a.pdf#page=2`. */
  readonly location: string;
  /** The segment's area (`subject`, `body`, `attachment`, `filename`...), or `text`. */
  readonly area: string;
}
