import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffType } from './index.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const file = (path: string) => readFileSync(join(FIXTURES, path));
const text = (s: string) => Buffer.from(s, 'utf8');

describe('sniffType', () => {
  // Each row: bytes, a name or declared type that may lie, the expected type, and why.
  const rows: [string, Buffer, string | undefined, string | undefined, string][] = [
    [
      'a PDF by its bytes',
      file('mime/mikel-mail/fixtures/attachments/test.pdf'),
      undefined,
      undefined,
      'pdf',
    ],
    [
      'a PDF named .txt',
      file('mime/mikel-mail/fixtures/attachments/test.pdf'),
      'notes.txt',
      'text/plain',
      'pdf',
    ],
    ['a PNG', file('mime/mikel-mail/fixtures/attachments/test.png'), undefined, undefined, 'png'],
    ['a JPEG', file('mime/mikel-mail/fixtures/attachments/test.jpg'), undefined, undefined, 'jpeg'],
    ['a GIF', file('mime/mikel-mail/fixtures/attachments/test.gif'), undefined, undefined, 'gif'],
    [
      'a TIFF',
      file('mime/mikel-mail/fixtures/attachments/test.tiff'),
      undefined,
      undefined,
      'tiff',
    ],
    ['a ZIP', file('mime/mikel-mail/fixtures/attachments/test.zip'), undefined, undefined, 'zip'],
    ['an empty ZIP', file('archives/files/dummy.zip'), undefined, undefined, 'zip'],
    [
      'a TNEF stream by its signature',
      file('tnef/examples/one-file.tnef'),
      'x.txt',
      undefined,
      'tnef',
    ],
    [
      'a message',
      file('mime/mikel-mail/fixtures/emails/plain_emails/basic_email.eml'),
      undefined,
      undefined,
      'message',
    ],
    [
      'an HL7 v2 message',
      text('MSH|^~\\&|LAB|X|||202401011200||ORU^R01|1|P|2.5\rPID|1||123'),
      undefined,
      undefined,
      'hl7v2',
    ],
    [
      'a FHIR resource',
      text('{"resourceType":"Patient","id":"1"}'),
      'a.json',
      undefined,
      'fhir-json',
    ],
    ['other JSON', text('{"a":[1,2]}'), undefined, undefined, 'json'],
    ['braces that are not JSON', text('{not json at all'), undefined, undefined, 'text'],
    [
      'an XML document',
      text('<?xml version="1.0"?><ClinicalDocument/>'),
      undefined,
      undefined,
      'xml',
    ],
    [
      'an HTML page',
      text('<!DOCTYPE html><html><body>x</body></html>'),
      undefined,
      undefined,
      'html',
    ],
    ['an HTML fragment', text('<p>hello</p>'), undefined, undefined, 'html'],
    ['an HTML link', text('<a href="x">see</a>'), undefined, undefined, 'html'],
    ['an HTML line break', text('<br/>x'), undefined, undefined, 'html'],
    ['prefixed XML', text('<a:Doc xmlns:a="urn:x"/>'), undefined, undefined, 'xml'],
    ['XML rooted like an HTML tag', text('<b-list><x/></b-list>'), undefined, undefined, 'xml'],
    ['a hinted CSV', text('name,ssn\nJane,123\n'), 'list.csv', undefined, 'csv'],
    ['an unhinted steady table', text('a,b,c\n1,2,3\n4,5,6\n'), undefined, undefined, 'csv'],
    ['prose with commas', text('Hi, this is a note.\nThanks, me\n'), undefined, undefined, 'text'],
    ['plain text', text('just some words'), undefined, undefined, 'text'],
    [
      'a PGP message',
      text('-----BEGIN PGP MESSAGE-----\n\nhQEMA\n-----END PGP MESSAGE-----\n'),
      undefined,
      undefined,
      'pgp-encrypted',
    ],
    ['an RTF document', text('{\\rtf1\\ansi hello}'), undefined, undefined, 'rtf'],
    [
      'bytes nobody knows',
      Buffer.from([0, 1, 2, 3, 0, 250, 251, 0, 9, 9]),
      'x.txt',
      'text/plain',
      'binary',
    ],
    ['nothing', Buffer.alloc(0), undefined, undefined, 'empty'],
  ];
  for (const [why, bytes, filename, declared, expected] of rows) {
    it(`types ${why} as ${expected}`, async () => {
      expect(await sniffType(bytes, filename, declared)).toBe(expected);
    });
  }
});
