import type { FileReport } from './schema.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function verdictOf(report: FileReport): string {
  if (report.error) return 'FAILED';
  if (report.decision) return report.decision.action.toUpperCase();
  if (report.phi) return 'PHI';
  if (report.unscannable.length > 0) return 'UNSCANNABLE';
  return report.findings.length > 0 ? 'IDENTIFIERS' : 'CLEAN';
}

/**
 * A human-readable table for one file: a heading line with the verdict, then one row per
 * finding at or above `minLevel`, then what could not be read.
 */
export function renderTable(
  report: FileReport,
  minLevel: 'low' | 'medium' | 'high',
  maxRows = 0,
): string {
  const rank = { low: 0, medium: 1, high: 2 } as const;
  const eligible = report.findings.filter((f) => rank[f.level] >= rank[minLevel]);
  const shown = maxRows > 0 ? eligible.slice(0, maxRows) : eligible;
  const lines = [`${verdictOf(report)}  ${report.path}`];
  if (report.decision) lines.push(...report.decision.explanation.split('\n').map((l) => `  ${l}`));
  if (shown.length > 0) {
    const rows = shown.map((f) => [f.location, f.detector, f.class, f.level, f.value ?? f.masked]);
    const widths = [0, 1, 2, 3].map((i) =>
      Math.min(48, Math.max(...rows.map((r) => r[i]!.length))),
    );
    for (const row of rows) {
      lines.push(`  ${row.map((cell, i) => (i < 4 ? pad(cell, widths[i]!) : cell)).join('  ')}`);
    }
  }
  if (eligible.length > shown.length) {
    lines.push(`  (${eligible.length - shown.length} more; --max-rows 0 shows them all)`);
  }
  const below = report.findings.length - eligible.length;
  if (below > 0) {
    lines.push(`  (${below} more below ${minLevel} confidence; --min-level low shows them)`);
  }
  for (const u of report.unscannable)
    lines.push(`  unscannable  ${u.location}  ${u.reason}  ${u.detail}`);
  return lines.join('\n');
}
