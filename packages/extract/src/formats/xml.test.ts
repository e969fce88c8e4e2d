import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { pdfExtractor } from './pdf.js';
import { collect } from './test-context.js';
import { hl7Date, xmlExtractor } from './xml.js';

async function read(name: string, limits = {}) {
  const run = collect(limits, [pdfExtractor, xmlExtractor]);
  await xmlExtractor.extract(fixture(`cda/${name}`), run.context);
  return run;
}

function xml(text: string) {
  return { bytes: new TextEncoder().encode(text), location: 'attachment[0]:x.xml' };
}

describe('xmlExtractor on HL7 CDA', () => {
  it('writes the patient header as labelled lines the engine can match', async () => {
    const run = await read('Progress_Note.xml');
    expect(run.unscannable).toEqual([]);
    const cda = run.segments.find((s) => s.via === 'cda');
    expect(cda?.location).toBe(
      'attachment[0]:Progress_Note.xml#xpath=/ClinicalDocument/recordTarget',
    );
    const lines = cda?.text.split('\n') ?? [];
    expect(lines).toContain('SSN: 111-00-1234');
    expect(lines).toContain('Patient ID: 12345');
    expect(lines).toContain('Patient name: Mr. Adam Frankie Everyman');
    expect(lines).toContain('Date of birth: 11/25/1954');
    expect(lines).toContain('Patient address: 17 Daws Rd., Blue Bell, MA, 02368, US');
    expect(lines).toContain('Phone: (781)555-1212');
    expect(lines).toContain('NPI: 111122223333');
  });

  it('locates each labelled line by its element path', async () => {
    const run = await read('Progress_Note.xml');
    const cda = run.segments.find((s) => s.via === 'cda');
    const ssn = cda?.regions?.find((r) => cda.text.slice(r.start, r.end) === 'SSN: 111-00-1234');
    expect(ssn?.location).toBe(
      'attachment[0]:Progress_Note.xml#xpath=/ClinicalDocument/recordTarget/patientRole/id',
    );
  });

  it('keeps leading zeros and attribute values in the full text', async () => {
    const run = await read('Progress_Note.xml');
    const text = run.segments.find((s) => s.via === 'xml')?.text ?? '';
    expect(text).toContain('02368');
    expect(text).toContain('extension: 111-00-1234');
  });

  it('reads every patient identifier of a record', async () => {
    const run = await read('Multiple Patient Identifiers (C-CDAR2.1).xml');
    const text = run.segments.find((s) => s.via === 'cda')?.text ?? '';
    expect(text).toContain(
      'Patient ID, Lawrence and Memorial: Westerly Hospital locally assigned Medical Record Number: 6789',
    );
    expect(text.match(/^Patient ID.*: .+$/gm)).toHaveLength(4);
  });

  it('hands a base64 PDF inside a CDA to the PDF reader', async () => {
    const run = await read('Unstructured_Document_embed.xml');
    expect(run.nested).toHaveLength(1);
    expect(run.nested[0]).toMatchObject({
      location: 'attachment[0]:Unstructured_Document_embed.xml/part[0]',
      declaredType: 'application/pdf',
    });
    const pdf = run.segments.find((s) => s.via === 'pdf');
    expect(pdf?.regions?.[0]?.location).toBe(
      'attachment[0]:Unstructured_Document_embed.xml/part[0]#page=1',
    );
    // The base64 itself is not scanned as text.
    expect(run.segments.find((s) => s.via === 'xml')?.text).not.toContain('JVBERi0');
  });

  it('hands embedded plain text on with its media type', async () => {
    const run = await read('CDA_Embedded_Text_Plain_Surgical_Consult.xml');
    expect(run.nested.map((f) => [f.location.split('/').pop(), f.declaredType])).toEqual([
      ['part[0]', 'text/plain'],
    ]);
    const text = new TextDecoder().decode(run.nested[0]?.bytes);
    expect(text).toContain('SURGICAL CONSULT');
  });

  it('hands a CDA embedded in base64 inside another CDA to the XML reader', async () => {
    const inner = await read('Masked Social Security Number.xml');
    const innerSsn = inner.segments.find((s) => s.via === 'cda')?.text.match(/^SSN: .+$/m)?.[0];
    const bytes = fixture('cda/Masked Social Security Number.xml').bytes;
    const outer = xml(
      `<ClinicalDocument xmlns="urn:hl7-org:v3"><component><nonXMLBody>
       <text mediaType="text/xml" representation="B64">${Buffer.from(bytes).toString('base64')}</text>
       </nonXMLBody></component></ClinicalDocument>`,
    );
    const run = collect({}, [xmlExtractor]);
    await xmlExtractor.extract(outer, run.context);
    const nested = run.segments.find((s) => s.via === 'cda' && s.location.includes('/part[0]'));
    expect(innerSsn).toBeDefined();
    expect(nested?.text).toContain(innerSsn);
  });

  it('reports embedded content over maxPartBytes without decoding it', async () => {
    const run = await read('Unstructured_Document_embed.xml', { maxPartBytes: 1000 });
    expect(run.nested).toEqual([]);
    expect(run.unscannable.map((u) => [u.location, u.reason])).toEqual([
      ['attachment[0]:Unstructured_Document_embed.xml/part[0]', 'too_large'],
    ]);
  });
});

