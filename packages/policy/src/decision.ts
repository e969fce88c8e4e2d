import type { Action, Mode, OverrideKind, Strength } from '@phiguard/rules';

/** How often one detector appears in a piece of evidence. */
export interface DetectorCount {
  readonly detector: string;
  readonly class: string;
  readonly count: number;
  /** Distinct values, by fingerprint. */
  readonly distinct: number;
}

/** A part that could not be read, with its location reduced (file names hidden). */
export interface UnscannableEvidence {
  readonly location: string;
  readonly reason: string;
}

/** What a rule saw. Never a value: masked forms, keyed fingerprints, counts and places. */
export interface Evidence {
  readonly detectors: readonly DetectorCount[];
  /** Reduced locations of the findings, distinct, in order of first appearance. */
  readonly locations: readonly string[];
  /** Masked forms of the first few findings, such as `***-**-6789`. */
  readonly masked: readonly string[];
  /** Fingerprints of the distinct values, at most `MAX_EVIDENCE_VALUES`. */
  readonly fingerprints: readonly string[];
  readonly unscannable: readonly UnscannableEvidence[];
  readonly externalRecipients: number;
}

/**
 * Why the decision is what it is: one per rule that fired, plus the codes the decision
 * itself adds (`unscannable_unhandled`, `evaluation_failed`). English comes from
 * `explainReason`, never from here.
 */
export interface Reason {
  /** Snake_case code, such as `bulk_identifiers`. */
  readonly code: string;
  /** The rule that fired; absent for codes the decision adds itself. */
  readonly rule?: string;
  readonly action: Action;
  readonly strength?: Strength;
  readonly override: OverrideKind;
  readonly mode: Mode;
  readonly evidence: Evidence;
}

/** What should happen to a message, and why. */
export interface Decision {
  /** The action to enforce: the strictest among enforce-mode reasons, `allow` if none. */
  readonly action: Action;
  /** `audit` when an audit-mode rule asked for a stricter action than the one enforced. */
  readonly mode: Mode;
  /** The action had every rule been enforced. */
  readonly auditAction: Action;
  /** For `encrypt`: `end-to-end` if any enforcing rule asked for it, else `transport`. */
  readonly strength?: Strength;
  /** `with_justification` when every rule that set the action allows a justified override. */
  readonly override: OverrideKind;
  readonly reasons: readonly Reason[];
  readonly unscannable: readonly UnscannableEvidence[];
  readonly audit: AuditRecord;
}

/** A record fit to store: counts, ids, hashes and reduced locations; never a value. */
export interface AuditRecord {
  readonly version: 1;
  /** ISO 8601. */
  readonly decidedAt: string;
  readonly policy: { readonly name: string; readonly digest: string };
  /** HMAC-SHA256 of the Message-ID under the audit key (`hmac:` + hex), unless kept as given. */
  readonly messageId?: string;
  readonly action: Action;
  readonly mode: Mode;
  readonly auditAction: Action;
  readonly strength?: Strength;
  readonly override: OverrideKind;
  readonly rules: readonly {
    readonly rule?: string;
    readonly code: string;
    readonly action: Action;
    readonly mode: Mode;
  }[];
  readonly findings: readonly DetectorCount[];
  /** Findings dropped because the policy allow-lists their values. */
  readonly allowListed: number;
  readonly unscannable: readonly UnscannableEvidence[];
  readonly recipients: {
    readonly count: number;
    readonly external: number;
    /** HMAC-SHA256 of each lower-cased address under the audit key. */
    readonly hashed: readonly string[];
  };
  readonly sender?: string;
  readonly size?: number;
}

/** Precedence of actions: a stricter action wins. */
export const ACTION_RANK: Readonly<Record<Action, number>> = {
  allow: 0,
  encrypt: 1,
  quarantine: 2,
  block: 3,
};

/** Masked values and fingerprints kept per reason; counts always cover everything. */
export const MAX_EVIDENCE_VALUES = 10;
