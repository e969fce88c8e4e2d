import type { Readable } from 'node:stream';
import { addressParser } from 'postal-mime';
import { describeError } from './errors.js';
import { gzipExtractor } from './gzip.js';
import { commentRegions, htmlExtractor, htmlToText } from './html.js';
import type { Limits } from './limits.js';
import { attachmentLocation, locationName } from './location.js';
import { messageExtractor, readMessage, renderAddresses } from './mime.js';
import {
  type ExtractFileOptions,
  type ExtractOptions,
  resolveFileOptions,
  resolveOptions,
} from './options.js';
import { rtfExtractor } from './rtf.js';
import { dispatch, makeContext, Run, readerMap, Scope } from './run.js';
import { csvExtractor, textExtractor } from './text.js';
import { tnefExtractor } from './tnef.js';
import type { Extraction, Mailbox, MessageHeaders } from './types.js';
import { zipExtractor } from './zip.js';

/**
 * The entry points: a message or a file in, an `Extraction` out. Whatever the input, the
 * promise resolves: limits, parse errors and timeouts become `unscannable` entries (policy
 * treats them as risk), so a hostile input can make a result incomplete but never make the
 * caller crash or believe it is clean. The one rejection is `ExtractOptionsError`, for
 * options that are themselves invalid.
 */

/** Built-in readers; the format readers in `formats/` take their own types on top. */
const BUILTIN_READERS = [
  textExtractor,
  csvExtractor,
  htmlExtractor,
  rtfExtractor,
  messageExtractor,
  zipExtractor,
  tnefExtractor,
  gzipExtractor,
];

/** An address as mail libraries hand it over: a string to parse or a mailbox. */
export type AddressInput = string | { readonly name?: string; readonly address: string };

/** A message already parsed by a mail library (nodemailer, mailparser, an MTA's API). */
export interface StructuredMessage {
  readonly from?: AddressInput | readonly AddressInput[];
  readonly to?: AddressInput | readonly AddressInput[];
  readonly cc?: AddressInput | readonly AddressInput[];
  readonly bcc?: AddressInput | readonly AddressInput[];
  readonly replyTo?: AddressInput | readonly AddressInput[];
  readonly subject?: string;
  readonly messageId?: string;
  readonly date?: string;
  readonly text?: string;
  readonly html?: string;
  readonly attachments?: readonly {
    readonly filename?: string;
    readonly contentType?: string;
    readonly content: Uint8Array | string;
  }[];
}

/** Location used for entries about the input as a whole. */
const MESSAGE_LOCATION = 'message';

/**
 * Extracts every readable part of a mail message: headers, bodies, attachments and what
 * they contain. `input` is the raw RFC 5322 message (bytes, string or stream) or a message
 * a mail library already parsed. Resolves with what was read and what could not be; it
 * rejects only with `ExtractOptionsError` when `options` are invalid.
 */
export async function extractMessage(
  input: Buffer | Uint8Array | string | Readable | StructuredMessage,
  options?: ExtractOptions,
): Promise<Extraction> {
  const { limits } = resolveOptions(options);
  const run = new Run(limits, readerMap(BUILTIN_READERS));
  const root = new Scope(limits.totalTimeoutMs);
  let headers: MessageHeaders | undefined;
  let size = 0;
  try {
    if (isStructured(input)) {
      size = structuredSize(input);
      headers = await guard(run, root, () => readStructured(input, run, root));
    } else {
      const bytes = await readInput(input, limits, root.signal);
      if ('tooLarge' in bytes) {
        size = bytes.tooLarge;
        run.addUnscannable(
          MESSAGE_LOCATION,
          'too_large',
          `over maxInputBytes (${limits.maxInputBytes})`,
        );
      } else {
        size = bytes.data.length;
        headers = await guard(run, root, () =>
          readMessage(bytes.data, '', makeContext(run, 0, root)),
        );
      }
    }
  } catch (error) {
    const { reason, detail } = describeError(error);
    run.addUnscannable(MESSAGE_LOCATION, reason, detail);
  } finally {
    root.close();
  }
  return snapshot(run, size, headers);
}

/**
 * Extracts the text of one file (a PDF, a DOCX, an archive, an .eml...), typed by its
 * bytes. Locations start with `file:NAME`. Resolves like `extractMessage`.
 */
export async function extractFile(
  bytes: Uint8Array,
  options?: ExtractFileOptions,
): Promise<Extraction> {
  const { limits, filename, declaredType } = resolveFileOptions(options);
  const run = new Run(limits, readerMap(BUILTIN_READERS));
  const root = new Scope(limits.totalTimeoutMs);
  const location = `file:${locationName(filename ?? '')}`;
  try {
    if (!(bytes instanceof Uint8Array)) {
      run.addUnscannable(location, 'malformed', 'the input is not a byte array');
      return snapshot(run, 0, undefined);
    }
    if (bytes.length > limits.maxInputBytes) {
      run.addUnscannable(location, 'too_large', `over maxInputBytes (${limits.maxInputBytes})`);
      return snapshot(run, bytes.length, undefined);
    }
    // The file itself is not one of the parts the limit counts.
    run.parts--;
    await guard(run, root, () =>
      dispatch(run, { bytes, location, filename, declaredType }, 0, root),
    );
  } catch (error) {
    const { reason, detail } = describeError(error);
    run.addUnscannable(location, reason, detail);
  } finally {
    root.close();
  }
  return snapshot(run, bytes?.length ?? 0, undefined);
}

