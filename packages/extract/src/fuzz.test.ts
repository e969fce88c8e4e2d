import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFile, extractMessage, UNSCANNABLE_REASONS } from './index.js';
import type { Extraction } from './types.js';

/**
 * Random and mutated inputs never escape as an exception from the public API: whatever the
 * bytes, the promise resolves with a well-formed extraction. OCR is switched off so that a
 * mutation that happens to yield an image does not spend the run on recognition.
 */

const MIME = join(import.meta.dirname, '../../../fixtures/mime');
const SEEDS = [
  'postal-mime/fixtures/mimetorture.eml',
  'mailparser/fixtures/nested.eml',
  'mikel-mail/fixtures/emails/attachment_emails/attachment_message_rfc822.eml',
  'mikel-mail/fixtures/emails/mime_emails/raw_email_with_nested_attachment.eml',
  'mikel-mail/fixtures/emails/error_emails/bad_encoded_subject.eml',
].map((path) => new Uint8Array(readFileSync(join(MIME, path))));
const TNEF = new Uint8Array(
  readFileSync(join(import.meta.dirname, '../../../fixtures/tnef/examples/two-files.tnef')),
);

const options = { limits: { maxOcrPages: 0 } };

/** `ciRuns` cases, or more when `pnpm fuzz` sets PHIGUARD_FUZZ_RUNS. */
const runs = (ciRuns: number) => Math.max(ciRuns, Number(process.env.PHIGUARD_FUZZ_RUNS) || 0);

function wellFormed(result: Extraction) {
  expect(Array.isArray(result.segments)).toBe(true);
  for (const entry of result.unscannable) expect(UNSCANNABLE_REASONS).toContain(entry.reason);
}

/** A seed with a few bytes changed, inserted, removed or cut off. */
const mutated = (seeds: readonly Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.integer({ min: 0, max: 255 }),
          fc.constantFrom('set', 'insert', 'delete', 'cut'),
        ),
        { minLength: 1, maxLength: 8 },
      ),
    )
    .map(([seed, edits]) => {
      let bytes = Array.from(seed);
      for (const [at, value, kind] of edits) {
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        if (kind === 'set') bytes[i] = value;
        else if (kind === 'insert') bytes.splice(i, 0, value);
        else if (kind === 'delete') bytes.splice(i, 1);
        else bytes = bytes.slice(0, i);
      }
      return Uint8Array.from(bytes);
    });

/** Text made of the characters MIME structure is built from, in random order. */
const mimeish = fc
  .array(
    fc.constantFrom(
      'Content-Type: multipart/mixed; boundary=x\r\n',
      'Content-Type: message/rfc822\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      'Content-Transfer-Encoding: quoted-printable\r\n',
      'Subject: =?UTF-8?B?w6k=?=\r\n',
      '\r\n',
      '--x\r\n',
      '--x--\r\n',
      '=3D=\r\n',
      '<p>a</p>',
      'QUJD',
      ' ',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('extractMessage never throws', () => {
  it('on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        wellFormed(await extractMessage(Buffer.from(bytes), options));
      }),
      { numRuns: runs(150) },
    );
  });

  it('on MIME-shaped random text', async () => {
    await fc.assert(
      fc.asyncProperty(mimeish, async (text) => {
        wellFormed(await extractMessage(text, options));
      }),
      { numRuns: runs(150) },
    );
  });

  it('on mutated corpus messages', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(SEEDS), async (bytes) => {
        wellFormed(await extractMessage(bytes, options));
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('extractFile never throws', () => {
  it('on mutated TNEF streams', async () => {
    await fc.assert(
      fc.asyncProperty(mutated([TNEF]), async (bytes) => {
        wellFormed(await extractFile(bytes, { filename: 'winmail.dat', ...options }));
      }),
      { numRuns: runs(150) },
    );
  });
});
