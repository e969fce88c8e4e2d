export { type DecideOptions, decide } from './decide.js';
export {
  ACTION_RANK,
  type AuditRecord,
  type Decision,
  type DetectorCount,
  type Evidence,
  MAX_EVIDENCE_VALUES,
  type Reason,
  type UnscannableEvidence,
} from './decision.js';
export { DEFAULT_LEVEL } from './evaluate.js';
export {
  type FixtureExpectation,
  type FixtureResult,
  type FixtureScanner,
  type PolicyTestReport,
  readExpectation,
  runPolicyTests,
} from './fixtures.js';
export type {
  AttachmentFact,
  MessageContext,
  ScanFinding,
  ScanInput,
  UnscannablePart,
} from './input.js';
export { reduceLocation } from './locations.js';
export { explainDecision, explainReason } from './reasons.js';
export { type RedactableFinding, type RedactOptions, redact } from './redact.js';
