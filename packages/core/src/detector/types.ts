import type { DateRole, FindingClass } from '../classes.js';

/** Words near a match that change how sure the engine is. */
export interface ContextGroup {
  /** Words or phrases, matched as whole words, case-insensitively; spaces match any run. */
  readonly words: readonly string[];
  /** `raise` words make a match more likely to be what the detector looks for. */
  readonly effect: 'raise' | 'lower';
  /** How far the confidence moves; 0.3 up and 0.35 down unless set. */
  readonly weight?: number;
  /** The role these words give a date ("date of birth" gives `birth`). */
  readonly role?: DateRole;
}

/** One way an identifier is written. */
export interface PatternDefinition {
  /** Short name, unique within the detector, reported with each finding. */
  readonly name: string;
  /**
   * An re2 pattern (no lookaround, no backreferences). If it has a named group `value`,
   * that group is the identifier and the rest is the label around it.
   */
  readonly regex: string;
  readonly ignoreCase?: boolean;
  /** Confidence from 0 to 1 before context is weighed. */
  readonly confidence: number;
  /** Report a match only when a `raise` word is within the window. */
  readonly requiresContext?: boolean;
}

/** What a validator learns about a match besides its value. */
export interface MatchFacts {
  readonly pattern: string;
  /** The named groups of the match, in normalised text. */
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** The normalised text the match was found in, and where. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A validator's verdict: `false` rejects the match, `true` keeps it at the pattern's
 * confidence, a number replaces that confidence.
 */
export type Verdict = boolean | number;

/** A labelled example that must be found: `value` is the text the finding must cover. */
export interface PositiveSample {
  readonly text: string;
  readonly value: string;
  readonly role?: DateRole;
  readonly why?: string;
}

/** A labelled example that must not be reported at medium or high confidence, and why. */
export interface NegativeSample {
  readonly text: string;
  readonly why: string;
}

/**
 * Work on one text that the searches of several detectors need (splitting it into words,
 * say), done once per text: the scanner passes one memo per text to every `find`.
 */
export interface TextMemo {
  /**
   * What `derive` makes of the text, made on the first call and kept until the scan ends.
   * `derive` gets this memo too, so one derived thing can be built on another.
   */
  of<T>(derive: (text: string, memo: TextMemo) => T): T;
}

/** A candidate found by a detector's own search rather than by its patterns. */
export interface FoundCandidate {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly pattern: string;
}

/**
 * Everything the engine knows about one detector. Each built-in detector is declared in one
 * file under `detectors/`, with the samples that pin its behaviour.
 */
export interface DetectorDefinition {
  /** Stable id, used in findings, rules and reports (`ssn`, `npi`, `icd10cm`). */
  readonly id: string;
  readonly class: FindingClass;
  /** Who defines the format: `SSA`, `CMS`, `DEA`, `IETF`, or `convention`. */
  readonly authority: string;
  /** One sentence on what it finds. */
  readonly summary: string;
  /** One sentence on what it does not cover. */
  readonly limitations: string;
  readonly patterns: readonly PatternDefinition[];
  /**
   * Finds candidates by other means (dictionaries, automata), on normalised text. `memo`
   * shares work on the text with the other detectors of the scan; absent outside a scan.
   */
  readonly find?: (text: string, memo?: TextMemo) => Iterable<FoundCandidate>;
  /** Rejects values that cannot be real: known-invalid ranges, published sample numbers. */
  readonly prune?: (value: string) => boolean;
  /** Checksums and structural rules. */
  readonly validate?: (value: string, facts: MatchFacts) => Verdict;
  readonly context?: readonly ContextGroup[];
  /** Characters searched for context words before and after a match. */
  readonly window?: { readonly before: number; readonly after: number };
  /** How a value is shown in reports; the class default when absent. */
  readonly mask?: (value: string) => string;
  /** The form equal values share before fingerprinting; letters and digits, upper case. */
  readonly canonical?: (value: string) => string;
  /** Wins ties between overlapping findings of equal confidence and length. */
  readonly priority?: number;
  readonly samples: {
    readonly positive: readonly PositiveSample[];
    readonly negative: readonly NegativeSample[];
  };
}
