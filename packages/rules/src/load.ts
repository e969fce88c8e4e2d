import { builtInDetectors } from '@phiguard/core';
import { type CompiledPolicy, compileDocument, type KnownDetector } from './compile.js';
import { didYouMean, PolicyError, type PolicySource } from './errors.js';
import { positionAt } from './lexer.js';
import { DEFAULT_POLICY_LIMITS, type PolicyLimits } from './limits.js';
import { HIPAA_BASELINE_SOURCE } from './packs/hipaa-baseline.js';
import { parsePolicy } from './parser.js';

/** Options of `loadPolicy`, `loadPolicyJson` and `checkPolicy`. */
export interface LoadOptions {
  /** Name shown in errors: the file path, or `<policy>`. */
  readonly name?: string;
  /** Detectors rules may name; core's built-in detectors when absent. */
  readonly detectors?: readonly KnownDetector[];
  /** Overrides of the default limits. */
  readonly limits?: Partial<PolicyLimits>;
}

/** The packs a policy can extend, by name, as policy text. */
export const PACKS: Readonly<Record<string, string>> = {
  'hipaa-baseline': HIPAA_BASELINE_SOURCE,
};

/**
 * Loads a policy written in the rule language: text, then the typed document, then the
 * validated and compiled policy. Throws `PolicyError`, and only that, on any problem.
 *
 * @example
 * const policy = loadPolicy(readFileSync('outbound.phg', 'utf8'), { name: 'outbound.phg' });
 */
export function loadPolicy(text: string, options: LoadOptions = {}): CompiledPolicy {
  const limits = { ...DEFAULT_POLICY_LIMITS, ...options.limits };
  const source: PolicySource = { name: options.name ?? '<policy>', text };
  checkSize(source, limits);
  const { document, ranges } = parsePolicy(source, limits);
  return compileDocument({
    document,
    source,
    ranges,
    base:
      document.extends === undefined
        ? undefined
        : loadPack(document.extends, source, options, ranges.get('extends')),
    knownDetectors: options.detectors ?? builtInDetectors,
    limits,
  });
}

/**
 * Loads a policy written as JSON, with the same schema as the typed document the text
 * parser produces. Errors name the path inside the JSON (`rules[1].outcome.action`).
 */
export function loadPolicyJson(text: string, options: LoadOptions = {}): CompiledPolicy {
  const limits = { ...DEFAULT_POLICY_LIMITS, ...options.limits };
  const source: PolicySource = { name: options.name ?? '<policy.json>', text };
  checkSize(source, limits);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw jsonError(error, source);
  }
  const depth = jsonDepth(document, limits.maxDepth * 4 + 8);
  if (depth > limits.maxDepth * 4 + 8) {
    throw new PolicyError(
      'too_deep',
      `the policy nests deeper than ${limits.maxDepth} conditions; raise maxDepth`,
      source,
    );
  }
  const base =
    typeof document === 'object' && document !== null
      ? (document as { extends?: unknown }).extends
      : undefined;
  return compileDocument({
    document,
    source,
    base: typeof base === 'string' ? loadPack(base, source, options, undefined) : undefined,
    knownDetectors: options.detectors ?? builtInDetectors,
    limits,
  });
}

/**
 * Loads a policy file's text: JSON when `name` ends in `.json`, the rule language
 * otherwise. Throws `PolicyError`, and only that, on any problem.
 */
export function loadPolicyText(text: string, options: LoadOptions = {}): CompiledPolicy {
  const json = options.name?.toLowerCase().endsWith('.json') ?? false;
  return json ? loadPolicyJson(text, options) : loadPolicy(text, options);
}

/**
 * What `phiguard rules check FILE` reports: the policy compiled, or the located error.
 * JSON is recognised by the `.json` extension of `name`.
 */
export function checkPolicy(
  text: string,
  options: LoadOptions = {},
):
  | { readonly ok: true; readonly policy: CompiledPolicy }
  | { readonly ok: false; readonly error: PolicyError } {
  try {
    return { ok: true, policy: loadPolicyText(text, options) };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error };
    throw error;
  }
}

function loadPack(
  name: string,
  source: PolicySource,
  options: LoadOptions,
  range: import('./errors.js').SourceRange | undefined,
): CompiledPolicy {
  const pack = PACKS[name];
  if (pack === undefined) {
    throw new PolicyError(
      'unknown_pack',
      `unknown pack '${name}'${didYouMean(name, Object.keys(PACKS))}; write ` +
        `${Object.keys(PACKS).join(', ')}`,
      source,
      range,
      range ? undefined : 'extends',
    );
  }
  return loadPolicy(pack, { ...options, name });
}

/** Turns JSON.parse's complaint into a located error where the engine says where. */
function jsonError(error: unknown, source: PolicySource): PolicyError {
  const message = error instanceof SyntaxError ? error.message : '';
  // V8 quotes a piece of the source after a comma in some messages ("unexpected token 'x',
  // "..." is not valid JSON"): it is cut, since the piece may hold an allow-listed value.
  const detail = message
    .replace(/,.*is not valid JSON.*$/s, '')
    .replace(/ at position \d+.*$/s, '')
    .replace(/ in JSON$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
    .replace(/^[A-Z]/, (c) => c.toLowerCase());
  const at = /at position (\d+)/.exec(message);
  const problem = `the policy is not valid JSON: ${detail || 'it cannot be read'}`;
  if (!at) return new PolicyError('invalid_json', problem, source);
  const start = positionAt(source.text, Math.min(Number(at[1]), source.text.length));
  const end = { ...start, offset: start.offset + 1, column: start.column + 1 };
  return new PolicyError('invalid_json', problem, source, { start, end });
}

function checkSize(source: PolicySource, limits: PolicyLimits): void {
  const bytes = Buffer.byteLength(source.text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new PolicyError(
      'too_large',
      `the policy has ${bytes} bytes, more than the limit of ${limits.maxBytes}; raise maxBytes`,
      source,
    );
  }
}

/** Nesting depth of a JSON value, counted up to `cap` so hostile input costs little. */
function jsonDepth(value: unknown, cap: number): number {
  if (cap <= 0 || typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, jsonDepth(child, cap - 1));
    if (deepest >= cap) break;
  }
  return deepest + 1;
}
