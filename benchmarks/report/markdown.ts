/**
 * The Markdown summary printed to stdout: the figures issue 8 asks for first, then the
 * detail tables. Numbers and tool names only.
 */
import type { SpeedReport } from '../speed/benchmark.js';
import type { MemoryMode } from '../speed/memory.js';
import { formatNumber } from './svg.js';

const MB = 1_000_000;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${formatNumber(bytes / MB)} MB`;
  if (bytes >= 1000) return `${formatNumber(bytes / 1000)} KB`;
  return `${bytes} B`;
}

const ms = (v: number) => `${formatNumber(v)} ms`;

/** A Markdown table; `numeric` marks the columns aligned right (the others align left). */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric?: readonly number[],
): string {
  const align = head.map((_, i) => ((numeric ? numeric.includes(i) : i > 0) ? '---:' : '---'));
  return [
    `| ${head.join(' | ')} |`,
    `|${align.join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(report: SpeedReport, command?: string): string {
  const m = report.machine;
  const e = report.engine;
  const one = report.scaling.points[0];
  const most = report.scaling.points[report.scaling.points.length - 1];
  const out: string[] = [];
  out.push('## phiguard speed benchmark', '');
  out.push(
    `${report.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}.` +
      ` Seed ${report.settings.seed}; each figure is the median of ${report.settings.runs} timed` +
      ` run(s) after a warm-up${report.settings.quick ? '; **quick mode: a look, not a measurement**' : ''}.`,
  );
  if (command) out.push('', `Command: \`${command}\``);
  out.push('', '### Headline', '');
  const rows: string[][] = [
    [
      'engine, full default detector set, 1 thread',
      `${formatNumber(e.medianMBps)} MB/s`,
      `${formatBytes(e.bytes)} corpus, ${e.documents} documents, runs ${e.mbPerSecond.map(formatNumber).join(' / ')}`,
    ],
  ];
  if (one && most && most.workers > 1) {
    rows.push([
      `engine, ${most.workers} workers / 1 worker`,
      `${formatNumber(report.scaling.speedup)}x`,
      `${formatNumber(most.medianMBps)} vs ${formatNumber(one.medianMBps)} MB/s`,
    ]);
  }
  rows.push(
    [
      'typical 50 KB message, whole pipeline',
      `p50 ${ms(report.typical.latency.p50Ms)}, p99 ${ms(report.typical.latency.p99Ms)}`,
      `${report.typical.iterations} inspections of one ${formatBytes(report.typical.bytes)} message`,
    ],
    [
      'generated mail, whole pipeline',
      `${formatNumber(report.pipeline.messagesPerSecond)} messages/s`,
      `p50 ${ms(report.pipeline.latency.p50Ms)}, p95 ${ms(report.pipeline.latency.p95Ms)}, p99 ${ms(report.pipeline.latency.p99Ms)}; ${report.pipeline.messages} messages, ${formatNumber(report.pipeline.mbPerSecond)} MB/s`,
    ],
    ...[report.memory, report.streamMemory].map((memory) => [
      `RSS growth per MB of input scanned, ${MEMORY_MODES[memory.mode]}`,
      `${formatNumber(memory.growthPerInputMB)} MB/MB`,
      memory.points
        .map((p) => `${formatBytes(p.input)}: growth ${formatBytes(p.growthBytes)}`)
        .join(', '),
    ]),
  );
  out.push(markdownTable(['measure', 'value', 'detail'], rows, [1]));

  out.push('', '### Peers, same text, same run', '');
  out.push(
    markdownTable(
      ['peer', 'peer MB/s', 'phiguard MB/s', 'phiguard / peer', 'text'],
      report.ratios.map((r) => [
        r.peer,
        formatNumber(r.peerMBps),
        formatNumber(r.phiguardMBps),
        `${formatNumber(r.ratio)}x`,
        r.text,
      ]),
      [1, 2, 3],
    ),
  );
  const missing = [
    ...report.peers.results
      .filter((r) => !r.available)
      .map((r) => `${r.name}: unavailable, ${r.reason}`),
    ...(report.peers.ripgrep.available
      ? []
      : ['ripgrep: not installed (Debian: `apt-get install ripgrep`)']),
  ];
  if (missing.length > 0) out.push('', ...missing.map((s) => `- ${s}`));

  out.push('', '### Latency by message size (plain text, no attachments)', '');
  out.push(
    markdownTable(
      ['size', 'inspections', 'p50', 'p99', 'MB/s at p50'],
      report.sizes.map((s) => [
        formatBytes(s.bytes),
        String(s.iterations),
        ms(s.latency.p50Ms),
        ms(s.latency.p99Ms),
        formatNumber(s.mbPerSecond),
      ]),
    ),
  );
  out.push('', '### Latency by attachment mix (generated mail)', '');
  out.push(
    markdownTable(
      ['attachments', 'messages', 'mean size', 'p50', 'p95', 'p99'],
      report.pipeline.byMix.map((r) => [
        r.mix,
        String(r.messages),
        formatBytes(r.meanBytes),
        ms(r.latency.p50Ms),
        ms(r.latency.p95Ms),
        ms(r.latency.p99Ms),
      ]),
    ),
  );
  out.push('', '### Memory (engine alone, one process per size)', '');
  out.push(
    markdownTable(
      ['text', 'input', 'RSS before scan', 'peak RSS', 'growth'],
      [report.memory, report.streamMemory].flatMap((memory) =>
        memory.points.map((p) => [
          MEMORY_MODES[memory.mode],
          formatBytes(p.input),
          formatBytes(p.baselineBytes),
          formatBytes(p.peakBytes),
          formatBytes(p.growthBytes),
        ]),
      ),
    ),
  );
  out.push(
    '',
    `Peak RSS of the benchmark process itself: ${formatBytes(report.processPeakRssBytes)}.`,
  );
  return `${out.join('\n')}\n`;
}

/** How each memory measurement gave the text to the scanner, for tables and charts. */
export const MEMORY_MODES: Record<MemoryMode, string> = {
  documents: 'document by document',
  stream: 'one text streamed from disk',
};
