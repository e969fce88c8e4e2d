import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Inspection, UNSCANNABLE_REASONS } from '../../packages/phiguard/src/index.js';
import { summary } from './helpers.js';

/**
 * Shared pieces of the fuzz, fault and leak tests: the run budget, byte mutations of real
 * fixture files, and the fail-closed check every property ends with.
 *
 * In CI every property runs a few dozen cases from a fixed seed, so a failure reproduces.
 * `pnpm fuzz` raises the count through `PHIGUARD_FUZZ_RUNS` (1,000 unless set; a smaller
 * count than a property's own is ignored); `PHIGUARD_FUZZ_SEED` picks another seed.
 * fast-check prints the seed and the shrunk counterexample path on failure.
 */

const RUNS = Number(process.env.PHIGUARD_FUZZ_RUNS) || 0;
const SEED = Number(process.env.PHIGUARD_FUZZ_SEED ?? 20261203);

/** Cases a property of `ciRuns` runs: that many, or more when PHIGUARD_FUZZ_RUNS asks. */
export function fuzzRuns(ciRuns: number): number {
  return Math.max(RUNS, ciRuns);
}

/** fast-check parameters for a property of `ciRuns` cases in CI. */
export function fuzzParameters(ciRuns: number): fc.Parameters<unknown> {
  return { numRuns: fuzzRuns(ciRuns), seed: SEED, endOnFailure: true };
}

/** Test timeout for a property of `ciRuns` cases, scaled for long runs. */
export function fuzzTimeout(ciRuns: number, msPerCase = 400): number {
  return Math.max(30_000, fuzzRuns(ciRuns) * msPerCase * 2);
}

/** A fixture file, by its path under fixtures/. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
}

type Edit =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly value: number }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | {
      readonly kind: 'splice';
      readonly at: number;
      readonly from: number;
      readonly length: number;
    };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 512 }),
  }),
);

/** Applies edits to a copy of `seed`; offsets wrap around the current length. */
export function applyEdits(seed: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let bytes = Buffer.from(seed);
  for (const e of edits) {
    const at = bytes.length === 0 ? 0 : e.at % bytes.length;
    if (e.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (e.kind === 'flip' && bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << e.bit);
    else if (e.kind === 'set' && bytes.length > 0) bytes[at] = e.value;
    else if (e.kind === 'insert') {
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(e.value), bytes.subarray(at)]);
    } else if (e.kind === 'delete') {
      bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + e.length)]);
    } else if (e.kind === 'splice' && bytes.length > 0) {
      // A chunk of the file copied over another place: duplicated headers, objects, entries.
      const from = e.from % bytes.length;
      const chunk = Buffer.from(bytes.subarray(from, from + e.length));
      bytes = Buffer.concat([bytes.subarray(0, at), chunk, bytes.subarray(at + chunk.length)]);
    }
  }
  return new Uint8Array(bytes);
}

/** One of `seeds` with one to six truncations, bit flips, byte edits or spliced chunks. */
export function mutated(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 }))
    .map(([seed, edits]) => applyEdits(seed, edits));
}

const REASONS: readonly string[] = UNSCANNABLE_REASONS;

/**
 * The invariant every fuzzed input must keep: each unreadable part carries a known reason
 * code, and a decision over anything unreadable is never `allow`. Messages show codes,
 * locations and counts only, never content.
 */
export function expectFailClosed(inspection: Inspection): void {
  const why = JSON.stringify(summary(inspection));
  for (const entry of inspection.unscannable) expect(REASONS, why).toContain(entry.reason);
  if (inspection.unscannable.length > 0) expect(inspection.decision.action, why).not.toBe('allow');
  expect(inspection.decision.audit.version).toBe(1);
}
