/** A place in a policy source: 1-based line and column, 0-based UTF-16 offset. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A span of policy source; `end` is exclusive. */
export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

/** The source a policy was read from, kept so errors can show the offending line. */
export interface PolicySource {
  /** A name for messages: the file path, or `<policy>`. */
  readonly name: string;
  readonly text: string;
}

/**
 * The one error the rule language throws. `problem` is the short lowercase sentence (what
 * was found, what to write instead); `message` is the full rendering with the place, the
 * source line and a caret under the offending text. `code` is stable for programs.
 *
 * Policies written as JSON have no lines: their errors carry `path` (`rules[2].outcome.action`)
 * instead of a range.
 */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly code: string,
    readonly problem: string,
    readonly source: PolicySource,
    readonly range?: SourceRange,
    readonly path?: string,
  ) {
    super(renderError(problem, source, range, path));
  }
}

/** Widest source line shown in full; longer lines are cut around the caret. */
const MAX_SHOWN_LINE = 100;

/**
 * Renders a problem as four lines: the problem, where it is, the source line and a caret
 * line underlining the range (at least one caret, at most to the end of the line).
 */
export function renderError(
  problem: string,
  source: PolicySource,
  range: SourceRange | undefined,
  path: string | undefined,
): string {
  if (!range)
    return path ? `${problem}\n  at ${source.name}: ${path}` : `${problem}\n  at ${source.name}`;
  const { line, column } = range.start;
  const lines = source.text.split(/\r\n|\r|\n/);
  const text = hideValues((lines[line - 1] ?? '').replace(/\t/g, ' '));
  const width =
    range.end.line === line
      ? Math.max(1, range.end.column - column)
      : Math.max(1, text.length - column + 1);

  // Long lines are cut so the caret stays on screen.
  let shown = text;
  let caretAt = column - 1;
  if (text.length > MAX_SHOWN_LINE) {
    const from = Math.max(0, caretAt - 40);
    shown = `...${text.slice(from, from + MAX_SHOWN_LINE)}`;
    caretAt = caretAt - from + 3;
  }
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  const caret = '^'.repeat(Math.max(1, Math.min(width, shown.length - caretAt)));
  return [
    problem,
    `  at ${source.name}:${line}:${column}`,
    `  ${gutter} | ${shown}`,
    `  ${pad} | ${' '.repeat(caretAt)}${caret}`,
  ].join('\n');
}

/**
 * Allow-listed literals are values a scanner would match, so an error never repeats one: a
 * source line that may list them is shown with letters and digits starred. Lengths stay, so
 * the caret still points at the right column. A line may list them when it reads like
 * `allow values NAME ...`, misspelt keywords included (`allow value`, `alow values`), where
 * everything after the name is starred, quoted or not; when it continues a list (it starts
 * with a string or a comma), where its strings are starred, closed or not; and in JSON, when
 * it holds a `"values": [...]` list. Pattern lines (`allow values NAME matching "..."`) are
 * shown as written: a pattern describes a range, and its error must show the pattern.
 */
function hideValues(line: string): string {
  const starAll = (text: string) => text.replace(/[\p{L}\p{N}]/gu, '*');
  const starStrings = (text: string) =>
    text.replace(/"((?:[^"\\]|\\.)*)("|$)/g, (_, inner: string, end: string) => {
      return `"${starAll(inner)}${end}`;
    });
  if (/^\s*[",]/.test(line)) return starStrings(line);
  const [, head = '', first = '', second = '', name = '', rest = ''] =
    /^(\s*(\S+)\s+(\S+)\s+)(\S+)(.*)$/.exec(line) ?? [];
  if (isAbout(first, 'allow') && isAbout(second, 'values')) {
    if (/^\s+matching\b/.test(rest)) return line;
    // The name is a detector id; a quote or a digit there means a value took its place.
    return head + (/["\p{N}]/u.test(name) ? starAll(name) : name) + starAll(rest);
  }
  return line.replace(
    /("values"\s*:\s*\[)([^\]]*)/g,
    (_, head: string, list: string) => head + starStrings(list),
  );
}

/** Whether `word` is `keyword` or a misspelling of it (two edits at most, case ignored). */
function isAbout(word: string, keyword: string): boolean {
  return editDistance(word.toLowerCase(), keyword) <= 2;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest candidate to `word`, if it is close enough to be a typo: at most a third of
 * the word's length away (at least 1, at most 3 edits), compared without case.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean 'x'?)` when a close candidate exists, else the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closest(word, candidates);
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}
