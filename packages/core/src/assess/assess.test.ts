import { describe, expect, it } from 'vitest';
import type { FindingClass } from '../classes.js';
import { createScanner } from '../create.js';
import { type Finding, type LocatedFinding, levelOf } from '../finding.js';
import { assess, nearestDistance } from './assess.js';

let serial = 0;

/** A finding with only what the assessment reads; the fingerprint stands for the value. */
function finding(
  cls: FindingClass,
  start: number,
  options: { confidence?: number; value?: string; detector?: string; length?: number } = {},
): Finding {
  const confidence = options.confidence ?? 0.85;
  return {
    detector: options.detector ?? cls,
    pattern: 'test',
    class: cls,
    start,
    end: start + (options.length ?? 5),
    confidence,
    level: levelOf(confidence),
    context: [],
    masked: '*****',
    fingerprint: options.value ?? `value-${serial++}`,
  };
}

function located(f: Finding, segment: number): LocatedFinding {
  return { ...f, segment, location: `part[${segment}]`, area: 'body' };
}

describe('assess', () => {
  it('judges a record identifier with a diagnosis code PHI', () => {
    const result = assess([finding('ssn', 0), finding('diagnosis_code', 40)]);
    expect(result.phi).toBe(true);
    expect(result.identifierClasses).toEqual(['ssn']);
    expect(result.healthInformation).toBe(true);
    expect(result.reasons).toEqual([
      'record_identifier_with_health_information',
      'identifier_near_health_information',
    ]);
    expect(result.evidence.nearestIdentifierToHealth).toBe(35);
  });

  it('judges a record identifier with health information far away PHI, less surely', () => {
    const near = assess([finding('mrn', 0), finding('clinical_term', 20, { confidence: 0.6 })]);
    const far = assess([finding('mrn', 0), finding('clinical_term', 5000, { confidence: 0.6 })]);
    expect(far.phi).toBe(true);
    expect(far.reasons).toEqual(['record_identifier_with_health_information']);
    expect(far.confidence).toBeLessThan(near.confidence);
  });

  it('judges a name PHI next to a term stated clinically, or next to two terms', () => {
    const stated = { confidence: 0.85 };
    const plain = { confidence: 0.6 };
    expect(assess([finding('name', 0), finding('clinical_term', 50, stated)]).phi).toBe(true);
    const two = [finding('clinical_term', 50, plain), finding('clinical_term', 90, plain)];
    expect(assess([finding('name', 0), ...two]).phi).toBe(true);
  });

  it('does not judge a name with one plain term, or with terms far away, PHI', () => {
    const plain = { confidence: 0.6 };
    const one = assess([finding('name', 0), finding('clinical_term', 50, plain)]);
    expect(one.phi).toBe(false);
    expect(one.reasons).toEqual([
      'identifier_near_health_information',
      'identifier_not_tied_to_health_information',
    ]);
    const far = assess([finding('name', 0), finding('clinical_term', 2000, { confidence: 0.85 })]);
    expect(far.phi).toBe(false);
    expect(far.reasons).toEqual(['identifier_not_tied_to_health_information']);
  });

  it('judges a name PHI with a code anywhere in the text', () => {
    const result = assess([finding('name', 0), finding('diagnosis_code', 4000)]);
    expect(result.phi).toBe(true);
    expect(result.reasons).toEqual(['personal_identifier_with_health_information']);
  });

  it('counts a date of birth like a name, and a plain date like contact details', () => {
    const birth: Finding = { ...finding('date', 0), role: 'birth' };
    const term = finding('clinical_term', 40, { confidence: 0.85 });
    const withBirth = assess([birth, term]);
    expect(withBirth.phi).toBe(true);
    expect(withBirth.reasons).toContain('personal_identifier_with_health_information');
    expect(assess([finding('date', 0), term]).phi).toBe(false);
  });

  it('judges a name near the date of a visit PHI without a clinical term', () => {
    const name = finding('name', 0);
    const visit: Finding = { ...finding('date', 60), role: 'service' };
    const result = assess([name, visit]);
    expect(result.phi).toBe(true);
    expect(result.reasons).toContain('name_with_date_of_care');
    expect(result.reasons).toContain('no_health_information');
    // A birth date names the person, not their care; a plain date says nothing; far apart,
    // the two need not be about one person.
    expect(assess([name, { ...visit, role: 'birth' }]).phi).toBe(false);
    expect(assess([name, finding('date', 60)]).phi).toBe(false);
    expect(assess([name, { ...visit, start: 900, end: 905 }]).phi).toBe(false);
  });

  it('does not judge contact details with clinical words PHI', () => {
    // An advertisement: a phone number and three conditions in one paragraph.
    const result = assess([
      finding('phone', 0),
      finding('email', 30),
      finding('clinical_term', 60, { confidence: 0.6 }),
      finding('clinical_term', 80, { confidence: 0.6 }),
      finding('clinical_term', 100, { confidence: 0.85 }),
    ]);
    expect(result.phi).toBe(false);
    expect(result.reasons).toEqual([
      'identifier_near_health_information',
      'identifier_not_tied_to_health_information',
    ]);
  });

  it('judges contact details next to a clinical code PHI', () => {
    const result = assess([finding('phone', 0), finding('procedure_code', 40)]);
    expect(result.phi).toBe(true);
    expect(result.reasons).toContain('contact_near_coded_health_information');
  });

  it('needs a code near contact details, not anywhere', () => {
    expect(assess([finding('phone', 0), finding('procedure_code', 900)]).phi).toBe(false);
  });

  it('needs the contact details themselves near the code, not another identifier', () => {
    // The name is near a term, the code is far from the phone number.
    const result = assess([
      finding('phone', 0),
      finding('name', 2000),
      finding('clinical_term', 2020, { confidence: 0.6 }),
      finding('procedure_code', 900),
    ]);
    expect(result.reasons).not.toContain('contact_near_coded_health_information');
    expect(result.reasons).toContain('personal_identifier_with_health_information');
  });

  it('needs the name itself near the terms', () => {
    const plain = { confidence: 0.6 };
    const result = assess([
      finding('name', 0),
      finding('email', 3000),
      finding('clinical_term', 3020, plain),
      finding('clinical_term', 3040, plain),
    ]);
    expect(result.phi).toBe(false);
  });

  it('does not count low-confidence findings', () => {
    const result = assess([finding('ssn', 0), finding('diagnosis_code', 20, { confidence: 0.3 })]);
    expect(result.phi).toBe(false);
    expect(result.healthInformation).toBe(false);
    expect(result.reasons).toEqual(['no_health_information']);
    expect(result.confidence).toBe(0.85);
  });

  it('says so when there is health information but no identifier', () => {
    const result = assess([finding('diagnosis_code', 0), finding('lab_code', 30)]);
    expect(result.phi).toBe(false);
    expect(result.reasons).toEqual(['health_information_without_identifier']);
    expect(result.evidence.nearestIdentifierToHealth).toBeNull();
  });

  it('is sure an empty text holds no PHI', () => {
    const result = assess([]);
    expect(result).toMatchObject({ phi: false, confidence: 0.95, identifierClasses: [] });
    expect(result.reasons).toEqual(['no_health_information']);
  });

  it('counts findings and distinct values per detector', () => {
    const result = assess([
      finding('ssn', 0, { value: 'a' }),
      finding('ssn', 100, { value: 'a' }),
      finding('ssn', 200, { value: 'b' }),
      finding('diagnosis_code', 300, { detector: 'icd10cm', value: 'c' }),
    ]);
    expect(result.evidence.detectors).toEqual([
      { detector: 'icd10cm', class: 'diagnosis_code', count: 1, distinct: 1 },
      { detector: 'ssn', class: 'ssn', count: 3, distinct: 2 },
    ]);
    expect(result.evidence.distinctIdentifiers).toBe(2);
  });

  it('lists identifier classes in Safe Harbor order', () => {
    const result = assess([finding('email', 0), finding('name', 10), finding('ssn', 20)]);
    expect(result.identifierClasses).toEqual(['name', 'email', 'ssn']);
  });

  it('measures distance only within one segment', () => {
    const result = assess([
      located(finding('ssn', 0), 0),
      located(finding('diagnosis_code', 10), 1),
    ]);
    expect(result.evidence.nearestIdentifierToHealth).toBeNull();
    expect(result.phi).toBe(true);
    expect(result.reasons).not.toContain('identifier_near_health_information');
  });

  it('takes the nearer side and respects a custom near distance', () => {
    const findings = [finding('name', 0), finding('clinical_term', 400, { confidence: 0.85 })];
    expect(assess(findings).phi).toBe(false);
    expect(assess(findings, { nearDistance: 500 }).phi).toBe(true);
  });
});

