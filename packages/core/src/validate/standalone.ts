import type { MatchFacts } from '../detector/types.js';

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isAlnum(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9]/.test(char);
}

function isJoiner(char: string | undefined): boolean {
  return char === '-' || char === '.' || char === '/' || char === ',' || char === ':';
}

/**
 * True when a numeric match is not a piece of a longer number: the characters just outside
 * it are neither digits nor a joiner (`-./,:`) that continues into a digit, so
 * `123-45-6789` stands alone but not inside `1-123-45-6789-0` or `10:123456789`.
 */
export function standsAlone(facts: Pick<MatchFacts, 'text' | 'start' | 'end'>): boolean {
  const { text, start, end } = facts;
  const before = text[start - 1];
  const after = text[end];
  if (isAlnum(before) || isAlnum(after)) return false;
  if (isJoiner(before) && isDigit(text[start - 2])) return false;
  if (isJoiner(after) && isDigit(text[end + 1])) return false;
  return true;
}

/** The digits of a value, without separators. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
