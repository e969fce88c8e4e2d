/**
 * Accuracy of the whole pipeline on a gold corpus: span level per class and per detector,
 * with exact and overlapping matches, and message level (PHI-bearing messages flagged, clean
 * mail flagged, expected decision against the decision reached).
 *
 * Matching. A finding and a labelled span match when their classes are equal and their
 * locations agree (equal, or one names a part of the other: `x.pdf` and `x.pdf#page=1`,
 * an XPath ancestor and its descendant). Then, if the label has offsets, by offsets: exact
 * when the bounds are equal, overlapping when they share a character. If it has only a
 * value (attachments, HTML, headers), by the text the finding covers, spaces collapsed and
 * case ignored: exact when equal, overlapping when one contains the other.
 *
 * Values are compared in memory only. What leaves this module is counts and ratios, with
 * class, detector, kind and decision names: never a text, a value or a file name.
 */
import { readFileSync } from 'node:fs';
import { type Assessment, assess, atLeast, type ConfidenceLevel, type Guard } from 'phiguard';
import type { Decision, GoldCorpus, GoldItem, GoldSpan } from './gold.js';
import { DECISIONS, TEXT_LOCATION } from './gold.js';

/** Counts and ratios for one class, or for all classes together (`any`). */
export interface SpanScore {
  readonly cls: string;
  readonly gold: number;
  /** Labelled spans a finding overlaps, and those one matches exactly. */
  readonly found: number;
  readonly foundExact: number;
  readonly predicted: number;
  /** Findings that overlap a labelled span, and those that match one exactly. */
  readonly correct: number;
  readonly correctExact: number;
  /** Overlap scores: `null` when the denominator is 0. */
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly f2: number | null;
  /** Exact-match scores. */
  readonly exact: {
    readonly precision: number | null;
    readonly recall: number | null;
    readonly f1: number | null;
    readonly f2: number | null;
  };
}

/** One detector's findings, scored against labels of the class each finding has. */
export interface DetectorScore {
  readonly detector: string;
  readonly classes: readonly string[];
  readonly predicted: number;
  readonly correct: number;
  readonly correctExact: number;
  readonly precision: number | null;
  /** Labelled spans of its classes that this detector's findings overlap. */
  readonly found: number;
  /** `found` over every labelled span of its classes: its share of the recall. */
  readonly recall: number | null;
}

export interface MessageScore {
  readonly phiMessages: number;
  readonly phiFlagged: number;
  /** Recall of PHI-bearing messages. */
  readonly recall: number | null;
  readonly cleanMessages: number;
  readonly cleanFlagged: number;
  /** Share of clean messages flagged: the false-alarm rate. */
  readonly falseAlarmRate: number | null;
  /** `confusion[expected][reached]`, over messages whose record names a decision. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Decisions matching the expected one, over messages with an expected decision. */
  readonly decisionAccuracy: number | null;
  readonly byKind: readonly { kind: string; messages: number; phi: number; flagged: number }[];
}

export interface CorpusAccuracy {
  readonly corpus: string;
  readonly format: 'mail' | 'text';
  readonly messages: number;
  readonly minLevel: ConfidenceLevel;
  /** Classes the corpus labels: only these are scored. */
  readonly classes: readonly string[];
  /** One row per labelled class, then the class-blind `any` row. */
  readonly scores: readonly SpanScore[];
  readonly detectors: readonly DetectorScore[];
  readonly message: MessageScore;
  readonly unscoredGold: number;
  /** Findings of classes the corpus does not label, left out of precision, by class. */
  readonly unscoredPredictions: Readonly<Record<string, number>>;
  /** Messages the pipeline could not inspect at all (counted as not flagged). */
  readonly failed: number;
}

export const ANY_CLASS = 'any';

