import RE2 from 're2';

export { RE2 };

/** A pattern that re2 cannot compile or that matches the empty string. */
export class PatternError extends Error {
  override readonly name = 'PatternError';
  constructor(
    readonly detector: string,
    readonly pattern: string,
    readonly problem: string,
  ) {
    super(`detector '${detector}', pattern '${pattern}': ${problem}`);
  }
}

/**
 * Compiles `source` with re2, which runs in time linear in the input whatever the pattern.
 * Lookaround and backreferences, which would need backtracking, are refused by re2 itself.
 */
export function compilePattern(detector: string, name: string, source: string, flags: string): RE2 {
  let compiled: RE2;
  try {
    compiled = new RE2(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PatternError(
      detector,
      name,
      `re2 cannot compile it (${reason}); use re2 syntax: no lookahead, lookbehind or backreferences`,
    );
  }
  if (compiled.test('')) {
    throw new PatternError(
      detector,
      name,
      'it matches the empty string; require at least one character',
    );
  }
  compiled.lastIndex = 0;
  return compiled;
}

/** Escapes a literal for use inside an re2 pattern. */
export function escapeLiteral(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
