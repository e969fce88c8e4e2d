export {
  type CompiledAllowList,
  type CompiledPolicy,
  type CompiledRule,
  type KnownDetector,
  UNSCANNABLE_REASONS,
} from './compile.js';
export {
  ACTIONS,
  type Action,
  type ActionSpec,
  type AllowValuesSpec,
  AREAS,
  type Area,
  COMPARISONS,
  type Comparison,
  type Condition,
  conditionSchema,
  type DetectorSpec,
  GROUP_REFERENCES,
  LEVELS,
  type Level,
  MODES,
  type Mode,
  OVERRIDES,
  type OverrideKind,
  type PolicyDocument,
  policyDocumentSchema,
  type RecipientTarget,
  type RuleSpec,
  type Selector,
  STRENGTHS,
  type Strength,
} from './document.js';
export { PolicyError, type PolicySource, type Position, type SourceRange } from './errors.js';
export { DEFAULT_POLICY_LIMITS, type PolicyLimits } from './limits.js';
export {
  checkPolicy,
  type LoadOptions,
  loadPolicy,
  loadPolicyJson,
  loadPolicyText,
  PACKS,
} from './load.js';
export { DEFAULT_WITHIN, parsePolicy } from './parser.js';
export { scannerDetectors } from './scanner.js';
