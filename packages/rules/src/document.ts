import { z } from 'zod';

/**
 * The typed form of a policy. The text parser produces it, programs may write it as JSON,
 * and both go through the same schema and the same checks before a policy is compiled.
 */

/** The allowed words of each closed set in the language, in the order messages list them. */
export const LEVELS = ['low', 'medium', 'high'] as const;
export const AREAS = ['subject', 'body', 'attachment', 'filename', 'header'] as const;
export const ACTIONS = ['allow', 'encrypt', 'quarantine', 'block'] as const;
export const STRENGTHS = ['transport', 'end-to-end'] as const;
export const OVERRIDES = ['none', 'with_justification'] as const;
export const MODES = ['enforce', 'audit'] as const;
export const COMPARISONS = ['>=', '>', '<=', '<', '=', '!='] as const;
export const TALLIES = ['recipients', 'attachments', 'unscannable'] as const;
export const ORDERS = ['near', 'before', 'after'] as const;

/** Names that stand for a group of classes rather than one detector or class. */
export const GROUP_REFERENCES = ['identifier', 'health_information', 'any_finding'] as const;

export type Level = (typeof LEVELS)[number];
export type Area = (typeof AREAS)[number];
export type Action = (typeof ACTIONS)[number];
export type Strength = (typeof STRENGTHS)[number];
export type OverrideKind = (typeof OVERRIDES)[number];
export type Mode = (typeof MODES)[number];
export type Comparison = (typeof COMPARISONS)[number];

/** Which findings a condition looks at: a detector id, a class or a group, then filters. */
export interface Selector {
  readonly ref: string;
  /** The lowest level counted; `medium` when absent. */
  readonly level?: Level;
  /** Where the finding must be; anywhere when absent. */
  readonly areas?: readonly Area[];
}

/** A condition of a rule, as a tree; `kind` says which construct it is. */
export type Condition =
  | { readonly kind: 'and'; readonly of: readonly Condition[] }
  | { readonly kind: 'or'; readonly of: readonly Condition[] }
  | { readonly kind: 'not'; readonly of: Condition }
  | { readonly kind: 'found'; readonly select: Selector }
  | {
      readonly kind: 'count';
      readonly select: Selector;
      readonly distinct: boolean;
      readonly op: Comparison;
      readonly value: number;
    }
  | {
      readonly kind: 'near';
      readonly first: Selector;
      readonly second: Selector;
      readonly order: (typeof ORDERS)[number];
      readonly within: number;
    }
  | { readonly kind: 'phi' }
  | {
      readonly kind: 'recipients';
      readonly quantifier: 'any' | 'all';
      readonly target: RecipientTarget;
    }
  | { readonly kind: 'sender'; readonly target: RecipientTarget }
  | {
      readonly kind: 'tally';
      readonly of: (typeof TALLIES)[number];
      readonly op: Comparison;
      readonly value: number;
    }
  | { readonly kind: 'attachment_type'; readonly types: readonly string[] }
  | { readonly kind: 'unscannable'; readonly reasons: readonly string[] }
  | { readonly kind: 'message_size'; readonly op: Comparison; readonly bytes: number };

/** `external`, `internal`, or a list of addresses and `*@domain` patterns. */
export type RecipientTarget = 'external' | 'internal' | { readonly in: readonly string[] };

/** What a rule does when it fires. */
export interface ActionSpec {
  readonly action: Action;
  /** Only for `encrypt`; `transport` when absent. */
  readonly strength?: Strength;
  /** Snake_case code reported with the decision; the rule id (with `_` for `-`) if absent. */
  readonly reason?: string;
  readonly override?: OverrideKind;
  /** The policy's mode when absent. */
  readonly mode?: Mode;
}

/** One rule as written. */
export interface RuleSpec {
  readonly id: string;
  /** A short title for people, never shown as a reason. */
  readonly title?: string;
  /** True when the rule replaces a rule of the same id in the extended pack. */
  readonly override?: boolean;
  readonly when: Condition;
  readonly unless?: Condition;
  readonly outcome: ActionSpec;
}

/** A detector declared in a policy. */
export interface DetectorSpec {
  readonly id: string;
  readonly class: string;
  readonly patterns: readonly { readonly regex: string; readonly confidence?: number }[];
  /** Confidence of patterns that do not set their own; 0.6 when absent. */
  readonly confidence?: number;
  readonly ignoreCase?: boolean;
  readonly validators?: readonly string[];
  /** Words that make a match more likely. */
  readonly context?: readonly string[];
  /** Report a match only with a context word nearby. */
  readonly requiresContext?: boolean;
}

