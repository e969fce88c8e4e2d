import { z } from 'zod';
import { DEFAULT_LIMITS, type Limits, type LimitsInput, limitsSchema } from './limits.js';

/**
 * Options of `extractMessage` and `extractFile`, validated in three steps: the raw value
 * the caller passed, parsed by zod into typed options, with the limits' defaults filled in.
 */
const extractOptionsSchema = z
  .object({
    /** Limits on the work done for this input; each field has a documented default. */
    limits: limitsSchema.optional(),
  })
  .strict();

const fileOptionsSchema = extractOptionsSchema
  .extend({
    /** The file's name, used in its location and as a tie-breaker between text types. */
    filename: z.string().optional(),
    /** The content type the sender declared; bytes always win over it. */
    declaredType: z.string().optional(),
  })
  .strict();

/** Options of `extractMessage`. */
export interface ExtractOptions {
  readonly limits?: LimitsInput;
}

/** Options of `extractFile`. */
export interface ExtractFileOptions extends ExtractOptions {
  readonly filename?: string;
  readonly declaredType?: string;
}

/**
 * Thrown (as a rejected promise) when options are invalid: a configuration mistake, not a
 * property of the input, so it is reported to the caller rather than turned into an
 * `unscannable` entry. `issues` lists each bad field by path, with what is allowed.
 */
export class ExtractOptionsError extends Error {
  override readonly name = 'ExtractOptionsError';
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    const listed = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super(
      `invalid extraction options: ${listed}; fix these fields or leave them out for the defaults`,
    );
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ExtractOptionsError(
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/** Validates `extractMessage` options; throws `ExtractOptionsError`. */
export function resolveOptions(input: unknown): { limits: Limits } {
  const parsed = parse(extractOptionsSchema, input);
  return { limits: parsed.limits ?? DEFAULT_LIMITS };
}

/** Validates `extractFile` options; throws `ExtractOptionsError`. */
export function resolveFileOptions(input: unknown): {
  limits: Limits;
  filename?: string;
  declaredType?: string;
} {
  const parsed = parse(fileOptionsSchema, input);
  return { ...parsed, limits: parsed.limits ?? DEFAULT_LIMITS };
}
