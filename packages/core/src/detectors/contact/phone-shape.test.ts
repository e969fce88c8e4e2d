import { describe, expect, it } from 'vitest';
import { createScanner } from '../../create.js';
import { isAssignableNanp, isFictional, nanpDigits, nearestLabel } from './phone-shape.js';

describe('phone shape', () => {
  it.each([
    ['2125552671', true, 'an ordinary number'],
    ['9115552671', false, 'area code N11'],
    ['2129112671', false, 'exchange N11'],
    ['1125552671', false, 'area code starting with 1'],
    ['2120552671', false, 'exchange starting with 0'],
    ['2965552671', false, 'area code N9X is reserved'],
    ['3705552671', false, 'area code 37X is reserved'],
  ])('finds whether %s is assignable (%s)', (digits, assignable) => {
    expect(isAssignableNanp(digits)).toBe(assignable);
  });

  it.each([
    ['+1 (212) 555-2671', '2125552671'],
    ['212-555-2671 ext. 44', '2125552671'],
    ['1-212-555-2671', '2125552671'],
    ['212-555-267', undefined],
  ])('finds the national digits of %s', (value, digits) => {
    expect(nanpDigits(value)).toBe(digits);
  });

  it('finds the fictional 555-01xx block and only it', () => {
    expect(isFictional('2125550147')).toBe(true);
    expect(isFictional('2125550247')).toBe(false);
    expect(isFictional('2125560147')).toBe(false);
  });

  it.each([
    ['Tel 617-555-3123, Fax 617-555-3190', '617-555-3190', 'fax'],
    ['Tel 617-555-3123, Fax 617-555-3190', '617-555-3123', 'phone'],
    ['617-555-3190 (fax)', '617-555-3190', 'fax'],
    ['Number 617-555-3190', '617-555-3190', undefined],
  ])('finds the label nearest a number in %j', (text, value, label) => {
    const start = text.indexOf(value);
    expect(nearestLabel({ text, start, end: start + value.length })).toBe(label);
  });
});

describe('phone and fax together', () => {
  const text = 'Tel: 617-555-3123, Fax: 617-555-3190';

  it('finds one phone and one fax, each once', () => {
    const findings = createScanner().scan(text).findings;
    expect(findings.map((f) => [f.detector, text.slice(f.start, f.end)])).toEqual([
      ['phone', '617-555-3123'],
      ['fax', '617-555-3190'],
    ]);
  });

  it('finds the fax number as a phone when fax is excluded', () => {
    const findings = createScanner({ exclude: ['fax'] }).scan(text).findings;
    const second = findings.find((f) => text.slice(f.start, f.end) === '617-555-3190');
    expect(second?.detector).toBe('phone');
  });

  it('finds a fictional number only at low confidence', () => {
    const findings = createScanner().scan('Phone: (212) 555-0147').findings;
    expect(findings.map((f) => [f.detector, f.level])).toEqual([['phone', 'low']]);
  });
});
