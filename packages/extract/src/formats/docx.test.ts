import { describe, expect, it } from 'vitest';
import type { FileInput } from '../types.js';
import { compoundExtractor } from './compound.js';
import { docxExtractor } from './docx.js';
import { fixture } from './fixtures.js';
import { collect } from './test-context.js';
import { unzipAll, zipAll } from './test-zip.js';

async function read(name: string, limits = {}) {
  const run = collect(limits);
  await docxExtractor.extract(fixture(`docx/${name}`), run.context);
  return run;
}

/** A real DOCX with its main document changed by `edit`, and other entries added. */
async function edited(edit: (xml: string) => string, extra: Record<string, string> = {}) {
  const entries = await unzipAll(fixture('docx/tables.docx').bytes);
  const xml = Buffer.from(entries.get('word/document.xml') ?? []).toString('utf8');
  entries.set('word/document.xml', Buffer.from(edit(xml)));
  for (const [name, text] of Object.entries(extra)) entries.set(name, Buffer.from(text));
  return { bytes: zipAll(entries), location: 'attachment[0]:edited.docx' };
}

/**
 * Reads `file`, which must read without failure; `at(fragment)` is the text of the region
 * of the package-XML segment whose location ends with `fragment`.
 */
async function readWhole(file: FileInput) {
  const run = collect();
  await docxExtractor.extract(file, run.context);
  expect(run.unscannable).toEqual([]);
  const extra = run.segments.find((s) => s.via === 'docx-xml');
  const at = (fragment: string) => {
    const region = extra?.regions?.find((r) => r.location.endsWith(fragment));
    return region && extra?.text.slice(region.start, region.end);
  };
  return { run, extra, at };
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('docxExtractor', () => {
  it('reads the main document with mammoth', async () => {
    const run = await read('tables.docx');
    expect(run.unscannable).toEqual([]);
    expect(run.segments.find((s) => s.via === 'docx')?.text).toContain('Above');
  });

  it('reads comments, each as a region named by its id', async () => {
    const run = await read('comments.docx');
    const extra = run.segments.find((s) => s.via === 'docx-xml');
    expect(extra?.text).toContain('A tachyon walks into a bar.');
    const comment = extra?.regions?.find((r) => r.location.endsWith('#comment=0'));
    expect(extra?.text.slice(comment?.start, comment?.end)).toBe('A tachyon walks into a bar.');
  });

  it('reads footnotes and endnotes, which mammoth leaves out of its raw text', async () => {
    const footnotes = await read('footnotes.docx');
    const endnotes = await read('endnotes.docx');
    const locations = (run: typeof footnotes) =>
      run.segments.flatMap((s) => s.regions ?? []).map((r) => r.location.split('#')[1]);
    expect(locations(footnotes)).toContain('footnote=1');
    expect(locations(endnotes)).toContain('endnote=2');
    expect(footnotes.text()).toContain('A tachyon walks into a bar.');
  });

  it('reads text boxes through mammoth', async () => {
    const run = await read('text-box.docx');
    expect(run.text()).toContain('Datum plane');
  });

  it('reads Strict OOXML and parts that start with a byte order mark', async () => {
    expect((await read('strict-format.docx')).text()).toContain('Test');
    expect((await read('utf8-bom.docx')).text()).toContain('This XML has a byte order mark.');
  });

  it('reads tracked deletions and insertions, and headers and footers', async () => {
    const file = await edited(
      (xml) =>
        xml.replace(
          '<w:body>',
          '<w:body><w:p><w:del w:id="7" w:author="A"><w:r><w:delText>SSN 078-05-1120</w:delText></w:r></w:del>' +
            '<w:ins w:id="8" w:author="A"><w:r><w:t>MRN 448812</w:t></w:r></w:ins></w:p>',
        ),
      {
        'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>Patient: Jane Roe</w:t></w:r></w:p></w:hdr>`,
        'word/footer2.xml': `<w:ftr ${W}><w:p><w:r><w:t>DOB 04/01/1961</w:t></w:r></w:p></w:ftr>`,
      },
    );
    const { run, at } = await readWhole(file);
    expect(at('#deleted=1')).toBe('SSN 078-05-1120');
    expect(at('#header=1')).toBe('Patient: Jane Roe');
    expect(at('#footer=2')).toBe('DOB 04/01/1961');
    expect(run.segments.find((s) => s.via === 'docx')?.text).toContain('MRN 448812');
  });

  it('reads custom properties and the custom XML content controls are bound to', async () => {
    const VT = 'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
    const file = await edited((xml) => xml, {
      'docProps/custom.xml':
        `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ${VT}>` +
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="PatientMRN">' +
        '<vt:lpwstr>448812</vt:lpwstr></property></Properties>',
      'customXml/item1.xml':
        '<referral xmlns="urn:x"><patient dob="04/01/1961">Jane Roe</patient></referral>',
      'customXml/itemProps1.xml': '<ds:datastoreItem xmlns:ds="urn:y" ds:itemID="{1}"/>',
    });
    const { extra, at } = await readWhole(file);
    expect(at('#properties=custom')).toBe('PatientMRN: 448812');
    expect(at('#customXml=item1')).toBe('dob: 04/01/1961\nJane Roe');
    expect(extra?.regions?.some((r) => r.location.includes('itemProps'))).toBe(false);
  });

  it('reports an entry that inflates past maxPartBytes before inflating it', async () => {
    const entries = await unzipAll(fixture('docx/tables.docx').bytes);
    entries.set('word/media/filler.bin', new Uint8Array(3 * 1024 * 1024));
    const file = { bytes: zipAll(entries), location: 'attachment[0]:bomb.docx' };
    const run = collect({ maxPartBytes: 2 * 1024 * 1024 });
    await docxExtractor.extract(file, run.context);
    expect(run.segments).toEqual([]);
    expect(run.reasons()).toEqual(['decompression_limit']);
  });

  it('reports an entry that inflates far more than its compressed size as compression_ratio', async () => {
    const entries = await unzipAll(fixture('docx/tables.docx').bytes);
    entries.set('word/media/zeros.bin', new Uint8Array(4 * 1024 * 1024));
    const run = collect();
    await docxExtractor.extract({ bytes: zipAll(entries), location: 'a' }, run.context);
    expect(run.reasons()).toEqual(['compression_ratio']);
  });

  it('reports an entry whose header understates its size as malformed', async () => {
    const entries = await unzipAll(fixture('docx/tables.docx').bytes);
    const bytes = Buffer.from(zipAll(entries));
    // Understate word/document.xml's inflated size in both headers: yauzl stops there.
    const name = Buffer.from('word/document.xml');
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
      const central = bytes.readUInt32LE(at - 46) === 0x02014b50;
      bytes.writeUInt32LE(10, central ? at - 46 + 24 : at - 30 + 22);
    }
    const run = collect();
    await docxExtractor.extract({ bytes, location: 'a' }, run.context);
    expect(run.segments).toEqual([]);
    expect(run.reasons()).toEqual(['malformed']);
  });

  it('reports containers that are not a DOCX as malformed', async () => {
    for (const name of ['empty.zip', 'hello.zip']) {
      const run = await read(name);
      expect(run.segments).toEqual([]);
      expect(run.reasons()).toEqual(['malformed']);
    }
    const run = collect();
    await docxExtractor.extract({ bytes: new Uint8Array(100), location: 'a' }, run.context);
    expect(run.reasons()).toEqual(['malformed']);
  });

  it('reports a password-protected Office file as encrypted, and other compound files as unsupported', async () => {
    // No such file is in the corpora: these carry only what the check reads, the compound
    // file signature and, for the protected one, the directory name of its encrypted stream.
    const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const header = Buffer.concat([Buffer.from(signature), Buffer.alloc(504)]);
    const protectedFile = Buffer.concat([header, Buffer.from('EncryptedPackage', 'utf16le')]);
    const legacy = Buffer.concat([header, Buffer.from('WordDocument', 'utf16le')]);
    const reasons = [];
    for (const bytes of [protectedFile, legacy]) {
      const run = collect();
      await docxExtractor.extract({ bytes, location: 'a' }, run.context);
      reasons.push(...run.reasons());
    }
    expect(reasons).toEqual(['encrypted', 'unsupported_type']);
  });

  it('reads the same verdicts when the file is typed as a compound file', async () => {
    const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const header = Buffer.concat([Buffer.from(signature), Buffer.alloc(504)]);
    const protectedFile = Buffer.concat([header, Buffer.from('EncryptedPackage', 'utf16le')]);
    const run = collect();
    await compoundExtractor.extract({ bytes: protectedFile, location: 'a' }, run.context);
    expect(run.reasons()).toEqual(['encrypted']);
  });

  it('reads an empty document as no text and no failure', async () => {
    const run = await read('empty.docx');
    expect(run.unscannable).toEqual([]);
  });
});
