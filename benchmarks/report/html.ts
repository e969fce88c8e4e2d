/**
 * The HTML report: one self-contained file with inline SVG charts and CSS, no script, so it
 * opens from disk in any browser with no server and no network.
 */
import type { SpeedReport } from '../speed/benchmark.js';
import type { AccuracyTable } from './accuracy.js';
import { formatBytes, MEMORY_MODES, renderMarkdown } from './markdown.js';
import {
  type Bar,
  barChart,
  escapeXml,
  latencyHistogram,
  lineChart,
  precisionRecallChart,
} from './svg.js';

/** Markdown tables to HTML tables; the summary is ours, so only its own constructs appear. */
export function markdownToHtml(markdown: string): string {
  const html: string[] = [];
  let tableRows: string[][] = [];
  // Column alignment from the separator row: `---:` aligns right, `---` left.
  let alignRight: boolean[] = [];
  const flush = () => {
    if (tableRows.length === 0) return;
    const [head, ...body] = tableRows;
    const cell = (tag: string, c: string, i: number) =>
      `<${tag} class="${alignRight[i] ? 'r' : 'l'}">${c}</${tag}>`;
    html.push(
      `<table><thead><tr>${head!.map((c, i) => cell('th', c, i)).join('')}</tr></thead>` +
        `<tbody>${body.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}` +
        '</tbody></table>',
    );
    tableRows = [];
    alignRight = [];
  };
  const inline = (s: string) =>
    escapeXml(s)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/`(.+?)`/g, '<code>$1</code>');
  for (const line of markdown.split('\n')) {
    if (/^\|[-:|]+\|$/.test(line)) {
      alignRight = line
        .slice(1, -1)
        .split('|')
        .map((c) => c.endsWith(':'));
      continue;
    }
    if (line.startsWith('|')) {
      tableRows.push(
        line
          .slice(1, -1)
          .split(' | ')
          .map((c) => inline(c.trim())),
      );
      continue;
    }
    flush();
    if (line.startsWith('#### ')) html.push(`<h4>${inline(line.slice(5))}</h4>`);
    else if (line.startsWith('### ')) html.push(`<h3>${inline(line.slice(4))}</h3>`);
    else if (line.startsWith('## ')) html.push(`<h2>${inline(line.slice(3))}</h2>`);
    else if (line.startsWith('- ')) html.push(`<ul><li>${inline(line.slice(2))}</li></ul>`);
    else if (line.trim() !== '') html.push(`<p>${inline(line)}</p>`);
  }
  flush();
  return html.join('\n');
}

function throughputBars(report: SpeedReport): Bar[] {
  const bars: Bar[] = [
    { label: 'phiguard, 1 thread', value: report.engine.medianMBps, highlight: true },
  ];
  for (const p of report.scaling.points) {
    bars.push({
      label: `phiguard, ${p.workers} worker${p.workers > 1 ? 's' : ''}`,
      value: p.medianMBps,
      highlight: true,
    });
  }
  const rg = report.peers.ripgrep;
  if (rg.countLines) bars.push({ label: 'ripgrep -c', value: rg.countLines.mbPerSecond });
  if (rg.countMatches)
    bars.push({ label: 'ripgrep --count-matches', value: rg.countMatches.mbPerSecond });
  bars.push({
    label: 'phiguard on peer sample',
    value: report.peers.phiguard.medianMBps,
    highlight: true,
  });
  for (const r of report.peers.results) {
    if (r.throughput)
      bars.push({ label: `${r.name} ${r.version}`, value: r.throughput.medianMBps });
  }
  return bars;
}

export function renderHtml(
  report: SpeedReport,
  options: { command?: string; accuracy?: readonly AccuracyTable[] } = {},
): string {
  const charts: string[] = [];
  charts.push(
    barChart('Throughput on the same text (higher is better)', 'MB/s', throughputBars(report)),
  );
  charts.push(
    latencyHistogram('Whole-pipeline latency per generated message', report.pipeline.latenciesMs, {
      p50: report.pipeline.latency.p50Ms,
      p99: report.pipeline.latency.p99Ms,
    }),
  );
  const sizeAxis = { x: 'message size (log scale)', logX: true, logY: true, xFormat: formatBytes };
  charts.push(
    lineChart('Throughput against message size', { ...sizeAxis, y: 'MB/s at p50 (log scale)' }, [
      {
        name: 'whole pipeline, MB/s',
        points: report.sizes.map((s) => [s.bytes, s.mbPerSecond] as const),
      },
    ]),
  );
  charts.push(
    lineChart('Latency against message size', { ...sizeAxis, y: 'ms (log scale)' }, [
      { name: 'p50', points: report.sizes.map((s) => [s.bytes, s.latency.p50Ms] as const) },
      { name: 'p99', points: report.sizes.map((s) => [s.bytes, s.latency.p99Ms] as const) },
    ]),
  );
  charts.push(
    lineChart(
      'Memory against input size (engine, one process per size)',
      { x: 'input scanned', y: 'MB', xFormat: formatBytes },
      [
        ...[report.memory, report.streamMemory].map((memory) => ({
          name: `peak RSS, ${MEMORY_MODES[memory.mode]}`,
          points: memory.points.map((p) => [p.input, p.peakBytes / 1e6] as const),
        })),
        {
          name: 'RSS before scanning',
          points: report.memory.points.map((p) => [p.input, p.baselineBytes / 1e6] as const),
        },
      ],
    ),
  );
  for (const t of options.accuracy ?? []) {
    charts.push(precisionRecallChart(`Precision and recall per class: ${t.name}`, t.rows));
  }
  const title = `phiguard speed benchmark, ${report.date.slice(0, 10)}`;
  return htmlPage(title, charts, markdownToHtml(renderMarkdown(report, options.command)));
}

/** The page around charts and tables: inline CSS, no script, nothing fetched. */
export function htmlPage(title: string, charts: readonly string[], bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; }
.r { text-align: right; white-space: nowrap; }
.l { text-align: left; }
th { background: #f2f2f2; }
figure { margin: 1.5em 0; }
svg { max-width: 100%; height: auto; }
code { background: #f4f4f4; padding: 0 3px; }
ul { margin: 0.2em 0; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${charts.map((c) => `<figure>${c}</figure>`).join('\n')}
${bodyHtml}
</body>
</html>
`;
}