/** Values of one detector or class that are never reported. */
export interface AllowValuesSpec {
  /** A detector id or class the values belong to. */
  readonly ref: string;
  /** Literal values; compared in canonical form (letters and digits, upper case). */
  readonly values?: readonly string[];
  /** re2 patterns a whole value must match. */
  readonly patterns?: readonly string[];
}

/** A whole policy as written, before it is merged with its pack. */
export interface PolicyDocument {
  readonly policy: string;
  readonly extends?: string;
  readonly mode?: Mode;
  readonly internalDomains?: readonly string[];
  readonly detectors?: readonly DetectorSpec[];
  readonly allowValues?: readonly AllowValuesSpec[];
  /** Recipients treated as internal: addresses or `*@domain`. */
  readonly allowRecipients?: readonly string[];
  /** Rule ids of the extended pack to leave out. */
  readonly disable?: readonly string[];
  readonly rules: readonly RuleSpec[];
}

const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use lower case letters, digits, - and _');
const level = z.enum(LEVELS);
const comparison = z.enum(COMPARISONS);
const count = z.number().int().nonnegative();
const selector = z.strictObject({
  ref: name,
  level: level.optional(),
  areas: z.array(z.enum(AREAS)).min(1).optional(),
});
const target = z.union([
  z.enum(['external', 'internal']),
  z.strictObject({ in: z.array(z.string().min(1)).min(1) }),
]);

/** The zod schema of a condition, recursive through `and`, `or` and `not`. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('and'), of: z.array(conditionSchema).min(1) }),
    z.strictObject({ kind: z.literal('or'), of: z.array(conditionSchema).min(1) }),
    z.strictObject({ kind: z.literal('not'), of: conditionSchema }),
    z.strictObject({ kind: z.literal('found'), select: selector }),
    z.strictObject({
      kind: z.literal('count'),
      select: selector,
      distinct: z.boolean(),
      op: comparison,
      value: count,
    }),
    z.strictObject({
      kind: z.literal('near'),
      first: selector,
      second: selector,
      order: z.enum(ORDERS),
      within: z.number().int().positive(),
    }),
    z.strictObject({ kind: z.literal('phi') }),
    z.strictObject({
      kind: z.literal('recipients'),
      quantifier: z.enum(['any', 'all']),
      target,
    }),
    z.strictObject({ kind: z.literal('sender'), target }),
    z.strictObject({ kind: z.literal('tally'), of: z.enum(TALLIES), op: comparison, value: count }),
    z.strictObject({
      kind: z.literal('attachment_type'),
      types: z.array(z.string().min(1)).min(1),
    }),
    z.strictObject({ kind: z.literal('unscannable'), reasons: z.array(z.string()) }),
    z.strictObject({ kind: z.literal('message_size'), op: comparison, bytes: count }),
  ]),
);

const actionSchema = z.strictObject({
  action: z.enum(ACTIONS),
  strength: z.enum(STRENGTHS).optional(),
  reason: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'write reason codes in snake_case, such as bulk_identifiers')
    .optional(),
  override: z.enum(OVERRIDES).optional(),
  mode: z.enum(MODES).optional(),
});

/** The zod schema of a whole policy document: the shape text and JSON policies share. */
export const policyDocumentSchema = z.strictObject({
  policy: name,
  extends: name.optional(),
  mode: z.enum(MODES).optional(),
  internalDomains: z.array(z.string().min(1)).optional(),
  detectors: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower case letters, digits and _'),
        class: z.string(),
        patterns: z
          .array(
            z.strictObject({
              regex: z.string().min(1),
              confidence: z.number().min(0).max(1).optional(),
            }),
          )
          .min(1),
        confidence: z.number().min(0).max(1).optional(),
        ignoreCase: z.boolean().optional(),
        validators: z.array(z.string()).optional(),
        context: z.array(z.string().min(1)).optional(),
        requiresContext: z.boolean().optional(),
      }),
    )
    .optional(),
  allowValues: z
    .array(
      z.strictObject({
        ref: name,
        values: z.array(z.string().min(1)).optional(),
        patterns: z.array(z.string().min(1)).optional(),
      }),
    )
    .optional(),
  allowRecipients: z.array(z.string().min(1)).optional(),
  disable: z.array(name).optional(),
  rules: z.array(
    z.strictObject({
      id: name,
      title: z.string().optional(),
      override: z.boolean().optional(),
      when: conditionSchema,
      unless: conditionSchema.optional(),
      outcome: actionSchema,
    }),
  ),
});
