import { describe, expect, it } from 'vitest';
import { resolveOverlaps } from './overlaps.js';

const candidate = (
  detector: string,
  start: number,
  end: number,
  confidence: number,
  priority = 0,
) => ({
  detector,
  start,
  end,
  confidence,
  priority,
});

describe('resolveOverlaps', () => {
  it('keeps the more confident of two overlapping candidates', () => {
    const kept = resolveOverlaps([candidate('phone', 0, 12, 0.5), candidate('ssn', 1, 12, 0.9)]);
    expect(kept.map((c) => c.detector)).toEqual(['ssn']);
  });

  it('prefers the longer span at equal confidence, then the higher priority', () => {
    expect(
      resolveOverlaps([candidate('a', 0, 5, 0.6), candidate('b', 0, 8, 0.6)]).map(
        (c) => c.detector,
      ),
    ).toEqual(['b']);
    expect(
      resolveOverlaps([candidate('a', 0, 5, 0.6, -2), candidate('b', 0, 5, 0.6, -1)]).map(
        (c) => c.detector,
      ),
    ).toEqual(['b']);
  });

  it('keeps candidates that only touch', () => {
    expect(resolveOverlaps([candidate('a', 0, 5, 0.6), candidate('b', 5, 9, 0.9)])).toHaveLength(2);
  });

  it('keeps two outer candidates that a weaker middle one joins', () => {
    const kept = resolveOverlaps([
      candidate('a', 0, 5, 0.9),
      candidate('m', 4, 11, 0.5),
      candidate('b', 10, 15, 0.9),
    ]);
    expect(kept.map((c) => c.detector)).toEqual(['a', 'b']);
  });

  it('gives the same result whatever order the candidates arrive in', () => {
    const list = [candidate('a', 0, 5, 0.6), candidate('b', 3, 9, 0.6), candidate('c', 8, 12, 0.7)];
    const forward = resolveOverlaps(list);
    const backward = resolveOverlaps([...list].reverse());
    expect(backward).toEqual(forward);
  });
});
