import { createHash } from 'node:crypto';
import {
  builtInDetectors,
  canonicalForm,
  type DetectorDefinition,
  FINDING_CLASSES,
  NAMED_VALIDATORS,
  PatternError,
  Scanner,
  userDetector,
} from '@phiguard/core';
import {
  type Action,
  type Condition,
  GROUP_REFERENCES,
  type Mode,
  type OverrideKind,
  type PolicyDocument,
  policyDocumentSchema,
  type RuleSpec,
  type Selector,
  type Strength,
} from './document.js';
import { didYouMean, PolicyError, type PolicySource, type SourceRange } from './errors.js';
import type { PolicyLimits } from './limits.js';
import type { RangeMap } from './parser.js';

/**
 * Why a part of a message could not be read, as extraction reports it. Kept here as the
 * names rules may use; policy treats every one of them as risk.
 */
export const UNSCANNABLE_REASONS = [
  'encrypted',
  'malformed',
  'unsupported_type',
  'too_large',
  'too_many_parts',
  'too_deep',
  'decompression_limit',
  'compression_ratio',
  'too_many_pages',
  'ocr_limit',
  'timeout',
  'ocr_failed',
  'no_text',
  'extractor_failed',
  'scanner_failed',
] as const;

/** A detector the policy may refer to: its id and class. */
export interface KnownDetector {
  readonly id: string;
  readonly class: string;
}

/** A rule ready to evaluate, with its defaults filled in. */
export interface CompiledRule {
  readonly id: string;
  readonly title?: string;
  /** The policy or pack the rule comes from. */
  readonly origin: string;
  readonly when: Condition;
  readonly unless?: Condition;
  readonly action: Action;
  /** Set for `encrypt` only. */
  readonly strength?: Strength;
  readonly reason: string;
  readonly override: OverrideKind;
  readonly mode: Mode;
  /** True when the rule sets its own mode; otherwise it follows the policy's mode. */
  readonly explicitMode: boolean;
  /** True when the rule looks at unscannable parts, so it counts as handling them. */
  readonly handlesUnscannable: boolean;
}

/** Values that are never PHI for a detector or class, as canonical forms and patterns. */
export interface CompiledAllowList {
  readonly ref: string;
  /** The class fingerprints of these values are computed under. */
  readonly class: string;
  /** Canonical forms of the literal values (letters and digits, upper case). */
  readonly canonical: readonly string[];
  /** re2 patterns the whole value must match. */
  readonly patterns: readonly string[];
}

/** A policy checked and merged with the pack it extends, ready for `decide`. */
export interface CompiledPolicy {
  readonly name: string;
  readonly extends?: string;
  readonly mode: Mode;
  readonly internalDomains: readonly string[];
  readonly allowRecipients: readonly string[];
  readonly rules: readonly CompiledRule[];
  /** Detectors declared in the policy, as core runs them. */
  readonly detectors: readonly DetectorDefinition[];
  readonly allowValues: readonly CompiledAllowList[];
  /** SHA-256 of the policy's sources (its own and its pack's), hex, for audit records. */
  readonly digest: string;
}

/** What `compileDocument` needs besides the document. */
export interface CompileInput {
  readonly document: unknown;
  readonly source: PolicySource;
  readonly ranges?: RangeMap;
  /** The compiled pack the policy extends, looked up by the loader. */
  readonly base?: CompiledPolicy;
  readonly knownDetectors: readonly KnownDetector[];
  readonly limits: PolicyLimits;
}

/**
 * Validates a policy document (from text or JSON) and compiles it. The schema checks the
 * shape; the checks here resolve names against the detectors, the pack and each other.
 */
