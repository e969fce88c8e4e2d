/**
 * Maps positions in a rewritten string back to positions in the string it came from.
 *
 * Rewrites are rare (a zero-width space, a full-width digit, spaces inside a number), so
 * the map stores only the places where the difference between the two positions changes.
 * A text that needed no rewrite has an empty map and costs nothing.
 */
export class OffsetMap {
  /** Positions in the rewritten string where a new delta starts, ascending. */
  private readonly starts: number[] = [];
  /** `original = rewritten + delta` from the matching start on. */
  private readonly deltas: number[] = [];

  /** Records that from `rewritten` on, positions map to `rewritten + delta`. */
  set(rewritten: number, delta: number): void {
    const last = this.starts.length - 1;
    if (last >= 0 && this.starts[last] === rewritten) {
      this.deltas[last] = delta;
      return;
    }
    const current = last >= 0 ? this.deltas[last] : 0;
    if (current === delta) return;
    this.starts.push(rewritten);
    this.deltas.push(delta);
  }

  get isIdentity(): boolean {
    return this.starts.length === 0;
  }

  /** The position in the original string that `rewritten` came from. */
  toOriginal(rewritten: number): number {
    const starts = this.starts;
    if (starts.length === 0 || rewritten < starts[0]!) return rewritten;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= rewritten) low = mid;
      else high = mid - 1;
    }
    return rewritten + this.deltas[low]!;
  }
}
