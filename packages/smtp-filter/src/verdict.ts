/** What the filter does with a message. */
export type FilterAction = 'allow' | 'encrypt' | 'quarantine' | 'block';

/** A decision about one message, as the filter needs it. Reason codes only: never content. */
export interface Verdict {
  readonly action: FilterAction;
  /** Reason codes (`phi_to_external_recipient`, `unscannable_content`...). */
  readonly reasons: readonly string[];
  /** For `encrypt`: how strong the protection must be. */
  readonly encryption?: 'transport' | 'end-to-end';
}

/** The SMTP envelope of a message. */
export interface Envelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
}

/** Decides one message. A thrown error or a rejected promise fails closed (4xx, retry). */
export type Inspect = (message: Buffer, envelope: Envelope) => Promise<Verdict>;