describe('xmlExtractor on hostile XML', () => {
  it('does not expand nested entities (billion laughs)', async () => {
    const entities = Array.from({ length: 9 }, (_, i) => {
      const ref = i === 0 ? 'lol' : `lol${i - 1}`;
      return `<!ENTITY lol${i} "${`&${ref};`.repeat(10)}">`;
    }).join('');
    const run = collect();
    const doc = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY lol "lol">${entities}]><r>&lol8;</r>`;
    await xmlExtractor.extract(xml(doc), run.context);
    expect(run.text().length).toBeLessThan(1000);
  });

  it('reports elements nested past the depth limit as too_deep', async () => {
    const run = collect();
    await xmlExtractor.extract(xml(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`), run.context);
    expect(run.reasons()).toEqual(['too_deep']);
  });

  it('rejects external entities and broken XML as malformed', async () => {
    const external = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    for (const doc of [external, '<a><b></a>', '']) {
      const run = collect();
      await xmlExtractor.extract(xml(doc), run.context);
      expect(run.reasons()).toEqual(['malformed']);
    }
  });

  it('reads generic XML text and attributes by child of the root', async () => {
    const run = collect();
    await xmlExtractor.extract(xml('<r><p id="007">Jane &amp; Joe</p><q>x</q></r>'), run.context);
    expect(run.segments[0]?.text).toBe('id: 007\nJane & Joe\nx');
    expect(run.segments[0]?.regions?.map((r) => r.location.split('#')[1])).toEqual([
      'xpath=/r/p',
      'xpath=/r/q',
    ]);
  });

  it('reads comments inside and outside the root element, at comment()', async () => {
    const run = collect();
    const text = '<!-- before --><r><!-- MRN 445566 --><p>x</p></r><!-- after -->';
    await xmlExtractor.extract(xml(text), run.context);
    expect(run.unscannable).toEqual([]);
    expect(run.text()).toContain('MRN 445566');
    const located = run.segments.flatMap((s) =>
      (s.regions ?? []).map((r) => [s.text.slice(r.start, r.end), r.location.split('#')[1]]),
    );
    expect(located).toEqual([
      ['MRN 445566', 'xpath=/r/comment()'],
      ['x', 'xpath=/r/p'],
      ['before', 'xpath=/comment()'],
      ['after', 'xpath=/comment()'],
    ]);
  });
});

describe('hl7Date', () => {
  it.each([
    ['19541125', '11/25/1954'],
    ['195411251030-0500', '11/25/1954'],
    ['195411', '11/1954'],
    ['1954', '1954'],
    ['unknown', undefined],
  ])('reads %s as %s', (value, date) => {
    expect(hl7Date(value)).toBe(date);
  });
});
