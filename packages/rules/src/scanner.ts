import { builtInDetectors, canonicalForm, type DetectorDefinition, Scanner } from '@phiguard/core';
import { allowPatternDetector, type CompiledPolicy } from './compile.js';

/**
 * The detectors a scanner should run for `policy`: the given ones (core's built-in
 * detectors by default) followed by the policy's own, with the policy's allow lists folded
 * into each detector's pruning hook.
 *
 * Allow-listed values are dropped by the scanner, before a finding exists, because only the
 * scanner ever sees a value: policy sees masked forms and keyed fingerprints. Literal
 * values are also matched later, by fingerprint, when `decide` is given the scanner's key,
 * so a scanner built without these detectors still honours the literal part of the list.
 *
 * @example
 * const scanner = createScanner({ detectors: scannerDetectors(policy) });
 */
export function scannerDetectors(
  policy: CompiledPolicy,
  base: readonly DetectorDefinition[] = builtInDetectors,
): DetectorDefinition[] {
  return [...base, ...policy.detectors].map((detector) => withAllowList(detector, policy));
}

function withAllowList(detector: DetectorDefinition, policy: CompiledPolicy): DetectorDefinition {
  const lists = policy.allowValues.filter((l) => l.ref === detector.id || l.ref === detector.class);
  if (lists.length === 0) return detector;
  const canonical = detector.canonical ?? canonicalForm;
  const literals = new Set(lists.flatMap((l) => l.canonical));
  const patterns = lists.flatMap((l) => l.patterns);
  const matchers = patterns.map(
    (p) => new Scanner({ detectors: [allowPatternDetector(p, detector.class)], minConfidence: 0 }),
  );
  const own = detector.prune;
  return {
    ...detector,
    prune: (value) =>
      (own?.(value) ?? false) ||
      literals.has(canonical(value)) ||
      matchers.some((m) => m.scan(value).findings.length > 0),
  };
}
