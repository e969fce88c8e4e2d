import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExtractOptionsError, extractFile, extractMessage, UnscannableError } from './index.js';
import { DEFAULT_LIMITS } from './limits.js';
import { dispatch, Run, Scope } from './run.js';
import type { FileExtractor, Segment } from './types.js';

const crlf = (lines: string[]) => lines.join('\r\n');
/** The text of the segment at `location`, file-name segments aside. */
const find = (result: { segments: readonly Segment[] }, location: string) =>
  result.segments.find((s) => s.location === location && s.area !== 'filename')?.text;

describe('extractMessage headers', () => {
  it('reads the subject and address headers, encoded words decoded', async () => {
    const result = await extractMessage(
      crlf([
        'From: =?UTF-8?Q?Jos=C3=A9_P=C3=A9rez?= <jose@example.org>',
        'To: "Roe, Jane" <jane@example.org>, bob@example.org',
        'Cc: Team: a@example.org, b@example.org;',
        'Reply-To: desk@example.org',
        'Subject: =?UTF-8?B?TVJOIDAwMTIzNDU2?=',
        '',
        'hello',
      ]),
    );
    expect(find(result, 'subject')).toBe('MRN 00123456');
    expect(find(result, 'header:from')).toBe('José Pérez <jose@example.org>');
    expect(find(result, 'header:to')).toBe(
      '"Roe, Jane" <jane@example.org>, bob@example.org'.replace(/"/g, ''),
    );
    expect(find(result, 'header:cc')).toBe('a@example.org, b@example.org');
    expect(find(result, 'header:reply-to')).toBe('desk@example.org');
    expect(result.segments.find((s) => s.location === 'subject')?.area).toBe('subject');
    expect(result.headers?.to.map((m) => m.address)).toEqual([
      'jane@example.org',
      'bob@example.org',
    ]);
  });

  it('scans an attachment file name, RFC 2231 encoded, as a filename segment', async () => {
    const result = await extractMessage(
      crlf([
        'Subject: x',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: application/octet-stream',
        "Content-Disposition: attachment; filename*=UTF-8''Jos%C3%A9%20123-45-6789.bin",
        'Content-Transfer-Encoding: base64',
        '',
        'AAECAwQFBgcICQ==',
        '--b--',
      ]),
    );
    const name = result.segments.find((s) => s.area === 'filename');
    expect(name?.text).toBe('José 123-45-6789.bin');
    expect(name?.location).toBe('attachment[0]:José 123-45-6789.bin');
    expect(result.unscannable).toEqual([
      {
        location: 'attachment[0]:José 123-45-6789.bin',
        reason: 'unsupported_type',
        detail: 'no reader for type binary',
      },
    ]);
  });
});

describe('extractMessage bodies', () => {
  it('decodes quoted-printable and base64 bodies with no declared charset', async () => {
    const result = await extractMessage(
      crlf([
        'Subject: x',
        'Content-Type: multipart/alternative; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'SSN=3A 123-=',
        '45-6789',
        '--b',
        'Content-Type: text/html',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('<p>MRN <b>00123456</b><!-- DOB 1960-01-02 --></p>').toString('base64'),
        '--b--',
      ]),
    );
    expect(find(result, 'body:text')).toContain('SSN: 123-45-6789');
    const html = result.segments.find((s) => s.location === 'body:html');
    expect(html?.text).toContain('MRN 00123456');
    expect(html?.regions?.map((r) => r.location)).toEqual(['body:html#comment=1']);
  });

  it('scans a multipart preamble and epilogue, which the parser drops, once each', async () => {
    const result = await extractMessage(
      crlf([
        'Subject: x',
        'Content-Type: multipart/mixed; boundary="sep"',
        '',
        'Preamble with MRN 445566',
        '--sep',
        'Content-Type: text/plain',
        '',
        'the body',
        '--sep--',
        'Epilogue with SSN 123-45-6789',
      ]),
    );
    expect(find(result, 'body:preamble')?.trim()).toBe('Preamble with MRN 445566');
    expect(find(result, 'body:epilogue')?.trim()).toBe('Epilogue with SSN 123-45-6789');
    expect(find(result, 'body:text')?.trim()).toBe('the body');
    expect(result.segments.filter((s) => s.text.includes('the body'))).toHaveLength(1);
  });

  it('scans a body that has no blank line after the headers', async () => {
    const result = await extractMessage(
      'From: a@example.org\nSubject: hi\nPatient SSN 123-45-6789\nmore\n',
    );
    expect(find(result, 'body:unparsed')).toBe('Patient SSN 123-45-6789\nmore\n');
    expect(find(result, 'subject')).toBe('hi');
  });

  it('scans a part whose headers run into its body', async () => {
    const result = await extractMessage(
      crlf([
        'Content-Type: multipart/mixed; boundary=q',
        '',
        '--q',
        'Content-Type: text/plain',
        'DOB 01/02/1960',
        '--q--',
      ]),
    );
    expect(find(result, 'body:unparsed')?.trim()).toBe('DOB 01/02/1960');
  });

  it('locates an attached message under /message, its own parts one level down', async () => {
    const inner = crlf(['From: x@example.org', 'Subject: inner subject', '', 'inner body']);
    const result = await extractMessage(
      crlf([
        'Subject: outer',
        'Content-Type: multipart/mixed; boundary=o',
        '',
        '--o',
        'Content-Type: message/rfc822',
        'Content-Disposition: attachment; filename="fwd.eml"',
        '',
        inner,
        '--o--',
      ]),
    );
    expect(find(result, 'attachment[0]:fwd.eml/message/subject')).toBe('inner subject');
    expect(find(result, 'attachment[0]:fwd.eml/message/body:text')?.trim()).toBe('inner body');
    expect(result.segments.find((s) => s.location.endsWith('/message/subject'))?.area).toBe(
      'attachment',
    );
    expect(result.attachments[0]?.detectedType).toBe('message');
  });

  it('reads a CSV attachment with column names next to values', async () => {
    const result = await extractMessage(
      crlf([
        'Content-Type: multipart/mixed; boundary=c',
        '',
        '--c',
        'Content-Type: text/csv; name=list.csv',
        'Content-Disposition: attachment; filename=list.csv',
        '',
        'Name,SSN',
        'Jane Roe,123-45-6789',
        '--c--',
      ]),
    );
    expect(find(result, 'attachment[0]:list.csv')).toContain('SSN: 123-45-6789');
  });
});

describe('extractMessage encrypted and signed parts', () => {
  it('reports S/MIME content as encrypted and skips a detached signature', async () => {
    const result = await extractMessage(
      crlf([
        'Content-Type: multipart/mixed; boundary=s',
        '',
        '--s',
        'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
        'Content-Transfer-Encoding: base64',
        '',
        'MIAGCSqGSIb3DQEHA6CAMIACAQAxggHXMIIB0wIBADCBuzCBrTELMAkGA1UEBhMC',
        '--s',
        'Content-Type: application/pkcs7-signature; name=smime.p7s',
        'Content-Transfer-Encoding: base64',
        '',
        'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0B',
        '--s--',
      ]),
    );
    expect(result.unscannable.map((u) => [u.location, u.reason])).toEqual([
      ['attachment[0]:smime.p7m', 'encrypted'],
    ]);
    expect(result.attachments.map((a) => a.detectedType)).toEqual(['smime', 'signature']);
  });
});

describe('extractMessage inputs', () => {
  it('reads a stream', async () => {
    const stream = Readable.from([
      Buffer.from('Subject: from a stream\r\n\r\n'),
      Buffer.from('body'),
    ]);
    const result = await extractMessage(stream);
    expect(find(result, 'subject')).toBe('from a stream');
    expect(result.size).toBe(30);
  });

  it('reads a structured message with the same locations as a raw one', async () => {
    const result = await extractMessage({
      from: { name: 'Clinic', address: 'c@example.org' },
      to: ['Jane Roe <jane@example.org>'],
      subject: 'results',
      text: 'MRN 00123456',
      html: '<p title="t">x</p>',
      attachments: [
        {
          filename: 'notes.txt',
          contentType: 'text/plain',
          content: Buffer.from('DOB 1960-01-02'),
        },
      ],
    });
    expect(find(result, 'header:from')).toBe('Clinic <c@example.org>');
    expect(find(result, 'header:to')).toBe('Jane Roe <jane@example.org>');
    expect(find(result, 'body:text')).toBe('MRN 00123456');
    expect(find(result, 'attachment[0]:notes.txt')).toBe('DOB 1960-01-02');
    expect(result.headers?.subject).toBe('results');
  });

  it('reads an .eml file given to extractFile under file:NAME/message/', async () => {
    const bytes = Buffer.from('From: a@example.org\r\nTo: b@example.org\r\nSubject: s\r\n\r\nbody');
    const result = await extractFile(bytes, { filename: 'note.eml' });
    expect(find(result, 'file:note.eml/message/subject')).toBe('s');
    expect(find(result, 'file:note.eml/message/body:text')?.trim()).toBe('body');
  });

  it('refuses an input over maxInputBytes without reading it', async () => {
    const result = await extractMessage('Subject: x\r\n\r\nbody', { limits: { maxInputBytes: 5 } });
    expect(result.unscannable).toEqual([
      { location: 'message', reason: 'too_large', detail: 'over maxInputBytes (5)' },
    ]);
    expect(result.segments).toEqual([]);
  });

  it('rejects invalid options with the field named', async () => {
    await expect(extractMessage('x', { limits: { maxParts: -1 } })).rejects.toBeInstanceOf(
      ExtractOptionsError,
    );
    await expect(extractMessage('x', { limits: { maxParts: -1 } })).rejects.toThrow(
      /limits\.maxParts/,
    );
  });

  it('resolves for garbage input', async () => {
    for (const input of ['', '\u0000\u0001', Buffer.from([0xff, 0xfe, 0, 0]), '--\r\n--\r\n\r\n']) {
      const result = await extractMessage(input);
      expect(result.size).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('hostile messages', () => {
  it('scans the raw text of MIME nested past the parser limit, and reports it', async () => {
    let message = 'Subject: deep\r\n';
    for (let i = 0; i < 1000; i++) {
      message += `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`;
    }
    message += 'Content-Type: text/plain\r\n\r\nSSN 123-45-6789\r\n';
    const result = await extractMessage(message);
    expect(result.unscannable.map((u) => [u.location, u.reason])).toEqual([
      ['message', 'malformed'],
    ]);
    expect(find(result, 'body:raw')).toContain('SSN 123-45-6789');
  });

  it('does not parse a message with far more parts than maxParts, and scans its raw text', async () => {
    let message = 'Subject: many\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n';
    for (let i = 0; i < 5000; i++) message += `--z\r\nContent-Type: text/plain\r\n\r\nrow ${i}\r\n`;
    const result = await extractMessage(`${message}--z--\r\n`);
    expect(result.unscannable.map((u) => [u.location, u.reason])).toEqual([
      ['message', 'too_many_parts'],
    ]);
    expect(find(result, 'body:raw')).toContain('row 4999');
  });

  it('stops at maxParts once, when a message has somewhat more parts', async () => {
    let message = 'Content-Type: multipart/mixed; boundary=z\r\n\r\n';
    for (let i = 0; i < 30; i++) {
      message += `--z\r\nContent-Disposition: attachment; filename=f${i}.txt\r\n\r\nrow ${i}\r\n`;
    }
    const result = await extractMessage(`${message}--z--\r\n`, { limits: { maxParts: 10 } });
    expect(result.unscannable).toEqual([
      {
        location: 'attachment[10]:f10.txt',
        reason: 'too_many_parts',
        detail: 'over maxParts (10); this part and every later one were not read',
      },
    ]);
  });

  it('reports messages attached deeper than maxDepth as too_deep', async () => {
    let message = 'Subject: leaf\r\n\r\nSSN 123-45-6789\r\n';
    for (let i = 0; i < 12; i++)
      message = `Subject: l${i}\r\nContent-Type: message/rfc822\r\n\r\n${message}`;
    const result = await extractMessage(message);
    expect(result.unscannable.map((u) => u.reason)).toEqual(['too_deep']);
    expect(result.unscannable[0]?.location.split('/message/')).toHaveLength(9);
  });
});

describe('dispatch failures', () => {
  const file = {
    bytes: Buffer.from('some text'),
    location: 'attachment[0]:a.txt',
    filename: 'a.txt',
  };
  const runWith = (reader: FileExtractor, limits = DEFAULT_LIMITS) =>
    new Run(limits, new Map([['text', reader]]));

  it('turns a thrown error into extractor_failed without quoting its message', async () => {
    const run = runWith({
      types: ['text'],
      extract: async () => JSON.parse('{"ssn": 123-45-6789'),
    });
    const root = new Scope(10_000);
    await dispatch(run, file, 1, root);
    root.close();
    expect(run.unscannable).toEqual([
      {
        location: 'attachment[0]:a.txt',
        reason: 'extractor_failed',
        detail: 'the reader threw SyntaxError',
      },
    ]);
  });

  it('keeps the reason of an UnscannableError', async () => {
    const run = runWith({
      types: ['text'],
      extract: async () => {
        throw new UnscannableError('encrypted', 'password protected');
      },
    });
    const root = new Scope(10_000);
    await dispatch(run, file, 1, root);
    root.close();
    expect(run.unscannable.map((u) => u.reason)).toEqual(['encrypted']);
  });

  it('reports a reader that never finishes as timeout and ignores what it adds later', async () => {
    let late: (() => void) | undefined;
    const run = runWith(
      {
        types: ['text'],
        extract: (f, context) =>
          new Promise<void>((resolve) => {
            late = () => {
              context.addSegment({
                location: f.location,
                area: 'attachment',
                text: 'late',
                via: 'text',
              });
              resolve();
            };
          }),
      },
      { ...DEFAULT_LIMITS, attachmentTimeoutMs: 20 },
    );
    const root = new Scope(10_000);
    await dispatch(run, file, 1, root);
    late?.();
    root.close();
    expect(run.unscannable.map((u) => u.reason)).toEqual(['timeout']);
    expect(run.segments.map((s) => s.via)).toEqual(['filename']);
  });
});
