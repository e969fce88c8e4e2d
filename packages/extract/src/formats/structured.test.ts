import { describe, expect, it } from 'vitest';
import { fhirExtractor } from './fhir.js';
import { hl7v2Extractor } from './hl7v2.js';
import { collect } from './test-context.js';

function file(text: string, name: string) {
  return { bytes: new TextEncoder().encode(text), location: `attachment[0]:${name}` };
}

/** The labelled lines of the first segment read `via`. */
function lines(run: ReturnType<typeof collect>, via: string): string[] {
  return run.segments.find((s) => s.via === via)?.text.split('\n') ?? [];
}

// A Patient in the shape of the FHIR R4 example resources, with the HL7 test patient.
const patient = {
  resourceType: 'Patient',
  id: 'example',
  identifier: [
    {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
      system: 'urn:oid:1.2.36.146.595.217.0.1',
      value: '0012345',
    },
    { system: 'http://hl7.org/fhir/sid/us-ssn', value: '078-05-1120' },
  ],
  name: [{ use: 'official', family: 'Everywoman', given: ['Eve', 'L'] }],
  telecom: [
    { system: 'phone', value: '(555) 555-2003', use: 'home' },
    { system: 'email', value: 'eve@example.com' },
  ],
  birthDate: '1955-01-01',
  address: [{ line: ['2222 Home Street'], city: 'Ann Arbor', state: 'MI', postalCode: '02368' }],
  text: { div: '<div>Seen for chest pain on 2024-03-02</div>' },
};

describe('fhirExtractor', () => {
  it('writes a Patient as labelled lines', async () => {
    const run = collect();
    await fhirExtractor.extract(file(JSON.stringify(patient), 'p.json'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(lines(run, 'fhir')).toEqual([
      'MRN: 0012345',
      'SSN: 078-05-1120',
      'Patient name: Eve L Everywoman',
      'Date of birth: 01/01/1955',
      'Phone: (555) 555-2003',
      'Email: eve@example.com',
      'Patient address: 2222 Home Street, Ann Arbor, MI, 02368',
    ]);
    const region = run.segments[0]?.regions?.[1];
    expect(region?.location).toBe('attachment[0]:p.json#path=identifier[1]');
  });

  it('reads the Patients of a Bundle and every string, narratives included', async () => {
    const bundle = { resourceType: 'Bundle', entry: [{ resource: patient }] };
    const run = collect();
    await fhirExtractor.extract(file(JSON.stringify(bundle), 'b.json'), run.context);
    expect(run.segments[0]?.regions?.[0]?.location).toBe(
      'attachment[0]:b.json#path=entry[0].resource.identifier[0]',
    );
    expect(run.segments.find((s) => s.via === 'json')?.text).toContain('chest pain');
  });

  it('reports JSON nested past the limit as too_deep and broken JSON as malformed', async () => {
    const deep = collect();
    await fhirExtractor.extract(
      file(`${'['.repeat(500)}${']'.repeat(500)}`, 'd.json'),
      deep.context,
    );
    expect(deep.reasons()).toEqual(['too_deep']);
    const broken = collect();
    await fhirExtractor.extract(file('{"resourceType": "Patient",', 'x.json'), broken.context);
    expect(broken.reasons()).toEqual(['malformed']);
  });
});

// An ADT^A01 in the layout of the HL7 v2.5 examples; \F\ escapes a field separator.
const adt = [
  'MSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|GHH LAB|GHH|200801261129||ADT^A01|MSG00001|P|2.5',
  'EVN|A01|200801261129',
  'PID|1||PATID1234^^^GOOD HEALTH HOSPITAL^MR~078051120^^^USSSA^SS||EVERYWOMAN^EVE^L^^^^L||19550101|F|||2222 HOME STREET^^ANN ARBOR^MI^48104^USA||^PRN^PH^^1^555^5552003|||||AC555444444|123456789',
  'NK1|1|EVERYMAN^ADAM^^^^^L|SPO||^PRN^PH^^1^555^5552004',
  'OBX|1|TX|NOTE||Pt called re SSN 078\\F\\05\\F\\1120',
].join('\r');

describe('hl7v2Extractor', () => {
  it('writes PID fields as labelled lines located by field', async () => {
    const run = collect();
    await hl7v2Extractor.extract(file(adt, 'adt.hl7'), run.context);
    expect(run.unscannable).toEqual([]);
    expect(lines(run, 'hl7v2')).toEqual([
      'MRN: PATID1234',
      'SSN: 078051120',
      'Patient name: EVE L EVERYWOMAN',
      'Date of birth: 01/01/1955',
      'Patient address: 2222 HOME STREET, ANN ARBOR, MI, 48104, USA',
      'Phone: (555) 5552003',
      'Account number: AC555444444',
      'SSN: 123456789',
      'Next of kin name: ADAM EVERYMAN',
      'Phone: (555) 5552004',
    ]);
    const people = run.segments.find((s) => s.via === 'hl7v2');
    expect(people?.regions?.map((r) => r.location.split('#')[1]).slice(0, 4)).toEqual([
      'segment=PID-3',
      'segment=PID-3',
      'segment=PID-5',
      'segment=PID-7',
    ]);
  });

  it('reads every segment as text, with escapes decoded', async () => {
    const run = collect();
    await hl7v2Extractor.extract(file(adt, 'adt.hl7'), run.context);
    expect(run.segments.find((s) => s.via === 'hl7v2-text')?.text).toContain('SSN 078|05|1120');
  });

  it('reports text that is not an HL7 v2 message as malformed', async () => {
    const run = collect();
    await hl7v2Extractor.extract(file('hello', 'x.hl7'), run.context);
    expect(run.reasons()).toEqual(['malformed']);
  });
});
