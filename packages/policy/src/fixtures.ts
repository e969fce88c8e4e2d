import { readFile } from 'node:fs/promises';
import { ACTIONS, type Action, type CompiledPolicy } from '@phiguard/rules';
import { type DecideOptions, decide } from './decide.js';
import type { MessageContext, ScanInput } from './input.js';

/**
 * What a fixture message must get, declared in the message itself, like semgrep's
 * `ruleid:` and `ok:` comments:
 *
 *     X-Phiguard-Expect: encrypt
 *     X-Phiguard-Expect-Rules: phi-external
 *
 * The headers sit with the other headers of an `.eml` file; a text fixture may carry the
 * same lines anywhere, also after a `#`, `//` or `--` comment mark. `allow` plays the part
 * of `ok:`. With `-Rules`, each listed rule must fire (other rules may fire too).
 */
export interface FixtureExpectation {
  readonly action: Action;
  readonly rules: readonly string[];
}

/** An optional comment mark (`#`, `//`, `--`), then the header name. */
const LEAD = String.raw`^[ \t]*(?:(?:#|//|--)[ \t]*)?(?:X-)?Phiguard-Expect`;
const EXPECT = new RegExp(String.raw`${LEAD}:[ \t]*([A-Za-z_-]+)[ \t]*\r?$`, 'im');
const EXPECT_RULES = new RegExp(
  String.raw`${LEAD}-Rules:[ \t]*([A-Za-z0-9_, \t-]+?)[ \t]*\r?$`,
  'im',
);

/** Reads the expectation of a fixture, or undefined when it declares none (or a bad one). */
export function readExpectation(text: string): FixtureExpectation | undefined {
  const action = EXPECT.exec(text)?.[1]?.toLowerCase();
  if (!action || !(ACTIONS as readonly string[]).includes(action)) return undefined;
  const rules = (EXPECT_RULES.exec(text)?.[1] ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  return { action: action as Action, rules };
}

/** Turns one fixture file into what `decide` needs; the CLI passes extraction and scanning. */
export type FixtureScanner = (
  path: string,
  bytes: Uint8Array,
) => Promise<{ readonly scan: ScanInput; readonly context: MessageContext }>;

/** The outcome of one fixture. */
export interface FixtureResult {
  readonly file: string;
  readonly passed: boolean;
  readonly expected?: FixtureExpectation;
  readonly actual?: Action;
  readonly fired: readonly string[];
  /** Snake_case: `no_expectation`, `wrong_action`, `rule_not_fired`, `scan_failed`. */
  readonly problem?: string;
  /** The rules that were expected and did not fire. */
  readonly missing?: readonly string[];
}

/** The outcome of a whole fixture run. */
export interface PolicyTestReport {
  readonly results: readonly FixtureResult[];
  readonly passed: number;
  readonly failed: number;
}

/**
 * What `phiguard rules test FILE FIXTURES` runs: decides each fixture with `policy` and
 * compares the action (and the listed rules) with what the fixture declares. The enforced
 * action is compared; for a policy in audit mode, the action it would have taken.
 */
export async function runPolicyTests(
  policy: CompiledPolicy,
  files: readonly string[],
  toScan: FixtureScanner,
  options: DecideOptions = {},
): Promise<PolicyTestReport> {
  const results: FixtureResult[] = [];
  for (const file of files) results.push(await runOne(policy, file, toScan, options));
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed };
}

async function runOne(
  policy: CompiledPolicy,
  file: string,
  toScan: FixtureScanner,
  options: DecideOptions,
): Promise<FixtureResult> {
  const bytes = new Uint8Array(await readFile(file));
  // Expectations are ASCII headers: latin1 reads them from any file without failing.
  const expected = readExpectation(Buffer.from(bytes).toString('latin1'));
  if (!expected) return { file, passed: false, fired: [], problem: 'no_expectation' };
  let input: Awaited<ReturnType<FixtureScanner>>;
  try {
    input = await toScan(file, bytes);
  } catch {
    return { file, passed: false, expected, fired: [], problem: 'scan_failed' };
  }
  const decision = decide(input.scan, input.context, policy, options);
  const actual = policy.mode === 'audit' ? decision.auditAction : decision.action;
  const fired = decision.reasons.flatMap((r) => (r.rule ? [r.rule] : []));
  const missing = expected.rules.filter((r) => !fired.includes(r));
  if (actual !== expected.action)
    return { file, passed: false, expected, actual, fired, problem: 'wrong_action' };
  if (missing.length > 0)
    return { file, passed: false, expected, actual, fired, problem: 'rule_not_fired', missing };
  return { file, passed: true, expected, actual, fired };
}
