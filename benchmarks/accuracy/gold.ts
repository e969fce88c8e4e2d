/**
 * Reads a labelled corpus in the gold format of fixtures/README.md, from a folder or a
 * `.jsonl` file: mail (`gold.jsonl` beside `.eml` files, one record per message) or plain
 * text (one record per line with its `text`). The two public corpora copied into fixtures/
 * keep their upstream label names (`type` instead of `class`); those are mapped here with
 * the tables of `corpora.ts`, so `--corpus fixtures/asq-phi-dev` works as it is.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ASQ_CLASSES, PHYSIONET_CLASSES } from './corpora.js';

export const DECISIONS = ['allow', 'encrypt', 'quarantine', 'block'] as const;
export type Decision = (typeof DECISIONS)[number];

/** One labelled value. `value` and offsets stay in memory: no report prints them. */
export interface GoldSpan {
  readonly cls: string;
  /** Extract location grammar; `text` for a plain-text record. */
  readonly location: string;
  readonly start?: number;
  readonly end?: number;
  readonly value?: string;
}

export type GoldInput =
  | { readonly type: 'message'; readonly path: string }
  | { readonly type: 'text'; readonly text: string };

export interface GoldItem {
  readonly id: string;
  /** The generator's kind (`referral`, `invoice`...), when the corpus names one. */
  readonly kind?: string;
  readonly phi: boolean;
  /** What the default pack should decide; mail corpora only. */
  readonly decision?: Decision;
  readonly spans: readonly GoldSpan[];
  readonly input: GoldInput;
}

export interface GoldCorpus {
  readonly name: string;
  /** The folder or file it was read from, as given. */
  readonly source: string;
  readonly format: 'mail' | 'text';
  readonly items: readonly GoldItem[];
  /** Labelled spans left out: no class of ours, or neither offsets nor a value. */
  readonly unscored: number;
}

/** A corpus that cannot be read: the message names the file, the line and what to write. */
export class GoldFormatError extends Error {
  override readonly name = 'GoldFormatError';
}

/** Where the text of a plain-text record is, in the location grammar. */
export const TEXT_LOCATION = 'text';

interface RawSpan {
  class?: unknown;
  type?: unknown;
  location?: unknown;
  start?: unknown;
  end?: unknown;
  value?: unknown;
}

const isOffset = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Our class for a span: `class` as it is, or an upstream `type` through the known tables. */
function classOf(span: RawSpan): string | undefined {
  if (typeof span.class === 'string') return span.class;
  if (typeof span.type !== 'string') return undefined;
  return ASQ_CLASSES[span.type] ?? PHYSIONET_CLASSES[span.type];
}

function parseLine(line: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new GoldFormatError(`${where}: not JSON; write one JSON object per line`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new GoldFormatError(`${where}: expected a JSON object, like {"id": ..., "spans": []}`);
  }
  return parsed as Record<string, unknown>;
}

function readRecords(file: string, dir: string): { items: GoldItem[]; unscored: number } {
  const items: GoldItem[] = [];
  let unscored = 0;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    const record = parseLine(line, where);
    // ASQ-PHI keeps its spans in `phi`; the gold format keeps them in `spans`.
    const rawSpans = Array.isArray(record.spans)
      ? record.spans
      : Array.isArray(record.phi)
        ? record.phi
        : undefined;
    if (!rawSpans) {
      throw new GoldFormatError(`${where}: no "spans" array; write "spans": [] for clean mail`);
    }
    const isText = typeof record.text === 'string';
    if (!isText && typeof record.file !== 'string') {
      throw new GoldFormatError(
        `${where}: neither "file" (a message beside gold.jsonl) nor "text" (a plain-text record)`,
      );
    }
    const spans: GoldSpan[] = [];
    for (const raw of rawSpans as RawSpan[]) {
      const cls = classOf(raw);
      const hasOffsets = isOffset(raw.start) && isOffset(raw.end) && raw.end > raw.start;
      const value = typeof raw.value === 'string' && raw.value !== '' ? raw.value : undefined;
      if (!cls || (!hasOffsets && value === undefined)) {
        unscored++;
        continue;
      }
      const location =
        typeof raw.location === 'string' ? raw.location : isText ? TEXT_LOCATION : undefined;
      if (location === undefined) {
        throw new GoldFormatError(
          `${where}: a span has no "location"; write "body:text" or similar`,
        );
      }
      spans.push({
        cls,
        location,
        ...(hasOffsets ? { start: raw.start as number, end: raw.end as number } : {}),
        ...(value === undefined ? {} : { value }),
      });
    }
    const decision = record.decision;
    if (decision !== undefined && !(DECISIONS as readonly unknown[]).includes(decision)) {
      throw new GoldFormatError(
        `${where}: "decision" is '${String(decision)}'; write one of ${DECISIONS.join(', ')}`,
      );
    }
    const id =
      typeof record.id === 'string' || typeof record.id === 'number'
        ? String(record.id)
        : [record.patient, record.note].filter((p) => p !== undefined).join('-') ||
          String(index + 1);
    items.push({
      id,
      ...(typeof record.kind === 'string' ? { kind: record.kind } : {}),
      phi: typeof record.phi === 'boolean' ? record.phi : spans.length > 0,
      ...(decision === undefined ? {} : { decision: decision as Decision }),
      spans,
      input: isText
        ? { type: 'text', text: record.text as string }
        : { type: 'message', path: join(dir, record.file as string) },
    });
  });
  return { items, unscored };
}

/**
 * Reads the corpus at `source`: a `.jsonl` file, or a folder holding `gold.jsonl` (mail) or
 * one or more `.jsonl` files of plain-text records.
 */
export function readGoldCorpus(source: string): GoldCorpus {
  if (!existsSync(source)) {
    throw new GoldFormatError(`${source}: no such file or folder; pass a folder with gold.jsonl`);
  }
  let files: string[];
  let dir: string;
  if (statSync(source).isDirectory()) {
    dir = source;
    const jsonl = readdirSync(source)
      .filter((f) => f.endsWith('.jsonl'))
      .sort();
    files = jsonl.includes('gold.jsonl') ? ['gold.jsonl'] : jsonl;
    if (files.length === 0) {
      throw new GoldFormatError(
        `${source}: no gold.jsonl or other .jsonl file; see fixtures/README.md, "The gold format"`,
      );
    }
    files = files.map((f) => join(source, f));
  } else {
    dir = join(source, '..');
    files = [source];
  }
  const items: GoldItem[] = [];
  let unscored = 0;
  for (const file of files) {
    const read = readRecords(file, dir);
    items.push(...read.items);
    unscored += read.unscored;
  }
  const formats = new Set(items.map((i) => i.input.type));
  if (formats.size > 1) {
    throw new GoldFormatError(
      `${source}: mixes message records ("file") and text records ("text"); split them`,
    );
  }
  return {
    name: basename(source.replace(/\/+$/, '')),
    source,
    format: formats.has('text') ? 'text' : 'mail',
    items,
    unscored,
  };
}
