/** How `redact` writes a replaced span and which findings it takes. */
export interface RedactOptions {
  /** `class` writes `[ssn]`; `masked` writes the finding's masked form. `class` by default. */
  readonly style?: 'class' | 'masked';
  /** Only findings of this segment; all findings when absent. */
  readonly segment?: number;
}

/** The span, class, masked form and segment of a finding: core's findings fit. */
export interface RedactableFinding {
  readonly start: number;
  readonly end: number;
  readonly class: string;
  readonly masked: string;
  readonly segment?: number;
}

/**
 * Returns `text` with every finding's span replaced. Overlapping spans are merged, and the
 * merged span is replaced once; spans outside the text are clipped.
 *
 * @example
 * redact('SSN: 219-45-6789', scanner.scan('SSN: 219-45-6789').findings); // 'SSN: [ssn]'
 */
export function redact(
  text: string,
  findings: readonly RedactableFinding[],
  options: RedactOptions = {},
): string {
  const style = options.style ?? 'class';
  const spans = findings
    .filter((f) => options.segment === undefined || (f.segment ?? 0) === options.segment)
    .map((f) => ({
      start: Math.max(0, f.start),
      end: Math.min(text.length, f.end),
      label: style === 'masked' ? f.masked : `[${f.class}]`,
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);

  let out = '';
  let cursor = 0;
  let current: { start: number; end: number; label: string } | undefined;
  for (const span of spans) {
    if (current && span.start < current.end) {
      // Overlap: extend the span being built; the first label stands for the merged span.
      current.end = Math.max(current.end, span.end);
      continue;
    }
    if (current) {
      out += text.slice(cursor, current.start) + current.label;
      cursor = current.end;
    }
    current = { ...span };
  }
  if (current) {
    out += text.slice(cursor, current.start) + current.label;
    cursor = current.end;
  }
  return out + text.slice(cursor);
}
