import { describe, expect, it } from 'vitest';
import { contextHint, notAfterCurrency } from './context.js';

describe('contextHint', () => {
  const near = contextHint(/icd|dx/i, { before: 10, after: 5 });

  it('sees a hint inside the window on either side', () => {
    const text = 'dx: XXXX then ICD';
    expect(near(text, 4, 8)).toBe(true);
    expect(near('XXXX icd', 0, 4)).toBe(true);
  });

  it('does not see a hint outside the window', () => {
    const text = `dx${' '.repeat(20)}XXXX${' '.repeat(20)}icd`;
    expect(near(text, 22, 26)).toBe(false);
  });

  it('starts afresh for each text', () => {
    expect(near('dx XXXX', 3, 7)).toBe(true);
    expect(near('.. XXXX', 3, 7)).toBe(false);
  });

  it('ignores a g flag on the hint it is given', () => {
    const flagged = contextHint(/dx/gi, { before: 5, after: 5 });
    expect(flagged('DX 1', 3, 4)).toBe(true);
    expect(flagged('DX 1', 3, 4)).toBe(true);
  });
});

describe('notAfterCurrency', () => {
  it.each([
    ['$250.00', false, 'a price'],
    ['#401.9', false, 'a number sign'],
    ['/1613', false, 'a path'],
    [' 401.9', true, 'after a space'],
  ])('%j gives %s (%s)', (text, expected) => {
    expect(notAfterCurrency(text, 1)).toBe(expected);
  });

  it('accepts a token at the start of the text', () => {
    expect(notAfterCurrency('401.9', 0)).toBe(true);
  });
});
