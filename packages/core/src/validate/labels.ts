import { escapeLiteral } from '../regex/re2.js';

/**
 * What may stand between a label and the value it introduces: spaces, a colon, `#`, `=`, a
 * dash or a full stop (`MRN: `, `Acct #`, `Member ID - `), and an optional verb
 * (`Member ID is `). Kept short so a label does not reach a number in the next sentence.
 */
export const LABEL_GAP = '[\\s:#=.\\-]{0,6}(?:(?:is|was|of)[\\s:#]{1,4})?';

/**
 * An identifier written after a label: up to six letters (with a dash or slash after them,
 * and perhaps a short second part, as in `UCLA-T1D-2023`), then a digit, then letters,
 * digits and single inner dashes or slashes (`CS-987654`, `12345-NYP`, `W123456789`).
 * Requiring a digit early keeps a label followed by a word ("Insurance policy number
 * QW-1") from hiding the label that comes after it.
 */
export const LABELLED_TOKEN =
  '(?:[A-Z]{1,6}[-/]?(?:[A-Z0-9]{1,4}[-/])?)?\\d(?:[A-Z0-9]|[-/][A-Z0-9]){2,24}\\b';

/**
 * Turns a label as people write it (`Med Rec No`, `MR#`) into an re2 pattern: words match
 * case as the pattern's flags say, any run of spaces and full stops between words is
 * accepted (`Med. Rec. No.`), and a label that starts or ends with a letter or digit must
 * start or end at a word boundary, so `MR` does not match inside `MRI`.
 */
export function labelPattern(label: string): string {
  const words = label.trim().split(/\s+/).filter(Boolean).map(escapeLiteral);
  const body = words.join('[\\s.]*');
  const trimmed = label.trim();
  const startsWord = /^[A-Za-z0-9]/.test(trimmed);
  const endsWord = /[A-Za-z0-9]$/.test(trimmed);
  return `${startsWord ? '\\b' : ''}${body}${endsWord ? '\\b' : ''}`;
}

/** One alternation of many labels, longest first so `MRN` is tried before `MR`. */
export function labelsPattern(labels: readonly string[]): string {
  const sorted = [...new Set(labels.map((l) => l.trim()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  return `(?:${sorted.map(labelPattern).join('|')})`;
}

/**
 * A whole labelled pattern: the labels as the named group `label` (validators may look at
 * which one matched), the gap, and `value` as the named group the finding covers.
 */
export function labelledPattern(labels: readonly string[], value: string): string {
  return `(?P<label>${labelsPattern(labels)})${LABEL_GAP}(?P<value>${value})`;
}

/** How many ASCII digits a value holds. */
export function digitCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) count++;
  }
  return count;
}

/**
 * True when a labelled value sits inside a web address (`https://portal/chart?mrn=004512`).
 * The url detector reports the whole address, which carries the value with it; a label
 * detector taking only the value would cut the address in two.
 */
export function insideUrl(facts: { readonly text: string; readonly start: number }): boolean {
  let from = facts.start;
  while (from > 0 && !/\s/.test(facts.text[from - 1]!)) from--;
  const lead = facts.text.slice(from, facts.start).toLowerCase();
  return lead.includes('://') || lead.startsWith('www.');
}

/**
 * True for a year or a span of years (`2024`, `2023-2024`, `2023-24`): after words such as
 * "Insurance" or "Claim" they date a document rather than identify anyone.
 */
export function isYearOrSpan(value: string): boolean {
  return /^(?:19|20)\d{2}(?:[-/](?:(?:19|20)\d{2}|\d{2}))?$/.test(value);
}
