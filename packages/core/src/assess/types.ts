import type { FindingClass, SafeHarborClass } from '../classes.js';
import type { AssessmentReason } from './reasons.js';

export type { AssessmentReason } from './reasons.js';

/** How often one detector fired in the assessed findings. */
export interface DetectorEvidence {
  readonly detector: string;
  readonly class: FindingClass;
  readonly count: number;
  /** Distinct values, counted by fingerprint. */
  readonly distinct: number;
}

/**
 * The judgement on a whole text or message: does it hold PHI, that is, an identifier of a
 * person together with health information? It holds counts and detector ids only.
 */
export interface Assessment {
  /** Safe Harbor identifier classes found at medium confidence or above. */
  readonly identifierClasses: readonly SafeHarborClass[];
  /** True when health information (codes or clinical terms) was found. */
  readonly healthInformation: boolean;
  /** The verdict. */
  readonly phi: boolean;
  /** How sure the verdict is, 0 to 1. */
  readonly confidence: number;
  readonly evidence: {
    readonly detectors: readonly DetectorEvidence[];
    /**
     * The smallest distance in characters between an identifier and a clinical signal in
     * the same segment, or null when there is no such pair.
     */
    readonly nearestIdentifierToHealth: number | null;
    /** Distinct identifier values across all classes, by fingerprint. */
    readonly distinctIdentifiers: number;
  };
  /** Reason codes for the verdict, such as `identifier_near_health_information`. */
  readonly reasons: readonly AssessmentReason[];
}
