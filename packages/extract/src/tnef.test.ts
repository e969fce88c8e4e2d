import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, extractMessage } from './index.js';
import { decompressRtf, rtfToText } from './rtf.js';
import { parseTnef } from './tnef.js';

const EXAMPLES = join(import.meta.dirname, '../../../fixtures/tnef/examples');
const sample = (name: string) => readFileSync(join(EXAMPLES, name));

describe('tnef samples', () => {
  it('reads or reports every sample, never throwing', async () => {
    for (const name of readdirSync(EXAMPLES)) {
      // OCR of the images inside is the image reader's concern, and slow: it is off here.
      const result = await extractFile(sample(name), {
        filename: name,
        limits: { maxOcrPages: 0 },
      });
      expect(result.attachments[0]?.detectedType, name).toBe('tnef');
      // Besides the file name, each sample gives text or an unscannable entry.
      const content = result.segments.filter((s) => s.area !== 'filename');
      expect(content.length + result.unscannable.length, name).toBeGreaterThan(0);
    }
  });

  it('hands each attachment back with its name and content', async () => {
    const result = await extractFile(sample('two-files.tnef'), { filename: 'winmail.dat' });
    const texts = result.segments.filter((s) => s.via === 'text').map((s) => s.location);
    expect(texts).toEqual([
      'file:winmail.dat/message/attachment[0]:AUTHORS',
      'file:winmail.dat/message/attachment[1]:README',
    ]);
    expect(result.unscannable).toEqual([]);
  });

  it('reads the subject and the compressed RTF body', async () => {
    const result = await extractFile(sample('long-filename.tnef'), { filename: 'winmail.dat' });
    const subject = result.segments.find((s) => s.location === 'file:winmail.dat/message/subject');
    expect(subject?.text).toBe('RE: license file');
    const body = result.segments.find((s) => s.via === 'rtf');
    expect(body?.text).toContain("I've attached a temp. license");
  });

  it('reads an attached message stored as an object, one level deeper', async () => {
    const result = await extractFile(sample('IPM-DistList.tnef'), { filename: 'winmail.dat' });
    const inner = result.segments.find((s) =>
      s.location.endsWith('/message/attachment[0]:Untitled Attachment/message/subject'),
    );
    expect(inner?.text).toBe('XXXXnews');
  });

  it('decodes non-ASCII names by their code page', () => {
    const content = parseTnef(sample('umlaut.tnef'));
    expect(content.attachments.map((a) => a.name)).toContain('UmlautAnhang-äüö.txt');
  });

  it('keeps what precedes a truncation and reports the stream malformed', async () => {
    const bytes = sample('two-files.tnef');
    const result = await extractFile(bytes.subarray(0, Math.floor(bytes.length * 0.8)), {
      filename: 't.dat',
    });
    expect(result.unscannable.map((u) => u.reason)).toContain('malformed');
    expect(result.segments.some((s) => s.location.endsWith('attachment[0]:AUTHORS'))).toBe(true);
  });

  it('is read from a winmail.dat attachment of a message', async () => {
    const message = [
      'From: a@example.org',
      'To: b@example.org',
      'Subject: fwd',
      'Content-Type: multipart/mixed; boundary=zz',
      '',
      '--zz',
      'Content-Type: application/ms-tnef; name="winmail.dat"',
      'Content-Transfer-Encoding: base64',
      '',
      sample('one-file.tnef').toString('base64'),
      '--zz--',
      '',
    ].join('\n');
    const result = await extractMessage(message);
    expect(result.segments.map((s) => s.location)).toContain(
      'attachment[0]:winmail.dat/message/attachment[0]:AUTHORS',
    );
  });
});

describe('rtf', () => {
  it('decompresses an uncompressed (MELA) stream as stored', () => {
    const body = Buffer.from('{\\rtf1 hi}');
    const header = Buffer.alloc(16);
    header.writeUInt32LE(body.length + 12, 0);
    header.writeUInt32LE(body.length, 4);
    header.writeUInt32LE(0x414c454d, 8);
    expect(Buffer.from(decompressRtf(Buffer.concat([header, body]), 1000)).toString()).toBe(
      '{\\rtf1 hi}',
    );
  });

  it('drops control words and tables but keeps escaped text', () => {
    const rtf =
      "{\\rtf1{\\fonttbl{\\f0 Arial;}}{\\*\\generator x;}Patient\\par SSN\\'3a 123\\u8209?45}";
    expect(rtfToText(rtf)).toBe('Patient\nSSN: 123\u201145');
  });
});
