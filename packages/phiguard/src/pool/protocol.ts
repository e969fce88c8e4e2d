import type { LimitsInput } from '@phiguard/extract';
import type { Envelope, Inspection, LogFields, Verdict } from '../guard.js';

/** What a pool worker builds its guard from: plain data, copied into the worker. */
export interface WorkerSettings {
  /** Policy text as `checkPolicy` reads it, and its name; the default pack when absent. */
  readonly policyText: string | undefined;
  readonly policyName: string | undefined;
  readonly internalDomains: readonly string[];
  /** One key per pool, so every worker fingerprints and hashes alike. */
  readonly fingerprintKey: Uint8Array;
  readonly auditKey: Uint8Array;
  readonly limits: LimitsInput | undefined;
  readonly includeSegmentText: boolean;
  /** Whether to send debug events back. */
  readonly logs: boolean;
}

/** One inspection for a worker; the bytes are a copy the worker owns. */
export type Request =
  | {
      readonly id: number;
      readonly kind: 'message';
      readonly bytes: Uint8Array;
      readonly envelope: Envelope;
      /** Send back the verdict only: an adapter needs no more, and it is cheap to copy. */
      readonly verdictOnly: boolean;
    }
  | {
      readonly id: number;
      readonly kind: 'file';
      readonly bytes: Uint8Array;
      readonly filename: string | undefined;
      readonly envelope: Envelope;
    };

/** What a worker sends back. A failure carries the error's class name only, never its text. */
export type Reply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: number; readonly inspection: Inspection }
  | { readonly kind: 'verdict'; readonly id: number; readonly verdict: Verdict }
  | { readonly kind: 'failed'; readonly id: number; readonly name: string }
  | { readonly kind: 'log'; readonly event: string; readonly fields?: LogFields };
