import { describe, expect, it } from 'vitest';
import { createScanner } from '../../packages/core/src/index.js';
import { loadAsq, loadPhysioNet } from './corpora.js';
import { evaluate } from './evaluate.js';
import { ANY_CLASS, type ClassScore, combine, type Span, score } from './score.js';

const gold: Span[] = [
  { doc: 0, start: 0, end: 5, cls: 'name' },
  { doc: 0, start: 10, end: 20, cls: 'date' },
  { doc: 1, start: 3, end: 8, cls: 'name' },
];

function row(rows: readonly ClassScore[], cls: string) {
  const found = rows.find((r) => r.cls === cls);
  if (!found) throw new Error(`no row for class ${cls}`);
  return found;
}

describe('accuracy scorer', () => {
  it('gives recall and precision 1 to a prediction equal to the labels', () => {
    const rows = score(gold, gold, ['name', 'date']);
    for (const r of rows) {
      expect(r.recall).toBe(1);
      expect(r.precision).toBe(1);
    }
    expect(row(rows, ANY_CLASS)).toMatchObject({ gold: 3, found: 3, predicted: 3, correct: 3 });
  });

  it('gives recall 0 and no precision to an empty prediction', () => {
    const rows = score(gold, [], ['name', 'date']);
    expect(row(rows, 'name')).toMatchObject({ recall: 0, precision: null, predicted: 0 });
    expect(row(rows, ANY_CLASS).recall).toBe(0);
  });

  it('counts a partial overlap as a find and a touching span as none', () => {
    const predicted: Span[] = [
      { doc: 0, start: 4, end: 7, cls: 'name' },
      { doc: 1, start: 8, end: 12, cls: 'name' },
    ];
    const name = row(score(gold, predicted, ['name', 'date']), 'name');
    expect(name).toMatchObject({ gold: 2, found: 1, predicted: 2, correct: 1 });
    expect(name.recall).toBe(0.5);
    expect(name.precision).toBe(0.5);
  });

  it('scores a span of the wrong class as a miss by class and a find in the any row', () => {
    const predicted: Span[] = [{ doc: 0, start: 10, end: 20, cls: 'name' }];
    const rows = score(gold, predicted, ['name', 'date']);
    expect(row(rows, 'date').found).toBe(0);
    expect(row(rows, 'name').correct).toBe(0);
    expect(row(rows, ANY_CLASS)).toMatchObject({ found: 1, correct: 1 });
  });

  it('rejects matches across documents', () => {
    // Offsets 0-3 overlap the name of document 0, but this span is in document 1.
    const predicted: Span[] = [{ doc: 1, start: 0, end: 3, cls: 'name' }];
    expect(row(score(gold, predicted, ['name']), 'name').correct).toBe(0);
  });

  it('leaves out predictions of classes the corpus does not label', () => {
    const predicted: Span[] = [...gold, { doc: 0, start: 30, end: 40, cls: 'ssn' }];
    const rows = score(gold, predicted, ['name', 'date']);
    expect(row(rows, ANY_CLASS)).toMatchObject({ predicted: 3, precision: 1 });
  });

  it('adds counts across corpora before dividing', () => {
    const a = score(gold, gold, ['name']);
    const b = score(gold, [], ['name']);
    const name = row(combine([a, b]), 'name');
    expect(name).toMatchObject({ gold: 4, found: 2, predicted: 2, correct: 2 });
    expect(name.recall).toBe(0.5);
    expect(name.precision).toBe(1);
  });

  it('finds every labelled span of the fixtures inside its text', () => {
    for (const corpus of [loadAsq(20), loadPhysioNet(40)]) {
      expect(corpus.gold.length).toBeGreaterThan(0);
      for (const span of corpus.gold) {
        const text = corpus.texts[span.doc]!;
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(text.length);
        expect(span.end).toBeGreaterThan(span.start);
      }
      // Every labelled span scores against itself: the loader and the scorer agree.
      const rows = score(corpus.gold, corpus.gold, corpus.classes);
      expect(row(rows, ANY_CLASS).recall).toBe(1);
    }
  });

  it('scores the default scanner on a few records with consistent counts', () => {
    const corpus = loadAsq(10);
    const result = evaluate(corpus, createScanner({ fingerprintKey: 'accuracy-test-key-0001' }));
    for (const r of result.scores) {
      expect(r.found).toBeLessThanOrEqual(r.gold);
      expect(r.correct).toBeLessThanOrEqual(r.predicted);
    }
    expect(row(result.scores, ANY_CLASS).gold).toBe(corpus.gold.length);
    expect(result.documents).toBe(10);
  });
});
