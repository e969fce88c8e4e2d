/**
 * Charts as inline SVG strings, so the HTML report opens from disk with no script and no
 * network. Every label passes through `escapeXml`; charts take numbers and tool or class
 * names only, never text from the inputs.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WIDTH = 720;
/** Height of one line of 12 px text, for labels stacked in a band. */
const LINE = 14;
const PALETTE = ['#2f6db5', '#d9822b', '#3a9b5c', '#b5412f', '#7a4fb0', '#6b6b6b'];

/** A short number for an axis or a bar label: 3 significant digits, no exponent. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  // Trailing zeros go only after a decimal point: 200 stays 200, 2.50 becomes 2.5.
  if (abs >= 1)
    return value
      .toPrecision(3)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  if (abs === 0) return '0';
  return value.toPrecision(2);
}

interface Scale {
  (value: number): number;
  ticks: number[];
}

function scale(min: number, max: number, from: number, to: number, log: boolean): Scale {
  const f = log ? Math.log10 : (v: number) => v;
  const lo = f(min);
  const hi = f(max) === lo ? lo + 1 : f(max);
  // A log scale pins what lies outside [min, max] to the edge. The data never does (the
  // range is taken from it); a tick does, and one within 5% of an end marks that end, so
  // 1 KB labels an axis that starts at a 1.01 KB message.
  const pin = (v: number) => (log ? Math.min(Math.max(v, min), max) : v);
  const s = ((v: number) => from + ((f(pin(v)) - lo) / (hi - lo)) * (to - from)) as Scale;
  if (log) {
    const slack = 0.05;
    s.ticks = logTicks(min, max).filter((t) => t >= min * (1 - slack) && t <= max * (1 + slack));
  } else {
    const step = niceStep((max - min) / 5);
    s.ticks = [];
    for (let v = Math.ceil(min / step) * step; v <= max + step / 1e6; v += step) s.ticks.push(v);
  }
  return s;
}

/**
 * Candidate ticks of a log axis around `min` to `max`, a decade beyond each end, for
 * `logBounds` to round to. A short range also marks 2, 3, 4, 5 and 7 (or 2 and 5) times each
 * power of ten, so an axis that spans less than a decade still carries labels.
 */
function logTicks(min: number, max: number): number[] {
  const decades = Math.log10(max / min);
  const multiples = decades <= 1 ? [1, 2, 3, 4, 5, 7] : decades <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)) - 1; e <= Math.ceil(Math.log10(max)); e++) {
    // toPrecision drops float noise: 3 * 0.1 is 0.30000000000000004.
    for (const m of multiples) ticks.push(Number((m * 10 ** e).toPrecision(6)));
  }
  return ticks;
}

/** The nearest ticks outside the data, so both ends of a log axis are labelled. */
function logBounds(min: number, max: number): [number, number] {
  const ticks = logTicks(min, max);
  const lower = ticks.filter((t) => t <= min).pop() ?? min;
  const upper = ticks.find((t) => t >= max) ?? max;
  return [lower, upper];
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const e = 10 ** Math.floor(Math.log10(raw));
  const m = raw / e;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * e;
}