export function compileDocument(input: CompileInput): CompiledPolicy {
  const { source, ranges, base, limits } = input;
  const at = (path: string): SourceRange | undefined => rangeOf(ranges, path);
  const fail = (code: string, problem: string, path: string): never => {
    throw new PolicyError(code, problem, source, at(path), ranges ? undefined : path);
  };

  const parsed = policyDocumentSchema.safeParse(input.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    fail('invalid_document', `${path || 'the policy'}: ${issue.message.toLowerCase()}`, path);
  }
  const document = parsed.data as PolicyDocument;

  const declared = document.detectors ?? [];
  if (declared.length > limits.maxDetectors) {
    fail(
      'too_many_detectors',
      `this policy declares more than ${limits.maxDetectors} detectors; raise maxDetectors`,
      'detectors',
    );
  }
  const builtIn = input.knownDetectors;
  const classes = new Set<string>(FINDING_CLASSES);
  const detectorIds = new Set(builtIn.map((d) => d.id));
  const detectors: DetectorDefinition[] = [];
  declared.forEach((spec, i) => {
    const path = `detectors[${i}]`;
    if (detectorIds.has(spec.id) || classes.has(spec.id)) {
      fail(
        'detector_exists',
        `detector '${spec.id}' already exists; give the new detector another id, such as ` +
          `'custom_${spec.id}'`,
        `${path}.id`,
      );
    }
    if (!classes.has(spec.class)) {
      fail(
        'unknown_class',
        `unknown class '${spec.class}'${didYouMean(spec.class, classes)}; write one of the ` +
          `finding classes, such as other_id`,
        `${path}.class`,
      );
    }
    (spec.validators ?? []).forEach((name, j) => {
      if (!(name in NAMED_VALIDATORS)) {
        const known = Object.keys(NAMED_VALIDATORS);
        fail(
          'unknown_validator',
          `unknown validator '${name}'${didYouMean(name, known)}; write ${orList(known)}`,
          `${path}.validators[${j}]`,
        );
      }
    });
    detectors.push(buildDetector(spec, path, fail));
    detectorIds.add(spec.id);
  });

  // Everything a selector may name: detector ids, classes and groups.
  const classOf = new Map<string, string>([
    ...builtIn.map((d) => [d.id, d.class] as const),
    ...detectors.map((d) => [d.id, d.class] as const),
    ...[...classes].map((c) => [c, c] as const),
  ]);
  const references = new Set([...classOf.keys(), ...GROUP_REFERENCES]);
  const checkRef = (ref: string, path: string): void => {
    if (references.has(ref)) return;
    fail(
      'unknown_reference',
      `unknown detector '${ref}'${didYouMean(ref, references)}; write a detector id, a class, or ` +
        `one of identifier, health_information, any_finding`,
      path,
    );
  };

  const allowValues: CompiledAllowList[] = [];
  (document.allowValues ?? []).forEach((entry, i) => {
    const path = `allowValues[${i}]`;
    const cls = classOf.get(entry.ref);
    if (cls === undefined) {
      checkRef(entry.ref, `${path}.ref`);
      fail(
        'allow_list_on_group',
        `'allow values' needs one detector or class, not the group '${entry.ref}'`,
        `${path}.ref`,
      );
    }
    const canonical = (builtInDefinition(entry.ref)?.canonical ?? canonicalForm) as (
      v: string,
    ) => string;
    (entry.patterns ?? []).forEach((pattern, j) => {
      compileAllowPattern(pattern, `${path}.patterns[${j}]`, fail);
    });
    allowValues.push({
      ref: entry.ref,
      class: cls!,
      canonical: (entry.values ?? []).map((v) => canonical(v)),
      patterns: entry.patterns ?? [],
    });
  });

  const domainOk = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
  (document.internalDomains ?? []).forEach((domain, i) => {
    if (!domainOk.test(domain)) {
      fail(
        'bad_domain',
        `'${domain}' is not a domain; write it as "example.org", without '@' or '*'`,
        `internalDomains[${i}]`,
      );
    }
  });
  for (const [i, address] of (document.allowRecipients ?? []).entries()) {
    checkAddress(address, `allowRecipients[${i}]`, fail);
  }

  // Rules: unique ids, the pack's rules replaced or disabled only on purpose.
  const baseRules = new Map((base?.rules ?? []).map((r) => [r.id, r] as const));
  const baseName = base?.name ?? 'the pack';
  const disabled = new Set<string>();
  (document.disable ?? []).forEach((id, i) => {
    if (!baseRules.has(id)) {
      const where = base
        ? `${baseName} has no rule '${id}'`
        : `there is no extended pack with a rule '${id}'`;
      fail(
        'unknown_rule',
        `cannot disable '${id}': ${where}${didYouMean(id, baseRules.keys())}`,
        `disable[${i}]`,
      );
    }
    disabled.add(id);
  });
  const own = new Map<string, RuleSpec>();
  document.rules.forEach((rule, i) => {
    const path = `rules[${i}]`;
    if (own.has(rule.id)) {
      fail(
        'duplicate_rule',
        `rule '${rule.id}' is defined twice; give each rule its own id`,
        `${path}.id`,
      );
    }
    if (rule.override && !baseRules.has(rule.id)) {
      fail(
        'unknown_rule',
        `cannot override '${rule.id}': ${base ? `${baseName} has no such rule` : 'this policy extends no pack'}` +
          didYouMean(rule.id, baseRules.keys()),
        `${path}.id`,
      );
    }
    if (!rule.override && baseRules.has(rule.id)) {
      fail(
        'rule_exists',
        `rule '${rule.id}' is already defined by ${baseName}; write 'override rule ${rule.id}' ` +
          `to replace it`,
        `${path}.id`,
      );
    }
    if (rule.outcome.strength && rule.outcome.action !== 'encrypt') {
      fail(
        'strength_without_encrypt',
        `'${rule.outcome.strength}' only goes with encrypt; remove it or write 'encrypt ` +
          `${rule.outcome.strength}'`,
        `${path}.outcome.strength`,
      );
    }
    checkCondition(rule.when, `${path}.when`, checkRef, fail);
    if (rule.unless) checkCondition(rule.unless, `${path}.unless`, checkRef, fail);
    own.set(rule.id, rule);
  });

  const mode = document.mode ?? base?.mode ?? 'enforce';
  const rules: CompiledRule[] = [];
  for (const rule of base?.rules ?? []) {
    if (disabled.has(rule.id)) continue;
    const replacement = own.get(rule.id);
    // Inherited rules follow the extending policy's mode unless they set their own.
    const inherited = rule.explicitMode ? rule : { ...rule, mode };
    rules.push(replacement ? compileRule(replacement, document.policy, mode) : inherited);
  }
  for (const rule of document.rules) {
    if (!rule.override) rules.push(compileRule(rule, document.policy, mode));
  }
  if (rules.length > limits.maxRules) {
    fail(
      'too_many_rules',
      `this policy has more than ${limits.maxRules} rules with its pack; raise maxRules`,
      'rules',
    );
  }

  const digest = createHash('sha256')
    .update(base?.digest ?? '')
    .update('\u0000')
    .update(source.text)
    .digest('hex');
  return {
    name: document.policy,
    ...(document.extends === undefined ? {} : { extends: document.extends }),
    mode,
    internalDomains: unique(
      [...(base?.internalDomains ?? []), ...(document.internalDomains ?? [])].map((d) =>
        d.toLowerCase(),
      ),
    ),
    allowRecipients: unique(
      [...(base?.allowRecipients ?? []), ...(document.allowRecipients ?? [])].map((a) =>
        a.toLowerCase(),
      ),
    ),
    rules,
    detectors: [...(base?.detectors ?? []), ...detectors],
    allowValues: [...(base?.allowValues ?? []), ...allowValues],
    digest,
  };
}