/** Runs `work` until it ends or the input's time runs out, whichever is first. */
async function guard<T>(run: Run, root: Scope, work: () => Promise<T>): Promise<T | undefined> {
  const outcome = await Promise.race([work().then((value) => ({ value })), root.expired()]);
  if (outcome === 'timeout') {
    run.addUnscannable(
      MESSAGE_LOCATION,
      'timeout',
      `totalTimeoutMs (${run.limits.totalTimeoutMs}) ran out; parts not yet read were not scanned`,
    );
    return undefined;
  }
  return outcome.value;
}

function snapshot(run: Run, size: number, headers: MessageHeaders | undefined): Extraction {
  return {
    segments: [...run.segments],
    unscannable: [...run.unscannable],
    attachments: [...run.attachments],
    ...(headers ? { headers } : {}),
    size,
  };
}

/** Reads the raw input into memory, refusing more than `maxInputBytes`. */
async function readInput(
  input: Buffer | Uint8Array | string | Readable,
  limits: Limits,
  signal: AbortSignal,
): Promise<{ data: Uint8Array } | { tooLarge: number }> {
  if (typeof input === 'string') {
    const data = Buffer.from(input, 'utf8');
    return data.length > limits.maxInputBytes ? { tooLarge: data.length } : { data };
  }
  if (input instanceof Uint8Array) {
    return input.length > limits.maxInputBytes ? { tooLarge: input.length } : { data: input };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += buffer.length;
    // The stream is left unread past the limit: holding more would defeat the limit.
    if (total > limits.maxInputBytes) {
      input.destroy();
      return { tooLarge: total };
    }
    if (signal.aborted) break;
    chunks.push(buffer);
  }
  return { data: Buffer.concat(chunks, total) };
}

function isStructured(input: unknown): input is StructuredMessage {
  if (typeof input !== 'object' || input === null) return false;
  if (input instanceof Uint8Array) return false;
  return typeof (input as { pipe?: unknown }).pipe !== 'function';
}

function structuredSize(message: StructuredMessage): number {
  let size = Buffer.byteLength(message.subject ?? '') + Buffer.byteLength(message.text ?? '');
  size += Buffer.byteLength(message.html ?? '');
  for (const attachment of message.attachments ?? []) size += byteLength(attachment.content);
  return size;
}

function byteLength(content: unknown): number {
  if (content instanceof Uint8Array) return content.length;
  return typeof content === 'string' ? Buffer.byteLength(content) : 0;
}

/** Reads a message a mail library parsed: same segments and locations as a raw one. */
async function readStructured(message: StructuredMessage, run: Run, root: Scope) {
  const context = makeContext(run, 0, root);
  const add = (
    location: string,
    area: 'subject' | 'header' | 'body',
    text: unknown,
    via: string,
  ) => {
    if (typeof text === 'string' && text.trim() !== '')
      context.addSegment({ location, area, text, via });
  };
  const from = mailboxes(message.from);
  const to = mailboxes(message.to);
  const cc = mailboxes(message.cc);
  const bcc = mailboxes(message.bcc);
  const replyTo = mailboxes(message.replyTo);

  add('subject', 'subject', message.subject, 'mime');
  add('header:from', 'header', renderAddresses(from), 'mime');
  add('header:to', 'header', renderAddresses(to), 'mime');
  add('header:cc', 'header', renderAddresses(cc), 'mime');
  add('header:bcc', 'header', renderAddresses(bcc), 'mime');
  add('header:reply-to', 'header', renderAddresses(replyTo), 'mime');
  add('body:text', 'body', message.text, 'text');
  if (typeof message.html === 'string') {
    const { text, comments } = htmlToText(message.html);
    if (text.trim() !== '') {
      const regions = commentRegions('body:html', comments);
      context.addSegment({ location: 'body:html', area: 'body', text, regions, via: 'html' });
    }
  }

  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  for (const [index, attachment] of attachments.entries()) {
    if (!root.open) break;
    const content = attachment?.content;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const filename = typeof attachment?.filename === 'string' ? attachment.filename : undefined;
    const location = attachmentLocation('', index, filename);
    if (!(bytes instanceof Uint8Array)) {
      run.addUnscannable(
        location,
        'malformed',
        'the attachment content is neither bytes nor a string',
      );
      continue;
    }
    const declaredType =
      typeof attachment.contentType === 'string' ? attachment.contentType : undefined;
    await dispatch(run, { bytes, location, filename, declaredType }, 1, root);
  }

  const headers: MessageHeaders = {
    messageId: typeof message.messageId === 'string' ? message.messageId : undefined,
    from: from.length > 0 ? from : undefined,
    to,
    cc,
    bcc,
    replyTo: replyTo.length > 0 ? replyTo : undefined,
    subject: typeof message.subject === 'string' ? message.subject : undefined,
    date: typeof message.date === 'string' ? message.date : undefined,
  };
  return headers;
}

/** Normalises the address forms mail libraries use into flat mailboxes. */
function mailboxes(value: unknown) {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: Mailbox[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      for (const parsed of addressParser(item, { flatten: true })) {
        if (parsed.address !== undefined) {
          out.push(
            parsed.name
              ? { name: parsed.name, address: parsed.address }
              : { address: parsed.address },
          );
        }
      }
    } else if (item && typeof item === 'object' && typeof item.address === 'string') {
      out.push(
        typeof item.name === 'string' && item.name
          ? { name: item.name, address: item.address }
          : { address: item.address },
      );
    }
  }
  return out;
}