function frame(title: string, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="${height}" ` +
    `viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">` +
    `<title>${escapeXml(title)}</title>` +
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>${body}</svg>`
  );
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Highlighted bars (phiguard's own) take the first colour, others the grey. */
  readonly highlight?: boolean;
}

/** Horizontal bars, on a log axis when values span more than two orders of magnitude. */
export function barChart(title: string, unit: string, bars: readonly Bar[]): string {
  const shown = bars.filter((b) => Number.isFinite(b.value) && b.value > 0);
  const left = 220;
  const right = WIDTH - 90;
  const rowHeight = 24;
  const height = 50 + shown.length * rowHeight + 30;
  if (shown.length === 0) return frame(title, 60, '<text x="8" y="44">no data</text>');
  const max = Math.max(...shown.map((b) => b.value));
  const min = Math.min(...shown.map((b) => b.value));
  const log = max / min > 100;
  const x = scale(log ? 10 ** Math.floor(Math.log10(min)) : 0, max, left, right, log);
  const parts: string[] = [];
  const axisY = 40 + shown.length * rowHeight;
  for (const t of x.ticks) {
    const tx = x(t);
    if (tx < left - 1 || tx > right + 1) continue;
    parts.push(`<line x1="${tx}" y1="34" x2="${tx}" y2="${axisY}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${tx}" y="${axisY + 14}" text-anchor="middle" fill="#555">${formatNumber(t)}</text>`,
    );
  }
  shown.forEach((b, i) => {
    const y = 40 + i * rowHeight;
    const w = Math.max(1, x(b.value) - left);
    const colour = b.highlight ? PALETTE[0] : '#9a9a9a';
    parts.push(
      `<text x="${left - 6}" y="${y + 15}" text-anchor="end">${escapeXml(b.label)}</text>`,
    );
    parts.push(
      `<rect x="${left}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${colour}"/>`,
    );
    parts.push(
      `<text x="${left + w + 4}" y="${y + 15}">${formatNumber(b.value)} ${escapeXml(unit)}</text>`,
    );
  });
  parts.push(
    `<text x="${(left + right) / 2}" y="${axisY + 28}" text-anchor="middle" fill="#555">` +
      `${escapeXml(unit)}${log ? ' (log scale)' : ''}</text>`,
  );
  return frame(title, height + 10, parts.join(''));
}

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** Lines over a shared x axis, log-log when asked; points are marked. */
export function lineChart(
  title: string,
  axes: { x: string; y: string; logX?: boolean; logY?: boolean; xFormat?: (v: number) => string },
  series: readonly Series[],
): string {
  const all = series
    .flatMap((s) => s.points)
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (all.length === 0) return frame(title, 60, '<text x="8" y="44">no data</text>');
  const height = 320;
  const [left, right, top, bottom] = [70, WIDTH - 20, 40, height - 60];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [yMin, yMax] = axes.logY
    ? logBounds(Math.min(...ys.filter((v) => v > 0)), Math.max(...ys))
    : [0, Math.max(...ys) * 1.1];
  // A linear x axis starts at 0, so a curve against input size shows what it starts from.
  const xMin = axes.logX ? Math.min(...xs) : Math.min(0, ...xs);
  const x = scale(xMin, Math.max(...xs), left, right, axes.logX ?? false);
  const y = scale(yMin, yMax, bottom, top, axes.logY ?? false);
  const fx = axes.xFormat ?? formatNumber;
  const parts: string[] = [];
  for (const t of x.ticks) {
    const tx = x(t);
    if (tx < left - 1 || tx > right + 1) continue;
    parts.push(`<line x1="${tx}" y1="${top}" x2="${tx}" y2="${bottom}" stroke="#eee"/>`);
    parts.push(
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="#555">${escapeXml(fx(t))}</text>`,
    );
  }
  for (const t of y.ticks) {
    const ty = y(t);
    if (ty < top - 1 || ty > bottom + 1) continue;
    parts.push(`<line x1="${left}" y1="${ty}" x2="${right}" y2="${ty}" stroke="#eee"/>`);
    parts.push(
      `<text x="${left - 6}" y="${ty + 4}" text-anchor="end" fill="#555">${formatNumber(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#999"/>`,
  );
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const pts = s.points.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    const d = pts
      .map(([a, b], k) => `${k === 0 ? 'M' : 'L'}${x(a).toFixed(1)},${y(b).toFixed(1)}`)
      .join('');
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const [a, b] of pts)
      parts.push(
        `<circle cx="${x(a).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3" fill="${colour}"/>`,
      );
    parts.push(
      `<rect x="${left + 10 + i * 200}" y="${height - 22}" width="12" height="12" fill="${colour}"/>`,
    );
    parts.push(`<text x="${left + 28 + i * 200}" y="${height - 12}">${escapeXml(s.name)}</text>`);
  });
  parts.push(
    `<text x="${(left + right) / 2}" y="${bottom + 32}" text-anchor="middle" fill="#555">${escapeXml(axes.x)}</text>`,
  );
  parts.push(
    `<text transform="translate(16,${(top + bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#555">` +
      `${escapeXml(axes.y)}</text>`,
  );
  return frame(title, height, parts.join(''));
}

