import type { ContextGroup } from '../../detector/types.js';

/**
 * Context shared by the clinical code detectors. A code-shaped token is as often a road, a
 * room, a part or a version as a diagnosis; these words tell which.
 */

/** Words that say a nearby token is a diagnosis code. */
export const DIAGNOSIS_WORDS = [
  'dx',
  'ddx',
  'dx code',
  'dx codes',
  'diagnosis',
  'diagnoses',
  'diagnosis code',
  'diagnosis codes',
  'diagnosed',
  'primary diagnosis',
  'secondary diagnosis',
  'admitting diagnosis',
  'principal diagnosis',
  'discharge diagnosis',
  'assessment',
  'problem list',
  'icd',
  'icd code',
  'icd codes',
] as const;

/**
 * Words and labels that say a code-shaped token is something else. A price sign is not a
 * word, so prices are told apart by `notAfterCurrency` instead.
 */
export const NOT_CLINICAL_WORDS = [
  'highway',
  'hwy',
  'interstate',
  'freeway',
  'route',
  'exit',
  'road',
  'room',
  'rm',
  'suite',
  'ste',
  'floor',
  'gate',
  'seat',
  'flight',
  // Not "part" alone: diagnosis titles say "unspecified part of neck of femur".
  'part no',
  'part number',
  'p n',
  'model',
  'model no',
  'version',
  'ver',
  'rev',
  'revision',
  'release',
  'build',
  'firmware',
  'sku',
  'item',
  'item no',
  'serial',
  'order',
  'order no',
  'invoice',
  'tracking',
  'price',
  'usd',
  'cpu',
  'processor',
  'chip',
  'socket',
  'port',
  'zip',
  'zip code',
  'postal',
  'phone',
  'tel',
  'fax',
  'ticket',
] as const;

/** The `lower` group every code detector carries. */
export const NOT_CLINICAL: ContextGroup = { words: NOT_CLINICAL_WORDS, effect: 'lower' };

const CURRENCY = new Set(['$', '€', '£', '¥']);

/**
 * False when the token is a price, a count or a piece of a path: `$250.00`, `#E119`,
 * `/infocus/1613`. A code in a slash-separated list (`250.00/401.9`) is missed for it.
 */
export function notAfterCurrency(text: string, start: number): boolean {
  const before = text[start - 1];
  return before === undefined || (!CURRENCY.has(before) && before !== '#' && before !== '/');
}

/**
 * A cheap test, run before a context-only pattern's validation, that a raise word can be
 * near a match at all. Context words are looked up per match by tokenising the window
 * around it, which is the dominant cost when a pattern as loose as "three to five digits"
 * matches every number of a message. One regex pass per text finds where any hint (a
 * fragment of every raise word) occurs; each match then costs a binary search.
 *
 * The hint must match wherever a raise word occurs, so that it only skips work and never
 * changes a finding: a match with no hint nearby would have been dropped for want of
 * context anyway.
 */
export function contextHint(
  hint: RegExp,
  window: { readonly before: number; readonly after: number },
): (text: string, start: number, end: number) => boolean {
  const global = new RegExp(hint.source, `${hint.flags.replace('g', '')}g`);
  let lastText: string | undefined;
  let positions: number[] = [];
  return (text, start, end) => {
    if (text !== lastText) {
      positions = [];
      for (const match of text.matchAll(global)) positions.push(match.index);
      lastText = text;
    }
    // Context words cut by the window's edge do not count, so a hint that matters starts
    // inside the window: find the first at or after its left edge.
    const from = start - window.before;
    const to = end + window.after;
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (positions[mid]! < from) low = mid + 1;
      else high = mid;
    }
    return low < positions.length && positions[low]! < to;
  };
}
