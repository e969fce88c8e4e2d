/**
 * A static check for the pattern shapes that make backtracking regex engines take
 * exponential time: a repeated group that itself contains an unbounded repetition, as in
 * `(a+)+` or `(\d+-?)*`. A group with a required punctuation literal (`(?:[a-z]+\.)+`)
 * passes: each round must consume the delimiter, so the rounds cannot be split up in
 * exponentially many ways as long as the repeated atoms do not also match it. That last
 * condition is not checked; the check is a guard for the common mistakes, not a proof.
 *
 * re2 runs every pattern in linear time anyway. The check exists so that built-in patterns
 * stay safe when someone copies them into a backtracking engine (a mail gateway's own
 * filter, a grep in a runbook), and so that user patterns of that shape can be pointed out.
 */

interface GroupState {
  /** The group contains an unbounded repetition somewhere inside. */
  unbounded: boolean;
  /** The group contains a punctuation literal that every round must match. */
  delimited: boolean;
  /** Where the group opened, for the report. */
  opened: number;
}

/** Length of the quantifier at `i` and whether it is unbounded; 0 when there is none. */
function quantifierAt(source: string, i: number): { length: number; unbounded: boolean } {
  const char = source[i];
  if (char === '*' || char === '+') return { length: lazyEnd(source, i + 1) - i, unbounded: true };
  if (char === '?') return { length: lazyEnd(source, i + 1) - i, unbounded: false };
  if (char === '{') {
    const close = source.indexOf('}', i);
    const body = close > i ? source.slice(i + 1, close) : '';
    if (/^\d+(,\d*)?$/.test(body)) {
      const unbounded = body.endsWith(',') || Number(body.split(',')[1] ?? body) > 32;
      return { length: lazyEnd(source, close + 1) - i, unbounded };
    }
  }
  return { length: 0, unbounded: false };
}

function lazyEnd(source: string, i: number): number {
  return source[i] === '?' ? i + 1 : i;
}

/**
 * Positions of groups in `source` that repeat without bound and contain an unbounded
 * repetition. An empty list means the pattern has no such nesting.
 */
export function nestedRepetitions(source: string): number[] {
  const found: number[] = [];
  const stack: GroupState[] = [{ unbounded: false, delimited: false, opened: -1 }];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') {
      const escaped = source[i + 1] ?? '';
      i = markQuantified(source, i + 2, stack, /[^\w\s]/.test(escaped));
      continue;
    }
    if (char === '[') {
      i = classEnd(source, i);
      i = markQuantified(source, i, stack);
      continue;
    }
    if (char === '(') {
      stack.push({ unbounded: false, delimited: false, opened: i });
      i++;
      continue;
    }
    if (char === ')') {
      const group =
        stack.length > 1 ? stack.pop()! : { unbounded: false, delimited: false, opened: i };
      const quantifier = quantifierAt(source, i + 1);
      if (quantifier.unbounded && group.unbounded && !group.delimited) found.push(group.opened);
      const parent = stack[stack.length - 1]!;
      parent.unbounded ||= group.unbounded || quantifier.unbounded;
      i += 1 + quantifier.length;
      continue;
    }
    i = markQuantified(source, i + 1, stack, /[^\w\s|.^$]/.test(char));
  }
  return found;
}

/**
 * After an atom ending at `i`, records on the enclosing group an unbounded quantifier, or a
 * punctuation literal that is required (not made optional by `?`, `*` or `{0,n}`).
 */
function markQuantified(
  source: string,
  i: number,
  stack: GroupState[],
  punctuation = false,
): number {
  const quantifier = quantifierAt(source, i);
  const group = stack[stack.length - 1]!;
  if (quantifier.unbounded) group.unbounded = true;
  const optional = /^(\?|\*|\{0[,}])/.test(source.slice(i, i + 3));
  if (punctuation && !optional) group.delimited = true;
  return i + quantifier.length;
}

/** Index just past the character class that opens at `start`. */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}
