import { z } from 'zod';
import { FINDING_CLASSES } from '../classes.js';
import { luhnValid, verhoeffValid } from '../validate/checksums.js';
import { digitsOf, standsAlone } from '../validate/standalone.js';
import type { DetectorDefinition, MatchFacts } from './types.js';

/** Checks a user detector can name instead of writing code. */
export const NAMED_VALIDATORS = {
  /** Luhn mod 10 over the digits. */
  luhn: (value: string) => luhnValid(digitsOf(value)),
  /** Verhoeff over the digits. */
  verhoeff: (value: string) => verhoeffValid(digitsOf(value)),
  /** The match is not a piece of a longer number. */
  standalone: (_value: string, facts: MatchFacts) => standsAlone(facts),
} as const;

export type NamedValidator = keyof typeof NAMED_VALIDATORS;

const contextGroupSchema = z.object({
  words: z.array(z.string().min(1).max(64)).min(1).max(200),
  effect: z.enum(['raise', 'lower']),
  weight: z.number().min(0).max(1).optional(),
});

/**
 * A detector declared as data, in a policy file or by a program. It compiles to the same
 * `DetectorDefinition` the built-in detectors use and runs through the same re2 path.
 */
export const userDetectorSchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{1,47}$/,
      'use lower case letters, digits and underscores, starting with a letter',
    ),
  class: z.enum(FINDING_CLASSES as [string, ...string[]]),
  summary: z.string().max(300).default('Declared by the user.'),
  patterns: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
        regex: z.string().min(1).max(2000),
        ignoreCase: z.boolean().optional(),
        confidence: z.number().min(0).max(1),
        requiresContext: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(32),
  validators: z
    .array(z.enum(Object.keys(NAMED_VALIDATORS) as [NamedValidator, ...NamedValidator[]]))
    .default([]),
  context: z.array(contextGroupSchema).max(16).default([]),
  window: z
    .object({ before: z.number().int().min(0).max(200), after: z.number().int().min(0).max(200) })
    .optional(),
});

export type UserDetectorSpec = z.input<typeof userDetectorSchema>;

/**
 * Turns a user's detector spec into a detector. Throws a zod error naming the bad field;
 * a pattern re2 cannot compile fails later, when a scanner is built, with a `PatternError`.
 *
 * @example
 * const badge = userDetector({
 *   id: 'employee_badge', class: 'other_id',
 *   patterns: [{ name: 'badge', regex: '\\bEB-\\d{6}\\b', confidence: 0.7 }],
 * });
 * const scanner = createScanner({ extraDetectors: [badge] });
 */
export function userDetector(spec: UserDetectorSpec): DetectorDefinition {
  const parsed = userDetectorSchema.parse(spec);
  const checks = parsed.validators.map((name) => NAMED_VALIDATORS[name]);
  return {
    id: parsed.id,
    class: parsed.class as DetectorDefinition['class'],
    authority: 'user',
    summary: parsed.summary,
    limitations: 'Declared by the user; behaves exactly as its patterns and validators say.',
    patterns: parsed.patterns,
    validate:
      checks.length > 0
        ? (value, facts) => checks.every((check) => check(value, facts))
        : undefined,
    context: parsed.context,
    window: parsed.window,
    samples: { positive: [], negative: [] },
  };
}
