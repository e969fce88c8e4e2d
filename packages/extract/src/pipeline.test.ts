import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pdf } from './formats/test-pdf.js';
import { closeOcr, extractMessage } from './index.js';

/**
 * The whole walk at once: a message carrying a ZIP that holds a two-page PDF. The value on
 * page 2 must come out located at that page, three containers deep.
 */

/** A minimal two-page text PDF, with a correct cross-reference table. */
function twoPagePdf(page1: string, page2: string): Buffer {
  const content = (text: string) => `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    `<< /Length ${content(page1).length} >>\nstream\n${content(page1)}\nendstream`,
    `<< /Length ${content(page2).length} >>\nstream\n${content(page2)}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdf(objects);
}

/** A ZIP holding one stored (uncompressed) entry. */
function storedZip(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(10, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

afterAll(async () => {
  await closeOcr();
});

describe('a PDF in a ZIP in a message', () => {
  it('locates text on page 2 at that page', async () => {
    const zip = storedZip('referral.pdf', twoPagePdf('Referral letter', 'Patient SSN 123-45-6789'));
    const message = [
      'From: clinic@example.org',
      'To: someone@example.com',
      'Subject: referral',
      'Content-Type: multipart/mixed; boundary=m',
      '',
      '--m',
      'Content-Type: application/zip; name=docs.zip',
      'Content-Transfer-Encoding: base64',
      '',
      zip.toString('base64'),
      '--m--',
      '',
    ].join('\r\n');
    const result = await extractMessage(message);
    const segment = result.segments.find((s) => s.text.includes('123-45-6789'));
    expect(segment?.location.startsWith('attachment[0]:docs.zip/entry[0]:referral.pdf')).toBe(true);
    const at = segment?.text.indexOf('123-45-6789') ?? -1;
    const region = segment?.regions?.find((r) => r.start <= at && at < r.end);
    expect(region?.location ?? segment?.location).toBe(
      'attachment[0]:docs.zip/entry[0]:referral.pdf#page=2',
    );
    expect(result.attachments.map((a) => a.detectedType)).toEqual(['zip', 'pdf']);
  });
});
