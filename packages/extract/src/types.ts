import type { Limits } from './limits.js';

/**
 * What extraction produces and what every format reader works with. The shapes here are
 * the contract between the readers of each format, the orchestration that walks a
 * message, and the engine downstream.
 */

/** The kind of place a segment comes from; rules filter findings by it. */
export type Area = 'subject' | 'header' | 'body' | 'attachment' | 'filename';

/**
 * Text with an exact location. Locations follow one grammar (docs/extraction.md has the
 * full table):
 *
 * - `subject`, `header:to`, `header:from`, `header:cc`, `header:bcc`, `header:reply-to`,
 *   `header:mapi` (TNEF properties), `body:text`, `body:html`, and `body:preamble`,
 *   `body:epilogue`, `body:unparsed`, `body:raw` for text mail parsers drop
 * - `attachment[N]:NAME` for the N-th attachment (0-based) of the message, `file:NAME` for
 *   a file given to `extractFile`, `message` for the input as a whole
 * - nested content appends `/entry[K]:NAME` (archive entries; gzip has `entry[0]`),
 *   `/part[K]` (embedded documents), `/message` (an attached message, whose own parts
 *   follow the same grammar)
 * - a fragment for the place inside a file: `#page=3`, `#sheet=Claims!B7`, `#row=4`,
 *   `#xpath=/ClinicalDocument/recordTarget`, `#path=Patient.name` (FHIR),
 *   `#segment=PID-3`, `#comment=2`, `#header=1`, `#footer=1`, `#footnote=ID`,
 *   `#endnote=ID`, `#deleted=N`, `#properties`
 *
 * A finding's location is the innermost region that contains it.
 */
export interface Segment {
  readonly location: string;
  readonly area: Area;
  readonly text: string;
  /** Finer locations inside `text` by offset, such as one region per PDF page. */
  readonly regions?: readonly Region[];
  /** How the text was obtained, such as `text`, `html`, `pdf`, `ocr`, `docx`, `xml`. */
  readonly via: string;
}

export interface Region {
  readonly start: number;
  readonly end: number;
  readonly location: string;
}

/**
 * Why a part could not be read. Policy treats every one of these as risk: content that
 * could not be read is never assumed to be clean.
 */
export const UNSCANNABLE_REASONS = [
  /** Encrypted content with no way to read it (encrypted PDF, ZIP entry, S/MIME). */
  'encrypted',
  /** The parser rejected the bytes. */
  'malformed',
  /** A type phiguard does not read. */
  'unsupported_type',
  /** Over the byte limit for one part or for the whole message. */
  'too_large',
  /** Over the limit on the number of parts, entries or segments. */
  'too_many_parts',
  /** Over the nesting limit (messages in messages, archives in archives). */
  'too_deep',
  /** An archive would inflate past the decompressed-bytes limit. */
  'decompression_limit',
  /** An archive entry inflates more than the ratio limit allows (a zip bomb). */
  'compression_ratio',
  /** Over the page limit of a document. */
  'too_many_pages',
  /** Over the limit on OCR pages or images, or OCR time. */
  'ocr_limit',
  /** The time limit for one attachment or the message ran out. */
  'timeout',
  /** OCR failed on an image or rendered page. */
  'ocr_failed',
  /** A page or file that should hold text gave none and could not be OCRed. */
  'no_text',
  /** A reader failed in a way not covered above. */
  'extractor_failed',
  /**
   * Extraction read the part but a detector broke while scanning its text. Reported by the
   * pipeline (`phiguard`), not by extraction; listed here so there is one vocabulary.
   */
  'scanner_failed',
] as const;

export type UnscannableReason = (typeof UNSCANNABLE_REASONS)[number];

/** A part that could not be read, where it is and why. `detail` never quotes content. */
export interface Unscannable {
  readonly location: string;
  readonly reason: UnscannableReason;
  readonly detail: string;
}

/** What was found out about an attachment, without its content. */
export interface AttachmentInfo {
  readonly location: string;
  readonly filename?: string;
  /** The content type the message declared. */
  readonly declaredType?: string;
  /** The type sniffed from the bytes, such as `pdf`, `docx`, `png`, `zip`, `text`. */
  readonly detectedType: string;
  readonly size: number;
}

export interface Mailbox {
  readonly name?: string;
  readonly address: string;
}

/** Header facts that policy needs about a message. Values here can be PHI: handle with care. */
export interface MessageHeaders {
  readonly messageId?: string;
  readonly from?: readonly Mailbox[];
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  readonly bcc: readonly Mailbox[];
  readonly replyTo?: readonly Mailbox[];
  readonly subject?: string;
  readonly date?: string;
}

/** Everything extraction found in one input. */
export interface Extraction {
  readonly segments: readonly Segment[];
  readonly unscannable: readonly Unscannable[];
  readonly attachments: readonly AttachmentInfo[];
  /** Present when the input was a message. */
  readonly headers?: MessageHeaders;
  /** Size of the input in bytes. */
  readonly size: number;
}

/** One file handed to a format reader. */
export interface FileInput {
  readonly bytes: Uint8Array;
  readonly location: string;
  readonly filename?: string;
  readonly declaredType?: string;
}

/**
 * What a format reader gets besides the file: limits, the time left, a place to put
 * segments and unscannable entries, and a way to hand nested content back.
 */
export interface ExtractContext {
  readonly limits: Limits;
  /** How deep in nested containers this file is; the message itself is 0. */
  readonly depth: number;
  /** Aborted when the time limit for the message runs out. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which work must stop. */
  readonly deadline: number;
  addSegment(segment: Segment): void;
  addUnscannable(location: string, reason: UnscannableReason, detail: string): void;
  /** Extracts content found inside this file (an archive entry, an embedded document). */
  nested(file: FileInput): Promise<void>;
}

/** Reads one family of file types. */
export interface FileExtractor {
  /** The detected types it reads, as `sniffType` names them. */
  readonly types: readonly string[];
  /**
   * Reads `file`, reporting text through `context.addSegment` and what it could not read
   * through `context.addUnscannable`. It may throw: the caller turns any error into an
   * `extractor_failed` entry, so one broken file never stops the rest.
   */
  extract(file: FileInput, context: ExtractContext): Promise<void>;
}
