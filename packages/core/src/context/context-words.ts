import type { ContextGroup } from '../detector/types.js';
import type { ContextIndex, PhraseSighting } from './context-index.js';

/**
 * The form context words are compared in: lower case, every run of characters other than
 * letters and digits turned into one space. `SS#`, `ss #` and `SS` are all `ss`;
 * `D.O.B.` is `d o b`.
 */
export function contextKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A context group seen near a match, and how far from it. */
export interface ContextSighting {
  readonly key: string;
  readonly group: ContextGroup;
  /** Characters between the word and the match. */
  readonly distance: number;
}

/**
 * One detector's context words, looked up in the few words around each match.
 *
 * The words of a text and the phrases starting at each are found once per text for all
 * detectors (`ContextIndex`); a match then only walks the words of its window, so the cost
 * stays proportional to the number of matches: common words such as "date" or "order"
 * occur everywhere in mail, matches do not.
 */
export class ContextWords {
  private readonly groupsByKey = new Map<string, ContextGroup[]>();
  /** The keys of the `raise` groups: a pattern that needs context runs only near these. */
  readonly raiseKeys = new Set<string>();

  constructor(groups: readonly ContextGroup[]) {
    for (const group of groups) {
      for (const word of group.words) {
        const key = contextKey(word);
        if (key === '') continue;
        const list = this.groupsByKey.get(key) ?? [];
        list.push(group);
        this.groupsByKey.set(key, list);
        if (group.effect === 'raise') this.raiseKeys.add(key);
      }
    }
  }

  get isEmpty(): boolean {
    return this.groupsByKey.size === 0;
  }

  /** Every key of these words, for the scanner's shared vocabulary. */
  keys(): IterableIterator<string> {
    return this.groupsByKey.keys();
  }

  /**
   * The context groups whose words occur within `before` characters before `start` or
   * `after` characters after `end` of a text of `textLength` characters. Words inside the
   * match itself do not count.
   */
  sightings(
    index: ContextIndex,
    textLength: number,
    start: number,
    end: number,
    before: number,
    after: number,
  ): ContextSighting[] {
    const found: ContextSighting[] = [];
    this.collect(index, Math.max(0, start - before), start, (s) => start - s.end, found);
    this.collect(index, end, Math.min(textLength, end + after), (s) => s.start - end, found);
    return found;
  }

  /**
   * The groups of the phrases lying wholly inside `[from, to)`: a word cut by an edge does
   * not count, as half of "Martin" must not read as "tin". Where phrases overlap, the one
   * starting first wins, and of those starting at one word the longest: "badge no" rather
   * than "badge" too.
   */
  private collect(
    index: ContextIndex,
    from: number,
    to: number,
    distanceOf: (sighting: PhraseSighting) => number,
    out: ContextSighting[],
  ): void {
    const { sightings } = index;
    let firstFreeWord = 0;
    for (let k = index.firstFrom(from); k < sightings.length; k++) {
      const sighting = sightings[k]!;
      if (sighting.start >= to) break;
      if (sighting.word < firstFreeWord || sighting.end > to) continue;
      const groups = this.groupsByKey.get(sighting.key);
      if (!groups) continue;
      const distance = Math.max(0, distanceOf(sighting));
      for (const group of groups) out.push({ key: sighting.key, group, distance });
      firstFreeWord = sighting.word + sighting.words;
    }
  }
}
