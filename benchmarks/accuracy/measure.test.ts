import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGuard } from 'phiguard';
import { describe, expect, it } from 'vitest';
import { GoldFormatError, readGoldCorpus } from './gold.js';
import {
  ANY_CLASS,
  type CorpusAccuracy,
  evaluateCorpus,
  fScore,
  locationsAgree,
} from './measure.js';
import { renderAccuracyHtml, renderAccuracyMarkdown } from './report.js';

const EXAMPLES = fileURLToPath(new URL('../../fixtures/examples', import.meta.url));

/**
 * Six plain-text records whose scores can be counted by hand. Each row says what the
 * default scanner finds there and how that scores.
 */
const MINI = [
  // email and date, both labelled with the bounds the scanner finds: two exact finds.
  {
    id: 'email-date',
    text: 'Reach the patient at jane.roe@example.com after discharge on 03/14/2024.',
    spans: [
      { class: 'email', start: 21, end: 41 },
      { class: 'date', start: 61, end: 71 },
    ],
  },
  // The label covers "MRN 00482113", the finding only the number: a find, but not exact.
  {
    id: 'mrn-wider-label',
    text: 'MRN 00482113 admitted with chest pain.',
    spans: [{ class: 'mrn', start: 0, end: 12 }],
  },
  // An SSN labelled by value only, as attachments are: matched by its text, exactly.
  {
    id: 'ssn-by-value',
    text: 'Patient SSN 512-43-7789 was reviewed today.',
    spans: [{ class: 'ssn', value: '512-43-7789' }],
  },
  // A badge number labelled as an identifier that no detector knows: one miss.
  {
    id: 'missed-badge',
    text: 'Badge 7731 opened the ward door.',
    spans: [{ class: 'other_id', start: 6, end: 10 }],
  },
  // The same phone twice: labelled here (a find), not labelled below (a false positive).
  {
    id: 'phone-labelled',
    text: 'Call the patient at 617-253-1000.',
    spans: [{ class: 'phone', start: 20, end: 32 }],
  },
  { id: 'phone-unlabelled', text: 'Call the patient at 617-253-1000.', phi: false, spans: [] },
];

function miniCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phiguard-accuracy-'));
  writeFileSync(join(dir, 'mini.jsonl'), `${MINI.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return dir;
}

const guard = () =>
  createGuard({ includeSegmentText: true, internalDomains: ['example-hospital.org'] });

function row(result: CorpusAccuracy, cls: string) {
  const found = result.scores.find((s) => s.cls === cls);
  if (!found) throw new Error(`no row for class ${cls}`);
  return found;
}

describe('accuracy on a hand-counted corpus', () => {
  it('counts finds, exact finds, and false positives by class', async () => {
    const result = await evaluateCorpus(readGoldCorpus(miniCorpus()), guard());
    expect(result.format).toBe('text');
    expect(result.classes).toEqual(['date', 'email', 'mrn', 'other_id', 'phone', 'ssn']);
    expect(row(result, 'email')).toMatchObject({ gold: 1, found: 1, foundExact: 1, correct: 1 });
    expect(row(result, 'date')).toMatchObject({ gold: 1, found: 1, predicted: 1, correct: 1 });
    expect(row(result, 'mrn')).toMatchObject({ found: 1, foundExact: 0, correctExact: 0 });
    expect(row(result, 'mrn').exact.recall).toBe(0);
    expect(row(result, 'ssn')).toMatchObject({ gold: 1, found: 1, foundExact: 1 });
    expect(row(result, 'other_id')).toMatchObject({ gold: 1, found: 0, recall: 0 });
    expect(row(result, 'other_id').precision).toBeNull();

    const phone = row(result, 'phone');
    expect(phone).toMatchObject({ gold: 1, found: 1, predicted: 2, correct: 1 });
    expect(phone.precision).toBe(0.5);
    expect(phone.f1).toBeCloseTo(2 / 3, 10);
    expect(phone.f2).toBeCloseTo(5 / 6, 10);

    expect(row(result, ANY_CLASS)).toMatchObject({ gold: 6, found: 5, predicted: 6, correct: 5 });
    const phoneDetector = result.detectors.find((d) => d.detector === 'phone');
    expect(phoneDetector).toMatchObject({ predicted: 2, correct: 1, found: 1, recall: 1 });
    expect(result.message).toMatchObject({ phiMessages: 5, cleanMessages: 1 });
  });

  it('scores the examples: decisions, clean mail, and values in attachments', async () => {
    const corpus = readGoldCorpus(EXAMPLES);
    const result = await evaluateCorpus(corpus, guard());
    expect(result).toMatchObject({ format: 'mail', messages: 5, failed: 0 });
    expect(result.message).toMatchObject({ phiMessages: 4, phiFlagged: 4, cleanMessages: 1 });
    expect(result.message.cleanFlagged).toBe(0);
    // Each example expects a different decision, and the default pack reaches each one.
    expect(result.message.confusion).toEqual({
      allow: { allow: 1 },
      block: { block: 1 },
      encrypt: { encrypt: 2 },
      quarantine: { quarantine: 1 },
    });
    // The roster's SSNs are labelled by cell, with no offsets: all are matched by value.
    const ssnLabels = corpus.items.flatMap((i) => i.spans).filter((s) => s.cls === 'ssn');
    expect(ssnLabels.length).toBeGreaterThan(20);
    expect(ssnLabels.every((s) => s.start === undefined)).toBe(true);
    expect(row(result, 'ssn')).toMatchObject({ gold: ssnLabels.length, found: ssnLabels.length });
  });

  it('writes reports with a precision and recall chart and no labelled value', async () => {
    const corpus = readGoldCorpus(EXAMPLES);
    const result = await evaluateCorpus(corpus, guard());
    const context = { date: '2026-01-01T00:00:00.000Z', command: 'test' };
    const html = renderAccuracyHtml([result], context);
    const markdown = renderAccuracyMarkdown([result], context);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('Precision and recall per class (overlap): examples');
    expect(markdown).toContain('| ssn |');
    const values = corpus.items.flatMap((i) => i.spans.map((s) => s.value ?? ''));
    for (const value of values.filter((v) => v.length >= 6)) {
      expect(html).not.toContain(value);
      expect(markdown).not.toContain(value);
    }
  });
});

describe('gold corpus reader', () => {
  it('reads upstream labels of the copied public corpora as our classes', () => {
    const asq = readGoldCorpus(
      fileURLToPath(new URL('../../fixtures/asq-phi-dev', import.meta.url)),
    );
    expect(asq.format).toBe('text');
    expect(asq.items.length).toBe(526);
    expect(new Set(asq.items.flatMap((i) => i.spans.map((s) => s.cls)))).toContain('location');
  });

  it('rejects a record without spans, naming the file and line and what to write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-gold-'));
    writeFileSync(
      join(dir, 'gold.jsonl'),
      '{"id": "a", "file": "a.eml", "spans": []}\n{"id": "b"}\n',
    );
    expect(() => readGoldCorpus(dir)).toThrow(GoldFormatError);
    expect(() => readGoldCorpus(dir)).toThrow(
      /gold\.jsonl:2: no "spans" array; write "spans": \[\]/,
    );
  });

  it('rejects a folder with no gold file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phiguard-gold-'));
    expect(() => readGoldCorpus(dir)).toThrow(/no gold\.jsonl or other \.jsonl file/);
  });
});

describe('matching helpers', () => {
  it.each([
    // why: the same place
    ['body:text', 'body:text', true],
    // why: a page of the file the label names
    ['attachment[0]:a.pdf', 'attachment[0]:a.pdf#page=1', true],
    // why: an XPath ancestor, as the extractor reports CDA values
    ['attachment[1]:c.xml#xpath=/a/addr', 'attachment[1]:c.xml#xpath=/a/addr/city', true],
    // why: cell A2 is not cell A20
    ['attachment[0]:x.xlsx#sheet=S!A2', 'attachment[0]:x.xlsx#sheet=S!A20', false],
    // why: different parts
    ['subject', 'body:text', false],
  ])('locations %s and %s agree: %s', (a, b, agree) => {
    expect(locationsAgree(a, b)).toBe(agree);
  });

  it('computes F-beta by its definition', () => {
    expect(fScore(0.5, 1, 1)).toBeCloseTo(2 / 3, 10);
    expect(fScore(0.5, 1, 2)).toBeCloseTo(5 / 6, 10);
    expect(fScore(0, 0, 1)).toBe(0);
    expect(fScore(null, 1, 1)).toBeNull();
  });

  it('reads the labels it scores from the file as given', () => {
    const text = readFileSync(join(EXAMPLES, 'gold.jsonl'), 'utf8');
    expect(readGoldCorpus(join(EXAMPLES, 'gold.jsonl')).items.length).toBe(
      text.trim().split('\n').length,
    );
  });
});
