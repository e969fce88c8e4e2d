/**
 * What `decide` reads. The shapes are structural so that policy depends on no extraction
 * code: core's located findings fit `ScanFinding`, extraction's unscannable entries and
 * attachment facts fit the others.
 */

/** One finding, without its value: core's `LocatedFinding` fits. */
export interface ScanFinding {
  readonly detector: string;
  readonly class: string;
  readonly level: 'low' | 'medium' | 'high';
  readonly start: number;
  readonly end: number;
  readonly masked: string;
  readonly fingerprint: string;
  /** Index of the segment the offsets refer to; findings without one share segment 0. */
  readonly segment?: number;
  readonly location?: string;
  /** `subject`, `header`, `body`, `attachment`, `filename`, or `text`. */
  readonly area?: string;
}

/** A part that could not be read; `detail` is never copied into a decision. */
export interface UnscannablePart {
  readonly location: string;
  readonly reason: string;
  readonly detail?: string;
}

/** What is known about an attachment, without its content. */
export interface AttachmentFact {
  readonly location: string;
  /** The type sniffed from the bytes, such as `pdf`, `xlsx`, `zip`. */
  readonly detectedType: string;
  readonly size?: number;
}

/** The outcome of scanning one message. */
export interface ScanInput {
  readonly findings: readonly ScanFinding[];
  readonly unscannable?: readonly UnscannablePart[];
  readonly attachments?: readonly AttachmentFact[];
  /** Core's assessment; when absent, PHI means an identifier and health information. */
  readonly assessment?: { readonly phi: boolean };
  /** Size of the message in bytes. */
  readonly size?: number;
}

/** Facts about the message that are not in its content. Addresses here are PHI-grade. */
export interface MessageContext {
  readonly messageId?: string;
  readonly sender?: string;
  /** Every envelope recipient: to, cc and bcc. */
  readonly recipients: readonly string[];
  /** Domains of the organisation, added to the policy's `internal domains`. */
  readonly internalDomains?: readonly string[];
}