describe('nearestDistance', () => {
  it('finds the gap on either side and sees a long identifier that started earlier', () => {
    const long = finding('name', 0, { length: 100 });
    const short = finding('ssn', 10, { length: 5 });
    const term = finding('clinical_term', 120);
    const after = finding('email', 130);
    expect(nearestDistance([short, long, after], [term])).toBe(5);
    expect(nearestDistance([short, long], [term])).toBe(20);
  });

  it('is zero when spans overlap', () => {
    expect(
      nearestDistance([finding('name', 0, { length: 20 })], [finding('clinical_term', 5)]),
    ).toBe(0);
  });
});

describe('assess on scanned text', () => {
  const scanner = createScanner({ fingerprintKey: 'assessment-tests-key-0123456789' });

  it('judges a referral with an SSN and a diagnosis code PHI', () => {
    const text = 'Referral. SSN: 219-45-6789. Dx: E11.9, type 2 diabetes mellitus.';
    const result = assess(scanner.scan(text).findings);
    expect(result.phi).toBe(true);
    expect(result.identifierClasses).toEqual(['ssn']);
    expect(result.evidence.detectors.map((d) => d.detector)).toEqual(
      expect.arrayContaining(['clinical_term', 'icd10cm', 'ssn']),
    );
  });

  it('judges an appointment reminder to a named patient PHI, and a meeting date not', () => {
    const reminder =
      'Dear Brianna Cramer,\n\nThis is a reminder of your appointment with Dr. Alexander ' +
      'Katz on 2024-06-12 at 11:15 AM.';
    const result = assess(scanner.scan(reminder).findings);
    expect(result.phi).toBe(true);
    expect(result.reasons).toEqual(['name_with_date_of_care', 'no_health_information']);
    const meeting = 'Hi Brianna Cramer, the budget meeting moved to 2024-06-12 at 11:15 AM.';
    expect(assess(scanner.scan(meeting).findings).phi).toBe(false);
  });

  it('judges directions along the I10 with a price not PHI', () => {
    const text = 'Take the I10 highway to exit 12; parking is $10.50, room B12.';
    const result = assess(scanner.scan(text).findings);
    expect(result.phi).toBe(false);
    expect(result.healthInformation).toBe(false);
  });

  it('never puts a matched value into the assessment', () => {
    const text = 'SSN: 219-45-6789. Dx: E11.9. CPT 99213. NDC 0002-3227-30.';
    const serialized = JSON.stringify(assess(scanner.scan(text).findings));
    for (const value of ['219-45-6789', '219456789', 'E11.9', 'E119', '99213', '0002-3227-30']) {
      expect(serialized).not.toContain(value);
    }
  });
});
