import { z } from 'zod';

const MB = 1024 * 1024;

/**
 * Limits on the work extraction does for one input. Every input is treated as hostile: a
 * limit that is hit ends that part as `unscannable`, never as clean and never as a crash.
 */
export const limitsSchema = z.object({
  /** Bytes of the whole input (message or file). */
  maxInputBytes: z
    .number()
    .int()
    .positive()
    .default(50 * MB),
  /** Bytes of one attachment or archive entry, after decoding. */
  maxPartBytes: z
    .number()
    .int()
    .positive()
    .default(25 * MB),
  /** MIME parts, archive entries and embedded documents, all counted together. */
  maxParts: z.number().int().positive().default(500),
  /** Nesting of messages in messages and archives in archives. */
  maxDepth: z.number().int().positive().default(8),
  /** Bytes all archives of one input may inflate to, together. */
  maxDecompressedBytes: z
    .number()
    .int()
    .positive()
    .default(200 * MB),
  /** Largest inflated-to-compressed ratio of one archive entry. */
  maxCompressionRatio: z.number().positive().default(100),
  /** Pages read from one document. */
  maxPages: z.number().int().positive().default(500),
  /** Pages and images OCRed for one input. */
  maxOcrPages: z.number().int().nonnegative().default(20),
  /** Milliseconds of OCR for one image or page. */
  ocrTimeoutMs: z.number().int().positive().default(30_000),
  /** Milliseconds for one attachment. */
  attachmentTimeoutMs: z.number().int().positive().default(60_000),
  /** Milliseconds for the whole input. */
  totalTimeoutMs: z.number().int().positive().default(120_000),
  /**
   * Characters of text kept from one segment; the rest is reported `too_large`. The default
   * equals `maxPartBytes`: decoding never yields more characters than bytes, so the text of
   * any part the part limit admits (a 20 MB one-line body, say) is scanned to its end.
   */
  maxSegmentChars: z
    .number()
    .int()
    .positive()
    .default(25 * MB),
  /** Largest image, in pixels, handed to OCR. */
  maxImagePixels: z.number().int().positive().default(40_000_000),
});

export type Limits = z.infer<typeof limitsSchema>;
export type LimitsInput = z.input<typeof limitsSchema>;

/** The defaults, for documentation and tests. */
export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});

/** Validates caller limits and fills in the defaults; throws a zod error naming the field. */
export function resolveLimits(input: LimitsInput = {}): Limits {
  return limitsSchema.parse(input);
}
