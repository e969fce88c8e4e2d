/** What overlap resolution needs to know about a candidate. */
export interface Ranked {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly priority: number;
  readonly detector: string;
}

/** Higher confidence, then longer, then higher priority, then detector id: a total order. */
function better(a: Ranked, b: Ranked): number {
  return (
    b.confidence - a.confidence ||
    b.end - b.start - (a.end - a.start) ||
    b.priority - a.priority ||
    (a.detector < b.detector ? -1 : a.detector > b.detector ? 1 : 0) ||
    a.start - b.start
  );
}

/**
 * Keeps, among candidates that overlap, the best ones that do not overlap each other, and
 * returns them by position. The result depends only on the candidates, never on the
 * order they were found in.
 *
 * Candidates are first split into clusters of transitively overlapping spans, so the
 * greedy choice inside a cluster stays cheap however many findings a text has.
 */
export function resolveOverlaps<T extends Ranked>(candidates: readonly T[]): T[] {
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  let cluster: T[] = [];
  let clusterEnd = -1;

  const settle = (): void => {
    if (cluster.length === 1) {
      kept.push(cluster[0]!);
    } else if (cluster.length > 1) {
      const chosen: T[] = [];
      for (const candidate of cluster.sort(better)) {
        if (chosen.every((c) => candidate.end <= c.start || candidate.start >= c.end)) {
          chosen.push(candidate);
        }
      }
      kept.push(...chosen.sort((a, b) => a.start - b.start));
    }
    cluster = [];
  };

  for (const candidate of byStart) {
    if (candidate.start >= clusterEnd) {
      settle();
      clusterEnd = candidate.end;
    } else {
      clusterEnd = Math.max(clusterEnd, candidate.end);
    }
    cluster.push(candidate);
  }
  settle();
  return kept;
}
