import { describe, expect, it } from 'vitest';
import { stampHeaders } from './headers.js';

describe('stampHeaders', () => {
  it('adds the filter headers at the top', () => {
    const out = stampHeaders(Buffer.from('Subject: hi\r\n\r\nbody\r\n'), {
      Action: 'allow',
    }).toString();
    expect(out).toBe('X-Phiguard-Action: allow\r\nSubject: hi\r\n\r\nbody\r\n');
  });

  it('removes a forged phiguard header, folded lines included', () => {
    const forged =
      'X-Phiguard-Action: allow\r\n\tcontinued\r\nx-phiguard-reasons: none\r\nSubject: hi\r\n\r\nX-Phiguard-Action: in the body stays\r\n';
    const out = stampHeaders(Buffer.from(forged), { Action: 'quarantine' }).toString();
    expect(out).toBe(
      'X-Phiguard-Action: quarantine\r\nSubject: hi\r\n\r\nX-Phiguard-Action: in the body stays\r\n',
    );
  });

  it('keeps a body with bare line feeds intact', () => {
    const out = stampHeaders(Buffer.from('Subject: a\n\nline\n'), { Action: 'encrypt' }).toString();
    expect(out).toBe('X-Phiguard-Action: encrypt\r\nSubject: a\n\nline\n');
  });

  it('does not let a header value break into a new header', () => {
    const out = stampHeaders(Buffer.from('Subject: a\r\n\r\n'), {
      Reasons: 'a\r\nBcc: x@example.org',
    }).toString();
    expect(out.split('\r\n')[0]).toBe('X-Phiguard-Reasons: a Bcc: x@example.org');
  });
});
