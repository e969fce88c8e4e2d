/**
 * Span-level scoring of predicted findings against labelled spans.
 *
 * A labelled span is found when a prediction of the same class overlaps it by at least one
 * character; a prediction is correct when it overlaps a labelled span of its class. Overlap
 * rather than exact boundaries, because the corpora disagree on boundaries ("Dr. Smith"
 * against "Smith", one span per word against one per name) and a redaction that covers
 * part of a value is still scored as a find: the numbers measure whether PHI is noticed.
 */

/** A span of one document, with the class it belongs to. */
export interface Span {
  readonly doc: number;
  readonly start: number;
  readonly end: number;
  readonly cls: string;
}

/** Counts for one class. */
export interface ClassScore {
  readonly cls: string;
  /** Labelled spans, and those a prediction overlaps. */
  readonly gold: number;
  readonly found: number;
  /** Predictions, and those that overlap a labelled span. */
  readonly predicted: number;
  readonly correct: number;
  /** `found / gold`, or `null` when nothing is labelled. */
  readonly recall: number | null;
  /** `correct / predicted`, or `null` when nothing is predicted. */
  readonly precision: number | null;
}

/** The class-blind row: any prediction overlapping any labelled span counts. */
export const ANY_CLASS = 'any';

function overlaps(a: Span, b: Span): boolean {
  return a.doc === b.doc && a.start < b.end && b.start < a.end;
}

function byDoc(spans: readonly Span[]): Map<number, Span[]> {
  const map = new Map<number, Span[]>();
  for (const span of spans) {
    const list = map.get(span.doc) ?? [];
    list.push(span);
    map.set(span.doc, list);
  }
  return map;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Scores `predicted` against `gold` for each class in `classes`, and once more with
 * classes ignored (the `any` row). Predictions of classes outside `classes` are left out:
 * a corpus that does not label a class cannot say whether such a prediction is right.
 */
export function score(
  gold: readonly Span[],
  predicted: readonly Span[],
  classes: readonly string[],
): ClassScore[] {
  const scored = new Set(classes);
  const goldByDoc = byDoc(gold.filter((s) => scored.has(s.cls)));
  const predictedByDoc = byDoc(predicted.filter((s) => scored.has(s.cls)));

  const count = (cls: string | undefined): ClassScore => {
    const same = (a: Span, b: Span): boolean => cls === undefined || a.cls === b.cls;
    const keep = (s: Span): boolean => cls === undefined || s.cls === cls;
    let goldCount = 0;
    let found = 0;
    let predictedCount = 0;
    let correct = 0;
    for (const [doc, spans] of goldByDoc) {
      const guesses = predictedByDoc.get(doc) ?? [];
      for (const g of spans.filter(keep)) {
        goldCount++;
        if (guesses.some((p) => same(p, g) && overlaps(p, g))) found++;
      }
    }
    for (const [doc, guesses] of predictedByDoc) {
      const spans = goldByDoc.get(doc) ?? [];
      for (const p of guesses.filter(keep)) {
        predictedCount++;
        if (spans.some((g) => same(p, g) && overlaps(p, g))) correct++;
      }
    }
    return {
      cls: cls ?? ANY_CLASS,
      gold: goldCount,
      found,
      predicted: predictedCount,
      correct,
      recall: ratio(found, goldCount),
      precision: ratio(correct, predictedCount),
    };
  };

  return [...classes.map((cls) => count(cls)), count(undefined)];
}

/** Adds up the counts of several corpora, class by class, and recomputes the ratios. */
export function combine(scores: readonly (readonly ClassScore[])[]): ClassScore[] {
  const totals = new Map<
    string,
    { gold: number; found: number; predicted: number; correct: number }
  >();
  for (const list of scores) {
    for (const s of list) {
      const t = totals.get(s.cls) ?? { gold: 0, found: 0, predicted: 0, correct: 0 };
      t.gold += s.gold;
      t.found += s.found;
      t.predicted += s.predicted;
      t.correct += s.correct;
      totals.set(s.cls, t);
    }
  }
  const rows = [...totals].map(([cls, t]) => ({
    cls,
    ...t,
    recall: ratio(t.found, t.gold),
    precision: ratio(t.correct, t.predicted),
  }));
  // The class-blind row stays last, as `score` returns it.
  return [...rows.filter((r) => r.cls !== ANY_CLASS), ...rows.filter((r) => r.cls === ANY_CLASS)];
}
