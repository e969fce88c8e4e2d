import type { ExtractContext, Region, Segment } from '../types.js';

/**
 * Builds one segment from located pieces: each piece becomes a region of the joined text,
 * so a finding can be traced back to its page, cell or field.
 */
export class SegmentBuilder {
  private readonly parts: string[] = [];
  private readonly regions: Region[] = [];
  private length = 0;

  /** Appends `text` as one region at `location`; empty text adds nothing. */
  add(text: string, location: string): void {
    if (text.length === 0) return;
    if (this.length > 0) {
      this.parts.push('\n');
      this.length += 1;
    }
    this.regions.push({ start: this.length, end: this.length + text.length, location });
    this.parts.push(text);
    this.length += text.length;
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Sends the segment to `context`, unless nothing was added. */
  emit(context: ExtractContext, location: string, via: string, withRegions = true): void {
    if (this.isEmpty) return;
    const segment: Segment = withRegions
      ? { location, area: 'attachment', text: this.parts.join(''), regions: this.regions, via }
      : { location, area: 'attachment', text: this.parts.join(''), via };
    emitSegment(context, segment);
  }
}

/**
 * Sends a segment, cut to `maxSegmentChars`. The cut part is reported `too_large`: text
 * past the limit was not scanned, so it must not count as clean.
 */
export function emitSegment(context: ExtractContext, segment: Segment): void {
  const max = context.limits.maxSegmentChars;
  if (segment.text.length <= max) {
    context.addSegment(segment);
    return;
  }
  const regions = segment.regions
    ?.filter((region) => region.start < max)
    .map((region) => ({ ...region, end: Math.min(region.end, max) }));
  context.addSegment({ ...segment, text: segment.text.slice(0, max), regions });
  context.addUnscannable(
    segment.location,
    'too_large',
    `text of ${segment.text.length} characters cut to the limit of ${max}`,
  );
}

/** The shape of error messages we pass on: the error's class name only, never its text. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor.name;
  return typeof error;
}
