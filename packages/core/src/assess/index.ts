export {
  type AssessOptions,
  assess,
  DEFAULT_NEAR_DISTANCE,
  type IdentifierTier,
  nearestDistance,
  tierOf,
} from './assess.js';
export { ASSESSMENT_REASONS, type AssessmentReason } from './reasons.js';
export type { Assessment, DetectorEvidence } from './types.js';