type Fail = (code: string, problem: string, path: string) => never;

function compileRule(rule: RuleSpec, origin: string, mode: Mode): CompiledRule {
  const then = rule.outcome;
  return {
    id: rule.id,
    ...(rule.title === undefined ? {} : { title: rule.title }),
    origin,
    when: rule.when,
    ...(rule.unless === undefined ? {} : { unless: rule.unless }),
    action: then.action,
    ...(then.action === 'encrypt' ? { strength: then.strength ?? 'transport' } : {}),
    reason: then.reason ?? rule.id.replace(/-/g, '_'),
    override: then.override ?? 'none',
    mode: then.mode ?? mode,
    explicitMode: then.mode !== undefined,
    handlesUnscannable:
      mentionsUnscannable(rule.when) || (rule.unless ? mentionsUnscannable(rule.unless) : false),
  };
}

function mentionsUnscannable(condition: Condition): boolean {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return condition.of.some(mentionsUnscannable);
    case 'not':
      return mentionsUnscannable(condition.of);
    case 'unscannable':
      return true;
    case 'tally':
      return condition.of === 'unscannable';
    default:
      return false;
  }
}

function checkCondition(
  condition: Condition,
  path: string,
  checkRef: (ref: string, path: string) => void,
  fail: Fail,
): void {
  const select = (s: Selector, p: string) => checkRef(s.ref, `${p}.ref`);
  switch (condition.kind) {
    case 'and':
    case 'or':
      for (const [i, c] of condition.of.entries()) {
        checkCondition(c, `${path}.of[${i}]`, checkRef, fail);
      }
      return;
    case 'not':
      checkCondition(condition.of, `${path}.of`, checkRef, fail);
      return;
    case 'found':
    case 'count':
      select(condition.select, `${path}.select`);
      return;
    case 'near':
      select(condition.first, `${path}.first`);
      select(condition.second, `${path}.second`);
      return;
    case 'unscannable':
      condition.reasons.forEach((reason, i) => {
        if (!(UNSCANNABLE_REASONS as readonly string[]).includes(reason)) {
          fail(
            'unknown_unscannable_reason',
            `unknown unscannable reason '${reason}'${didYouMean(reason, UNSCANNABLE_REASONS)}; ` +
              `write one of ${UNSCANNABLE_REASONS.join(', ')}`,
            `${path}.reasons[${i}]`,
          );
        }
      });
      return;
    case 'recipients':
    case 'sender':
      if (typeof condition.target === 'object') {
        for (const [i, a] of condition.target.in.entries()) {
          checkAddress(a, `${path}.target.in[${i}]`, fail);
        }
      }
      return;
    default:
      return;
  }
}

