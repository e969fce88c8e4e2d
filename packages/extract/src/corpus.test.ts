import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, extractMessage, UNSCANNABLE_REASONS } from './index.js';
import type { Extraction } from './types.js';

/**
 * Every message of the shared MIME corpora (copied into fixtures/mime with their licences)
 * is extracted: each one resolves, and gives text or says, with a known reason, what it
 * could not read.
 */

const MIME = join(import.meta.dirname, '../../../fixtures/mime');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !/(?:SOURCE\.md|LICENSE[^/]*|\.gitattributes)$/.test(path))
    .sort();
}

function expectAccounted(result: Extraction, name: string) {
  // One fixture (sample_output_multipart) is an empty file: nothing to read, nothing unread.
  if (result.size === 0) return;
  expect(result.segments.length + result.unscannable.length, name).toBeGreaterThan(0);
  for (const entry of result.unscannable) {
    expect(UNSCANNABLE_REASONS, name).toContain(entry.reason);
    expect(entry.location, name).not.toBe('');
  }
  for (const segment of result.segments) expect(typeof segment.text, name).toBe('string');
}

const files = filesUnder(MIME);
const messages = files.filter((path) => !path.includes('/fixtures/attachments/'));
const attachments = files.filter((path) => path.includes('/fixtures/attachments/'));

describe('mime corpora', () => {
  it('has the messages the corpora promise', () => {
    expect(messages.length).toBe(119);
    expect(attachments.length).toBe(8);
  });

  it('extracts every message or reports it, never throwing', async () => {
    const unscannable: Record<string, number> = {};
    for (const path of messages) {
      // OCR of images in messages is the image reader's concern, and slow: it is off here.
      const result = await extractMessage(readFileSync(path), { limits: { maxOcrPages: 0 } });
      expectAccounted(result, relative(MIME, path));
      for (const entry of result.unscannable)
        unscannable[entry.reason] = (unscannable[entry.reason] ?? 0) + 1;
    }
    // Whatever is not read must be said to be unread: no reason outside the list appears.
    expect(
      Object.keys(unscannable).every((r) => (UNSCANNABLE_REASONS as readonly string[]).includes(r)),
    ).toBe(true);
  });

  it('extracts every loose attachment file of the corpora, never throwing', async () => {
    for (const path of attachments) {
      const name = path.split('/').pop() ?? '';
      const result = await extractFile(readFileSync(path), { filename: name });
      expectAccounted(result, name);
    }
  });
});

describe('mime corpora, by message', () => {
  const message = (path: string) => extractMessage(readFileSync(join(MIME, path)));

  it('reads the nested messages of the MIME torture test one level down each', async () => {
    const result = await message('postal-mime/fixtures/mimetorture.eml');
    const deepest = result.segments.filter((s) => s.location.split('/message/').length === 3);
    expect(deepest.map((s) => s.location)).toContain(
      'attachment[1]:/message/attachment[0]:/message/subject',
    );
  });

  it('decodes a base64 encoded-word subject', async () => {
    const result = await message('mikel-mail/fixtures/emails/multi_charset/japanese_iso_2022.eml');
    expect(result.headers?.subject).toBe('まみむめも');
  });

  it('decodes a non-ASCII attachment file name', async () => {
    const result = await message(
      'mikel-mail/fixtures/emails/attachment_emails/attachment_nonascii_filename.eml',
    );
    expect(result.segments.filter((s) => s.area === 'filename').map((s) => s.text)).toContain(
      'ciële.txt',
    );
  });

  it('reads the 1 MB single-line HTML body that once exhausted memory', async () => {
    const result = await message('mailparser/fixtures/outofmemory.eml');
    expect(result.segments.some((s) => s.location === 'body:html' && s.text.length > 100_000)).toBe(
      true,
    );
  });

  it('reads the HTML that once blew the call stack', async () => {
    const result = await message('mailparser/fixtures/htmllargecallstack.eml');
    expect(result.segments.some((s) => s.location === 'body:html')).toBe(true);
  });
});
