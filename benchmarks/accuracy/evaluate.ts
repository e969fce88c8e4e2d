import { atLeast, type ConfidenceLevel, type Scanner } from '../../packages/core/src/index.js';
import type { Corpus } from './corpora.js';
import { type ClassScore, type Span, score } from './score.js';

/** Recall and precision the project aims at, by class. */
export const TARGETS: Readonly<Record<string, { recall: number; precision: number }>> = {
  ssn: { recall: 0.95, precision: 0.9 },
  mrn: { recall: 0.95, precision: 0.9 },
  phone: { recall: 0.95, precision: 0.9 },
  email: { recall: 0.95, precision: 0.9 },
  date: { recall: 0.95, precision: 0.9 },
  name: { recall: 0.85, precision: 0.9 },
  location: { recall: 0.85, precision: 0.9 },
};

/** The scores of one corpus, with what is needed to read them. */
export interface CorpusResult {
  readonly corpus: string;
  readonly folder: string;
  readonly documents: number;
  readonly scores: readonly ClassScore[];
  readonly unscoredGold: number;
  /** Predictions of classes the corpus does not label, by class. */
  readonly unscoredPredictions: Readonly<Record<string, number>>;
}

/**
 * Scans every text of `corpus` and scores the findings at `minLevel` or above. Only
 * offsets and classes leave this function: the texts and values stay inside.
 */
export function evaluate(
  corpus: Corpus,
  scanner: Scanner,
  minLevel: ConfidenceLevel = 'medium',
): CorpusResult {
  const predicted: Span[] = [];
  const labelled = new Set(corpus.classes);
  const unscoredPredictions: Record<string, number> = {};
  corpus.texts.forEach((text, doc) => {
    for (const finding of scanner.scan(text).findings) {
      if (!atLeast(finding.level, minLevel)) continue;
      if (!labelled.has(finding.class)) {
        unscoredPredictions[finding.class] = (unscoredPredictions[finding.class] ?? 0) + 1;
        continue;
      }
      predicted.push({ doc, start: finding.start, end: finding.end, cls: finding.class });
    }
  });
  return {
    corpus: corpus.name,
    folder: corpus.folder,
    documents: corpus.texts.length,
    scores: score(corpus.gold, predicted, corpus.classes),
    unscoredGold: corpus.unscored,
    unscoredPredictions,
  };
}
