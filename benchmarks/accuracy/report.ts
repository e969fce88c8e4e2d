/**
 * The accuracy results as Markdown (stdout, docs) and as a self-contained HTML page with a
 * precision and recall chart per corpus. Counts, ratios and names of classes, detectors,
 * kinds and decisions only.
 */

import { htmlPage, markdownToHtml } from '../report/html.js';
import { markdownTable } from '../report/markdown.js';
import { precisionRecallChart } from '../report/svg.js';
import type { CorpusAccuracy, SpanScore } from './measure.js';

const percent = (v: number | null): string => (v === null ? 'n/a' : (v * 100).toFixed(1));

function classTable(scores: readonly SpanScore[]): string {
  return markdownTable(
    [
      'class',
      'labelled',
      'found',
      'predicted',
      'correct',
      'P %',
      'R %',
      'F1 %',
      'F2 %',
      'exact P %',
      'exact R %',
    ],
    scores
      .filter((s) => s.gold > 0 || s.predicted > 0)
      .map((s) => [
        s.cls,
        String(s.gold),
        String(s.found),
        String(s.predicted),
        String(s.correct),
        percent(s.precision),
        percent(s.recall),
        percent(s.f1),
        percent(s.f2),
        percent(s.exact.precision),
        percent(s.exact.recall),
      ]),
  );
}

function section(result: CorpusAccuracy): string {
  const m = result.message;
  const out: string[] = [`### ${result.corpus}`, ''];
  out.push(
    `${result.messages} ${result.format === 'mail' ? 'messages' : 'texts'}; findings at ` +
      `\`${result.minLevel}\` or above count. Labelled spans left out (no class of ours, or ` +
      `no offsets and no value): ${result.unscoredGold}.` +
      (result.failed > 0 ? ` Messages the pipeline could not inspect: ${result.failed}.` : ''),
    '',
    '#### Spans per class',
    '',
    classTable(result.scores),
    '',
  );
  const unscored = Object.entries(result.unscoredPredictions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
  out.push(
    `Findings of classes this corpus does not label, left out of precision: ${unscored || 'none'}.`,
    '',
    '#### Spans per detector',
    '',
    markdownTable(
      ['detector', 'classes', 'predicted', 'correct', 'exact', 'P %', 'labels found', 'R share %'],
      result.detectors.map((d) => [
        d.detector,
        d.classes.join(', '),
        String(d.predicted),
        String(d.correct),
        String(d.correctExact),
        percent(d.precision),
        String(d.found),
        percent(d.recall),
      ]),
      [2, 3, 4, 5, 6, 7],
    ),
    '',
    '#### Messages',
    '',
    markdownTable(
      ['measure', 'value', 'count'],
      [
        [
          'PHI-bearing flagged (recall)',
          `${percent(m.recall)} %`,
          `${m.phiFlagged} / ${m.phiMessages}`,
        ],
        [
          'clean flagged (false-alarm rate)',
          `${percent(m.falseAlarmRate)} %`,
          `${m.cleanFlagged} / ${m.cleanMessages}`,
        ],
        ...(m.decisionAccuracy === null
          ? []
          : [['decision as expected', `${percent(m.decisionAccuracy)} %`, '']]),
      ],
      [1, 2],
    ),
    '',
  );
  const expected = Object.keys(m.confusion);
  if (expected.length > 0) {
    const reached = [...new Set(expected.flatMap((e) => Object.keys(m.confusion[e]!)))].sort();
    out.push(
      '#### Decisions: expected (rows) against reached (columns)',
      '',
      markdownTable(
        ['expected', ...reached],
        expected.sort().map((e) => [e, ...reached.map((r) => String(m.confusion[e]![r] ?? 0))]),
      ),
      '',
    );
  }
  if (m.byKind.length > 0) {
    out.push(
      '#### Messages by kind',
      '',
      markdownTable(
        ['kind', 'messages', 'with PHI', 'flagged'],
        m.byKind.map((k) => [k.kind, String(k.messages), String(k.phi), String(k.flagged)]),
      ),
      '',
    );
  }
  return out.join('\n');
}

export function renderAccuracyMarkdown(
  results: readonly CorpusAccuracy[],
  context: { date: string; command?: string },
): string {
  const out = ['## phiguard accuracy benchmark', ''];
  out.push(
    `${context.date}. A labelled span is found when a finding of its class overlaps it ` +
      '(exact: same bounds, or the same value where the label has no offsets); a finding is ' +
      'correct when it overlaps a labelled span of its class. The `any` row ignores classes. ' +
      'A message is flagged when the pipeline judges it PHI or decides other than allow.',
  );
  if (context.command) out.push('', `Command: \`${context.command}\``);
  out.push('', ...results.map(section));
  return `${out.join('\n')}\n`;
}

export function renderAccuracyHtml(
  results: readonly CorpusAccuracy[],
  context: { date: string; command?: string },
): string {
  const charts = results.map((r) =>
    precisionRecallChart(
      `Precision and recall per class (overlap): ${r.corpus}`,
      r.scores.filter((s) => s.gold > 0 || s.predicted > 0),
    ),
  );
  return htmlPage(
    `phiguard accuracy benchmark, ${context.date.slice(0, 10)}`,
    charts,
    markdownToHtml(renderAccuracyMarkdown(results, context)),
  );
}
