import { describe, expect, it } from 'vitest';
import { defaultMask, maskEmail, maskKeepingLast, maskName } from './mask.js';

describe('masks', () => {
  it.each([
    ['ssn', '123-45-6789', '***-**-6789'],
    ['phone', '(617) 555-0123', '(***) ***-0123'],
    ['mrn', 'E1234', '*****'],
    ['date', '03/05/1961', '**/**/****'],
    ['name', 'Jane Q. Doe', 'J*** Q*** D***'],
    ['email', 'jane.doe@mail.example.org', 'j***@****.*******.org'],
    ['url', 'https://portal.example.org/p/123', 'https://***'],
    ['diagnosis_code', 'E11.9', 'E**.*'],
    ['location', '12 Elm St', '** *** **'],
  ] as const)('masks a %s as %s', (cls, value, masked) => {
    expect(defaultMask(cls, value)).toBe(masked);
  });

  it('masks short values entirely rather than showing a tail', () => {
    expect(maskKeepingLast('12345')).toBe('*****');
  });

  it('does not reveal the length of names', () => {
    expect(maskName('Bartholomew')).toBe(maskName('Bo'.padEnd(2, 'b')).replace('B', 'B'));
  });

  it('masks an address without a domain entirely', () => {
    expect(maskEmail('nobody')).toBe('******');
  });
});
