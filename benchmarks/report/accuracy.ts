/**
 * Reads an accuracy result JSON for the report's precision and recall chart. The accuracy
 * benchmark owns that format; this reader accepts any JSON in which arrays of rows with a
 * class (`cls` or `class`) and `precision` and `recall` (fractions or null) appear, and
 * names each array by its path in the file.
 */
import { readFileSync } from 'node:fs';
import { BenchUsageError } from '../usage.js';
import type { PrecisionRecallRow } from './svg.js';

export interface AccuracyTable {
  readonly name: string;
  readonly rows: readonly PrecisionRecallRow[];
}

function asRow(value: unknown): PrecisionRecallRow | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const cls = typeof v.cls === 'string' ? v.cls : typeof v.class === 'string' ? v.class : undefined;
  const fraction = (x: unknown) => (typeof x === 'number' && x >= 0 && x <= 1 ? x : null);
  if (cls === undefined || !('precision' in v) || !('recall' in v)) return undefined;
  return { cls, precision: fraction(v.precision), recall: fraction(v.recall) };
}

/** Every table of rows found in the parsed JSON, depth first. */
export function accuracyTables(json: unknown, path = 'accuracy'): AccuracyTable[] {
  if (Array.isArray(json)) {
    const rows = json.map(asRow);
    if (json.length > 0 && rows.every((r) => r !== undefined)) {
      return [{ name: path, rows: rows as PrecisionRecallRow[] }];
    }
    return json.flatMap((item, i) => accuracyTables(item, `${path}[${i}]`));
  }
  if (typeof json === 'object' && json !== null) {
    const record = json as Record<string, unknown>;
    // An object naming its corpus names its tables better than a path does; its `scores`
    // (what `bench accuracy` writes per class) take the corpus's name alone.
    const label = typeof record.corpus === 'string' ? record.corpus : undefined;
    const name = (key: string) =>
      label === undefined ? `${path}.${key}` : key === 'scores' ? label : `${label} ${key}`;
    return Object.entries(record).flatMap(([key, value]) => accuracyTables(value, name(key)));
  }
  return [];
}

/**
 * The tables of an accuracy JSON file. Throws `BenchUsageError` when the file cannot be read,
 * is not JSON, or holds no table, so a wrong `--accuracy` fails before any measuring.
 */
export function readAccuracy(file: string): AccuracyTable[] {
  const hint = 'pass the accuracy.json that `bench accuracy` writes beside its HTML report';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as { code?: string }).code ?? 'not JSON';
    throw new BenchUsageError(`--accuracy ${file}: cannot read it (${why}); ${hint}`);
  }
  const tables = accuracyTables(json);
  if (tables.length === 0) {
    throw new BenchUsageError(`--accuracy ${file}: no precision and recall per class; ${hint}`);
  }
  return tables;
}
