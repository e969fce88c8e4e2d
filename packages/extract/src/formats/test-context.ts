import { type LimitsInput, resolveLimits } from '../limits.js';
import type { ExtractContext, FileExtractor, FileInput, Segment, Unscannable } from '../types.js';

/**
 * A real, small ExtractContext for tests of the format readers, standing in for the
 * orchestrator: it collects segments and unscannable entries, and `nested` dispatches to
 * the readers given by type name (`declaredType` or the file name's extension).
 */
/** The few media types the tests hand on, as the sniffer would name them. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'image/png': 'png',
};

export interface Collected {
  readonly context: ExtractContext;
  readonly segments: Segment[];
  readonly unscannable: Unscannable[];
  readonly nested: FileInput[];
  /** Every segment's text, joined by newlines. */
  text(): string;
  reasons(): string[];
}

export function collect(
  limits: LimitsInput = {},
  readers: readonly FileExtractor[] = [],
): Collected {
  const segments: Segment[] = [];
  const unscannable: Unscannable[] = [];
  const nestedFiles: FileInput[] = [];
  const resolved = resolveLimits(limits);
  const controller = new AbortController();
  const context: ExtractContext = {
    limits: resolved,
    depth: 0,
    signal: controller.signal,
    deadline: Date.now() + resolved.totalTimeoutMs,
    addSegment: (segment) => segments.push(segment),
    addUnscannable: (location, reason, detail) => unscannable.push({ location, reason, detail }),
    async nested(file) {
      nestedFiles.push(file);
      const declared = file.declaredType ?? '';
      const type =
        MEDIA_TYPES[declared] ?? (declared || file.filename?.split('.').pop()?.toLowerCase()) ?? '';
      const reader = readers.find((r) => r.types.includes(type));
      if (reader === undefined) {
        context.addUnscannable(file.location, 'unsupported_type', `no reader for ${type}`);
        return;
      }
      await reader.extract(file, context);
    },
  };
  return {
    context,
    segments,
    unscannable,
    nested: nestedFiles,
    text: () => segments.map((s) => s.text).join('\n'),
    reasons: () => unscannable.map((u) => u.reason),
  };
}
