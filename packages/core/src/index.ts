export {
  ASSESSMENT_REASONS,
  type Assessment,
  type AssessmentReason,
  type AssessOptions,
  assess,
  DEFAULT_NEAR_DISTANCE,
  type DetectorEvidence,
  type IdentifierTier,
  nearestDistance,
} from './assess/index.js';
export {
  CLINICAL_CLASSES,
  type ClinicalClass,
  DATE_ROLES,
  type DateRole,
  FINDING_CLASSES,
  type FindingClass,
  isClinicalClass,
  SAFE_HARBOR_CLASSES,
  type SafeHarborClass,
} from './classes.js';
export { type CreateScannerOptions, createScanner, scan } from './create.js';
export type {
  ContextGroup,
  DetectorDefinition,
  FoundCandidate,
  MatchFacts,
  NegativeSample,
  PatternDefinition,
  PositiveSample,
  TextMemo,
  Verdict,
} from './detector/types.js';
export {
  NAMED_VALIDATORS,
  type NamedValidator,
  type UserDetectorSpec,
  userDetector,
  userDetectorSchema,
} from './detector/user.js';
export { isPublishedTestCard } from './detectors/identifiers/credit-card.js';
export {
  createMrnDetector,
  DEFAULT_MRN_LABELS,
  type MrnDetectorOptions,
  MrnOptionsError,
  type MrnOptionsIssue,
} from './detectors/identifiers/mrn.js';
export { builtInDetectors } from './detectors/index.js';
export {
  atLeast,
  type ConfidenceLevel,
  type ContextEvidence,
  type Finding,
  LEVEL_THRESHOLDS,
  type LocatedFinding,
  levelOf,
} from './finding.js';
export { canonicalForm, Fingerprinter, FingerprintKeyError } from './output/fingerprint.js';
export {
  defaultMask,
  maskAll,
  maskEmail,
  maskKeepingLast,
  maskName,
  maskUrl,
} from './output/mask.js';
export { PatternError } from './regex/re2.js';
export { DuplicateDetectorError } from './scan/compiled.js';
export {
  DEFAULT_MIN_CONFIDENCE,
  type DetectorFailure,
  Scanner,
  type ScannerOptions,
  type ScanResult,
  type SegmentScanResult,
  type TextSegment,
} from './scan/scanner.js';
export { SCAN_YOUNG_GENERATION_MB } from './scan/thread-memory.js';
export { type NormalizedText, normalizeText } from './text/normalize.js';
