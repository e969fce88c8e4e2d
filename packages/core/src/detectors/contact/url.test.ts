import { describe, expect, it } from 'vitest';
import { maskUrlHidingPath } from './url.js';

describe('url mask', () => {
  it.each([
    ['https://portal.mercy.org/patient/88231904', 'https://******.*****.org/***'],
    ['www.janedoe.com', '***.*******.com'],
    ['http://jane:secret@files.host.net/a', 'http://*****.****.net/***'],
    ['https://10.12.4.20:8443/chart?doc=1', 'https://**.**.*.**/***'],
  ])('rejects showing more than scheme and top-level domain of %s', (value, masked) => {
    expect(maskUrlHidingPath(value)).toBe(masked);
  });

  it('rejects showing any path, query or credential character', () => {
    const masked = maskUrlHidingPath('https://a.org/patient/jdoe?mrn=4412#notes');
    for (const secret of ['patient', 'jdoe', '4412', 'notes']) expect(masked).not.toContain(secret);
  });
});