/** A finding as scored: its place and, in memory only, the text it covers. */
interface Predicted {
  readonly cls: string;
  readonly detector: string;
  readonly location: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const BOUNDARY = new Set(['/', '#', '!']);

/** Equal locations, or one a part of the other at a separator of the grammar. */
export function locationsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && BOUNDARY.has(long[short.length]!);
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

type Match = 'none' | 'overlap' | 'exact';

export function matchOf(p: Predicted, g: GoldSpan): Match {
  if (p.cls !== g.cls && g.cls !== ANY_CLASS) return 'none';
  if (!locationsAgree(p.location, g.location)) return 'none';
  if (g.start !== undefined && g.end !== undefined) {
    if (p.start === g.start && p.end === g.end) return 'exact';
    return p.start < g.end && g.start < p.end ? 'overlap' : 'none';
  }
  const found = normalise(p.text);
  const value = normalise(g.value ?? '');
  if (found === '' || value === '') return 'none';
  if (found === value) return 'exact';
  return found.includes(value) || value.includes(found) ? 'overlap' : 'none';
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** F-beta from precision and recall; beta 2 weighs recall four times as much as precision. */
export function fScore(p: number | null, r: number | null, beta: number): number | null {
  if (p === null || r === null) return null;
  const b2 = beta * beta;
  return p + r === 0 ? 0 : ((1 + b2) * p * r) / (b2 * p + r);
}

interface Tally {
  gold: number;
  found: number;
  foundExact: number;
  predicted: number;
  correct: number;
  correctExact: number;
}

const emptyTally = (): Tally => ({
  gold: 0,
  found: 0,
  foundExact: 0,
  predicted: 0,
  correct: 0,
  correctExact: 0,
});

function toScore(cls: string, t: Tally): SpanScore {
  const precision = ratio(t.correct, t.predicted);
  const recall = ratio(t.found, t.gold);
  const exactPrecision = ratio(t.correctExact, t.predicted);
  const exactRecall = ratio(t.foundExact, t.gold);
  return {
    cls,
    ...t,
    precision,
    recall,
    f1: fScore(precision, recall, 1),
    f2: fScore(precision, recall, 2),
    exact: {
      precision: exactPrecision,
      recall: exactRecall,
      f1: fScore(exactPrecision, exactRecall, 1),
      f2: fScore(exactPrecision, exactRecall, 2),
    },
  };
}

const best = (a: Match, b: Match): Match =>
  a === 'exact' || b === 'exact'
    ? 'exact'
    : a === 'overlap' || b === 'overlap'
      ? 'overlap'
      : 'none';

/** Scores one message's findings against its labels into the tallies. */
function tallyItem(
  predicted: readonly Predicted[],
  gold: readonly GoldSpan[],
  byClass: Map<string, Tally>,
  byDetector: Map<string, Tally & { classes: Set<string> }>,
): void {
  const tally = (cls: string) => {
    const t = byClass.get(cls) ?? emptyTally();
    byClass.set(cls, t);
    return t;
  };
  for (const anyClass of [false, true]) {
    const asAny = (g: GoldSpan): GoldSpan => (anyClass ? { ...g, cls: ANY_CLASS } : g);
    for (const g of gold) {
      const t = tally(anyClass ? ANY_CLASS : g.cls);
      t.gold++;
      let m: Match = 'none';
      for (const p of predicted) m = best(m, matchOf(p, asAny(g)));
      if (m !== 'none') t.found++;
      if (m === 'exact') t.foundExact++;
    }
    for (const p of predicted) {
      const t = tally(anyClass ? ANY_CLASS : p.cls);
      t.predicted++;
      let m: Match = 'none';
      for (const g of gold) m = best(m, matchOf(p, asAny(g)));
      if (m !== 'none') t.correct++;
      if (m === 'exact') t.correctExact++;
    }
  }
  const detectors = new Set(predicted.map((p) => p.detector));
  for (const detector of detectors) {
    const own = predicted.filter((p) => p.detector === detector);
    const t = byDetector.get(detector) ?? { ...emptyTally(), classes: new Set<string>() };
    byDetector.set(detector, t);
    for (const p of own) {
      t.classes.add(p.cls);
      t.predicted++;
      let m: Match = 'none';
      for (const g of gold) m = best(m, matchOf(p, g));
      if (m !== 'none') t.correct++;
      if (m === 'exact') t.correctExact++;
    }
    for (const g of gold) if (own.some((p) => matchOf(p, g) !== 'none')) t.found++;
  }
}

interface ItemResult {
  readonly predicted: Predicted[];
  readonly unscored: Record<string, number>;
  readonly flagged: boolean;
  readonly decision?: Decision;
  readonly failed: boolean;
}

async function inspectItem(
  item: GoldItem,
  guard: Guard,
  classes: ReadonlySet<string>,
  minLevel: ConfidenceLevel,
): Promise<ItemResult> {
  const predicted: Predicted[] = [];
  const unscored: Record<string, number> = {};
  const keep = (p: Predicted, level: ConfidenceLevel) => {
    if (!atLeast(level, minLevel)) return;
    if (classes.has(p.cls)) predicted.push(p);
    else unscored[p.cls] = (unscored[p.cls] ?? 0) + 1;
  };
  if (item.input.type === 'text') {
    const text = item.input.text;
    const findings = guard.scanner.scan(text).findings;
    for (const f of findings) {
      const p = {
        cls: f.class,
        detector: f.detector,
        location: TEXT_LOCATION,
        start: f.start,
        end: f.end,
        text: text.slice(f.start, f.end),
      };
      keep(p, f.level);
    }
    const assessment: Assessment = assess(findings);
    return { predicted, unscored, flagged: assessment.phi, failed: false };
  }
  let inspection: Awaited<ReturnType<Guard['inspectMessage']>>;
  try {
    inspection = await guard.inspectMessage(readFileSync(item.input.path));
  } catch {
    // A message the pipeline cannot inspect is reported as a count; the run goes on.
    return { predicted, unscored, flagged: false, failed: true };
  }
  for (const f of inspection.findings) {
    const segmentText = inspection.segments[f.segment]?.text ?? '';
    const p = {
      cls: f.class,
      detector: f.detector,
      location: f.location,
      start: f.start,
      end: f.end,
      text: segmentText.slice(f.start, f.end),
    };
    keep(p, f.level);
  }
  const action = inspection.decision.action as string;
  return {
    predicted,
    unscored,
    flagged: inspection.assessment.phi || action !== 'allow',
    decision: (DECISIONS as readonly string[]).includes(action) ? (action as Decision) : undefined,
    failed: false,
  };
}

export interface EvaluateOptions {
  /** Lowest confidence level that counts as a finding; `medium` unless set. */
  readonly minLevel?: ConfidenceLevel;
  /** Called after each message, for a progress bar. */
  readonly onItem?: () => void;
}

/**
 * Runs every item of `corpus` through `guard` (built with `includeSegmentText`, so values
 * can be compared in memory) and scores the result.
 */
export async function evaluateCorpus(
  corpus: GoldCorpus,
  guard: Guard,
  options: EvaluateOptions = {},
): Promise<CorpusAccuracy> {
  const minLevel = options.minLevel ?? 'medium';
  const classes = [...new Set(corpus.items.flatMap((i) => i.spans.map((s) => s.cls)))].sort();
  const classSet = new Set(classes);
  const byClass = new Map<string, Tally>();
  const byDetector = new Map<string, Tally & { classes: Set<string> }>();
  const unscoredPredictions: Record<string, number> = {};
  const confusion: Record<string, Record<string, number>> = {};
  const kinds = new Map<string, { messages: number; phi: number; flagged: number }>();
  let [phiMessages, phiFlagged, cleanMessages, cleanFlagged, failed] = [0, 0, 0, 0, 0];
  let [decided, decidedRight] = [0, 0];

  for (const item of corpus.items) {
    const result = await inspectItem(item, guard, classSet, minLevel);
    tallyItem(result.predicted, item.spans, byClass, byDetector);
    for (const [cls, n] of Object.entries(result.unscored)) {
      unscoredPredictions[cls] = (unscoredPredictions[cls] ?? 0) + n;
    }
    if (result.failed) failed++;
    if (item.phi) {
      phiMessages++;
      if (result.flagged) phiFlagged++;
    } else {
      cleanMessages++;
      if (result.flagged) cleanFlagged++;
    }
    if (item.decision) {
      const reached = result.failed ? 'failed' : (result.decision ?? 'other');
      const row = confusion[item.decision] ?? {};
      row[reached] = (row[reached] ?? 0) + 1;
      confusion[item.decision] = row;
      decided++;
      if (reached === item.decision) decidedRight++;
    }
    if (item.kind) {
      const k = kinds.get(item.kind) ?? { messages: 0, phi: 0, flagged: 0 };
      k.messages++;
      if (item.phi) k.phi++;
      if (result.flagged) k.flagged++;
      kinds.set(item.kind, k);
    }
    options.onItem?.();
  }

  // Every labelled class gets a row, found or not; the class-blind row comes last.
  const scores = [...classes, ANY_CLASS].map((cls) =>
    toScore(cls, byClass.get(cls) ?? emptyTally()),
  );
  const goldOf = (cls: string) => byClass.get(cls)?.gold ?? 0;
  const detectors = [...byDetector.entries()]
    .map(([detector, t]) => {
      const goldOfClasses = [...t.classes].reduce((n, c) => n + goldOf(c), 0);
      return {
        detector,
        classes: [...t.classes].sort(),
        predicted: t.predicted,
        correct: t.correct,
        correctExact: t.correctExact,
        precision: ratio(t.correct, t.predicted),
        found: t.found,
        recall: ratio(t.found, goldOfClasses),
      };
    })
    .sort((a, b) => a.detector.localeCompare(b.detector));

  return {
    corpus: corpus.name,
    format: corpus.format,
    messages: corpus.items.length,
    minLevel,
    classes,
    scores,
    detectors,
    message: {
      phiMessages,
      phiFlagged,
      recall: ratio(phiFlagged, phiMessages),
      cleanMessages,
      cleanFlagged,
      falseAlarmRate: ratio(cleanFlagged, cleanMessages),
      confusion,
      decisionAccuracy: ratio(decidedRight, decided),
      byKind: [...kinds.entries()]
        .map(([kind, k]) => ({ kind, ...k }))
        .sort((a, b) => a.kind.localeCompare(b.kind)),
    },
    unscoredGold: corpus.unscored,
    unscoredPredictions,
    failed,
  };
}
