export * from '@phiguard/core';
export {
  type AttachmentInfo,
  type Extraction,
  extractFile,
  extractMessage,
  type LimitsInput,
  type Segment,
  type StructuredMessage,
  sniffType,
  UNSCANNABLE_REASONS,
  type Unscannable,
} from '@phiguard/extract';
export {
  type AuditRecord,
  type Decision,
  decide,
  explainDecision,
  explainReason,
  type MessageContext,
  type Reason,
  redact,
} from '@phiguard/policy';
export {
  type CompiledPolicy,
  checkPolicy,
  loadPolicy,
  loadPolicyJson,
  loadPolicyText,
  PACKS,
  PolicyError,
} from '@phiguard/rules';
export {
  AuditKeyError,
  createGuard,
  type Envelope,
  Guard,
  type GuardLogger,
  type GuardOptions,
  type Inspection,
  type LogFields,
  type SegmentSummary,
  type Verdict,
} from './guard.js';
export {
  createGuardPool,
  GuardPool,
  GuardPoolBusyError,
  GuardPoolClosedError,
  type GuardPoolOptions,
  GuardWorkerError,
} from './pool/guard-pool.js';
export { InspectionTimeoutError, withTimeout } from './timeout.js';
