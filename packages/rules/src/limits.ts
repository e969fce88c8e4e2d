/**
 * Limits on what a policy may hold. A policy is configuration, but it may come from a
 * program or a shared drive: the limits keep a wrong or hostile file from exhausting the
 * parser or making every message slow to decide. Each can be raised per call.
 */
export interface PolicyLimits {
  /** Bytes of policy source (text or JSON). */
  readonly maxBytes: number;
  /** Nesting of conditions: parentheses, `not`, `and`, `or`. */
  readonly maxDepth: number;
  /** Rules in one policy, counting the rules of the extended pack. */
  readonly maxRules: number;
  /** Custom detectors declared in one policy. */
  readonly maxDetectors: number;
  /** Items in one list (values, domains, recipients). */
  readonly maxListItems: number;
  /** Largest `within` distance in characters. */
  readonly maxDistance: number;
}

/** 256 KiB of source, 32 levels, 500 rules, 64 detectors, 10,000 list items, 10,000 chars. */
export const DEFAULT_POLICY_LIMITS: PolicyLimits = {
  maxBytes: 256 * 1024,
  maxDepth: 32,
  maxRules: 500,
  maxDetectors: 64,
  maxListItems: 10_000,
  maxDistance: 10_000,
};