/** An address (`a@b.org`) or every address of a domain (`*@b.org`). */
function checkAddress(address: string, path: string, fail: Fail): void {
  if (!/^(\*|[^\s@*]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(address)) {
    fail(
      'bad_address',
      `'${address}' is not an address; write "name@example.org" or "*@example.org"`,
      path,
    );
  }
}

/** Builds a policy detector through core's user-detector path and compiles it with re2. */
function buildDetector(
  spec: NonNullable<PolicyDocument['detectors']>[number],
  path: string,
  fail: Fail,
): DetectorDefinition {
  let definition: DetectorDefinition;
  try {
    definition = userDetector({
      id: spec.id,
      class: spec.class,
      summary: `Declared in a policy.`,
      patterns: spec.patterns.map((p, i) => ({
        name: `p${i + 1}`,
        regex: p.regex,
        confidence: p.confidence ?? spec.confidence ?? 0.6,
        ...(spec.ignoreCase ? { ignoreCase: true } : {}),
        ...(spec.requiresContext ? { requiresContext: true } : {}),
      })),
      validators: (spec.validators ?? []) as (keyof typeof NAMED_VALIDATORS)[],
      context: spec.context?.length ? [{ words: [...spec.context], effect: 'raise' }] : [],
    });
    new Scanner({ detectors: [definition] });
  } catch (error) {
    if (error instanceof PatternError) {
      const index = Number(error.pattern.slice(1)) - 1;
      fail(
        'bad_pattern',
        `pattern of detector '${spec.id}' ${explainPattern(error.problem)}`,
        `${path}.patterns[${index}].regex`,
      );
    }
    // The remaining problems are the ones core's detector schema finds (id length, sizes).
    fail(
      'bad_detector',
      `detector '${spec.id}' is not valid: ${firstProblem(error)}`,
      `${path}.id`,
    );
  }
  return definition!;
}

/** Compiles an allow-list pattern, anchored to the whole value, through core's re2 path. */
export function allowPatternDetector(pattern: string, cls: string): DetectorDefinition {
  return {
    id: 'allow_pattern',
    class: cls as DetectorDefinition['class'],
    authority: 'policy',
    summary: 'A value the policy allows.',
    limitations: 'Matches the whole value only.',
    patterns: [{ name: 'allowed', regex: `^(?:${pattern})$`, confidence: 1 }],
    samples: { positive: [], negative: [] },
  };
}

function compileAllowPattern(pattern: string, path: string, fail: Fail): void {
  try {
    new Scanner({ detectors: [allowPatternDetector(pattern, 'other_id')] });
  } catch (error) {
    if (error instanceof PatternError)
      fail('bad_pattern', `allowed pattern ${explainPattern(error.problem)}`, path);
    fail('bad_pattern', 'allowed pattern cannot be compiled; use re2 syntax', path);
  }
}

/** Core's pattern problem, reworded to start after "pattern". */
function explainPattern(problem: string): string {
  return problem.startsWith('it ')
    ? problem.slice(3)
    : problem.replace(/^re2 cannot compile it/, 'cannot be compiled by re2');
}

/** The first problem of a zod error, or a plain description of another error. */
function firstProblem(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  const issue = issues?.[0];
  if (issue) return `${formatPath(issue.path) || 'detector'}: ${issue.message.toLowerCase()}`;
  return error instanceof Error ? error.name : 'unknown problem';
}

function builtInDefinition(id: string): DetectorDefinition | undefined {
  return builtInDetectors.find((d) => d.id === id);
}

/** The recorded range for `path`, or for its nearest recorded ancestor. */
function rangeOf(ranges: RangeMap | undefined, path: string): SourceRange | undefined {
  if (!ranges) return undefined;
  for (let p = path; p !== ''; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const range = ranges.get(p);
    if (range) return range;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}

/** `a, b or c`. */
function orList(options: readonly string[]): string {
  return options.length === 1
    ? options[0]!
    : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