/** A histogram of latencies in log-spaced bins, with p50 and p99 marked. */
export function latencyHistogram(
  title: string,
  latenciesMs: readonly number[],
  marks: Record<string, number>,
): string {
  const values = latenciesMs.filter((v) => Number.isFinite(v) && v > 0);
  if (values.length === 0) return frame(title, 60, '<text x="8" y="44">no data</text>');
  // The marks' labels sit in a band of their own above the bars, one line each, so a tall
  // bar never covers them.
  const markCount = Object.keys(marks).length;
  const top = 40 + markCount * LINE;
  const height = top + 210;
  const [left, right, bottom] = [60, WIDTH - 20, height - 50];
  const lo = Math.log10(Math.min(...values));
  const hi = Math.max(Math.log10(Math.max(...values)), lo + 0.5);
  const binCount = 30;
  const counts = new Array<number>(binCount).fill(0);
  for (const v of values) {
    const k = Math.min(binCount - 1, Math.floor(((Math.log10(v) - lo) / (hi - lo)) * binCount));
    counts[k]!++;
  }
  const maxCount = Math.max(...counts);
  const x = (logValue: number) => left + ((logValue - lo) / (hi - lo)) * (right - left);
  const parts: string[] = [];
  const barWidth = (right - left) / binCount;
  counts.forEach((c, k) => {
    const h = (c / maxCount) * (bottom - top);
    parts.push(
      `<rect x="${(left + k * barWidth).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" ` +
        `height="${h.toFixed(1)}" fill="${PALETTE[0]}"/>`,
    );
  });
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) {
    parts.push(
      `<text x="${x(e)}" y="${bottom + 16}" text-anchor="middle" fill="#555">${formatNumber(10 ** e)}</text>`,
    );
  }
  Object.entries(marks).forEach(([name, v], i) => {
    if (!(v > 0)) return;
    const mx = x(Math.log10(v));
    const labelY = 36 + i * LINE;
    // Near the right edge the label runs leftwards from its line, so it stays inside.
    const towardsLeft = mx > right - 120;
    parts.push(
      `<line x1="${mx}" y1="${labelY + 3}" x2="${mx}" y2="${bottom}" stroke="${PALETTE[1 + i]}" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${towardsLeft ? mx - 3 : mx + 3}" y="${labelY}" fill="${PALETTE[1 + i]}"` +
        `${towardsLeft ? ' text-anchor="end"' : ''}>${escapeXml(name)} ${formatNumber(v)} ms</text>`,
    );
  });
  parts.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#999"/>`);
  parts.push(
    `<text x="${(left + right) / 2}" y="${bottom + 34}" text-anchor="middle" fill="#555">` +
      `latency per message, ms (log scale); ${values.length} inspections, tallest bar ${maxCount}</text>`,
  );
  return frame(title, height, parts.join(''));
}

export interface PrecisionRecallRow {
  readonly cls: string;
  readonly precision: number | null;
  readonly recall: number | null;
}

/** Precision and recall per class as paired horizontal bars on 0..100%. */
export function precisionRecallChart(title: string, rows: readonly PrecisionRecallRow[]): string {
  const left = 160;
  const right = WIDTH - 60;
  const rowHeight = 30;
  const height = 50 + rows.length * rowHeight + 40;
  const x = (v: number) => left + v * (right - left);
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${x(t)}" y1="34" x2="${x(t)}" y2="${height - 40}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${x(t)}" y="${height - 26}" text-anchor="middle" fill="#555">${t * 100}%</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = 40 + i * rowHeight;
    parts.push(`<text x="${left - 6}" y="${y + 17}" text-anchor="end">${escapeXml(r.cls)}</text>`);
    const pairs: [string, number | null, string][] = [
      ['precision', r.precision, PALETTE[0]!],
      ['recall', r.recall, PALETTE[1]!],
    ];
    pairs.forEach(([name, v, colour], k) => {
      if (v === null) return;
      const w = Math.max(1, x(v) - left);
      parts.push(
        `<rect x="${left}" y="${y + 2 + k * 13}" width="${w}" height="11" fill="${colour}"><title>${name}</title></rect>`,
      );
      parts.push(
        `<text x="${left + w + 4}" y="${y + 11 + k * 13}" font-size="10">${(v * 100).toFixed(1)}</text>`,
      );
    });
  });
  parts.push(`<rect x="${left}" y="${height - 16}" width="12" height="10" fill="${PALETTE[0]}"/>`);
  parts.push(`<text x="${left + 16}" y="${height - 7}">precision</text>`);
  parts.push(
    `<rect x="${left + 100}" y="${height - 16}" width="12" height="10" fill="${PALETTE[1]}"/>`,
  );
  parts.push(`<text x="${left + 116}" y="${height - 7}">recall</text>`);
  return frame(title, height, parts.join(''));
}
