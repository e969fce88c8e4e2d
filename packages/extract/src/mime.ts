import PostalMime, { type Address, type Email } from 'postal-mime';
import { findMisencodedParts } from './base64-check.js';
import { commentRegions, htmlToText } from './html.js';
import { attachmentLocation, messagePrefix } from './location.js';
import { declaredBoundaries, findLeftovers } from './raw.js';
import type { RunContext } from './run.js';
import { decodeText } from './text.js';
import type { Area, FileExtractor, Mailbox, MessageHeaders } from './types.js';

/**
 * RFC 5322 messages, parsed with postal-mime (no dependencies, documented nesting and
 * header limits; see DEPENDENCIES.md). postal-mime decodes transfer encodings, declared
 * charsets and encoded words in headers and file names. Attached messages are kept as
 * attachments rather than merged into the body, so that each is located under its own
 * `/message` and walked by this same reader, one level deeper.
 */

/** Nesting of multiparts inside one message; deeper MIME trees are rejected as malformed. */
const MAX_MIME_NESTING = 64;

/**
 * A message with more MIME delimiter lines than this many times `maxParts` is not handed to
 * the parser. Multiparts add delimiters for their own structure, so some slack is kept.
 */
const PART_COUNT_FACTOR = 4;

/** The address headers read as segments, by the location they get. */
const ADDRESS_HEADERS = [
  ['from', 'header:from'],
  ['to', 'header:to'],
  ['cc', 'header:cc'],
  ['bcc', 'header:bcc'],
  ['replyTo', 'header:reply-to'],
] as const;

/**
 * Reads a raw message whose parts are located under `prefix` (empty for the message
 * itself). Returns its headers, or undefined when the parser rejected it; the raw text is
 * then scanned as one segment and the message is reported `malformed`.
 */
export async function readMessage(
  bytes: Uint8Array,
  prefix: string,
  context: RunContext,
): Promise<MessageHeaders | undefined> {
  const here = prefix === '' ? 'message' : prefix.replace(/\/$/, '');
  const inner: Area | undefined = prefix === '' ? undefined : 'attachment';
  // postal-mime's time grows with the part count (20,000 parts take seconds) and every part
  // past the limit would be skipped anyway: such a message is scanned as raw text instead.
  const declaredParts = countDelimiters(bytes);
  if (declaredParts > PART_COUNT_FACTOR * context.limits.maxParts) {
    context.addUnscannable(
      here,
      'too_many_parts',
      `${declaredParts} MIME delimiters, over maxParts (${context.limits.maxParts}); raw text scanned`,
    );
    const text = decodeText(bytes);
    if (text.trim() !== '') {
      context.addSegment({
        location: `${prefix}body:raw`,
        area: inner ?? 'body',
        text,
        via: 'raw',
      });
    }
    return undefined;
  }
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, {
      forceRfc822Attachments: true,
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: MAX_MIME_NESTING,
    });
  } catch {
    context.addUnscannable(
      here,
      'malformed',
      'the MIME parser rejected the message; its raw text was scanned',
    );
    const text = decodeText(bytes);
    if (text.trim() !== '') {
      context.addSegment({
        location: `${prefix}body:raw`,
        area: inner ?? 'body',
        text,
        via: 'raw',
      });
    }
    return undefined;
  }

  if (email.subject) {
    context.addSegment({
      location: `${prefix}subject`,
      area: inner ?? 'subject',
      text: email.subject,
      via: 'mime',
    });
  }
  for (const [key, location] of ADDRESS_HEADERS) {
    const text = renderAddresses(mailboxes(toList(email[key])));
    if (text !== '')
      context.addSegment({
        location: `${prefix}${location}`,
        area: inner ?? 'header',
        text,
        via: 'mime',
      });
  }
  if (email.text && email.text.trim() !== '') {
    context.addSegment({
      location: `${prefix}body:text`,
      area: inner ?? 'body',
      text: email.text,
      via: 'text',
    });
  }
  if (email.html) {
    const location = `${prefix}body:html`;
    const { text, comments } = htmlToText(email.html);
    if (text.trim() !== '') {
      const regions = commentRegions(location, comments);
      context.addSegment({ location, area: inner ?? 'body', text, regions, via: 'html' });
    }
  }
  readLeftovers(bytes, prefix, inner, context);
  readMisencoded(bytes, prefix, inner, email, context);

  // Attachments one after another: their budgets (parts, bytes, time) are shared, and a
  // sequential walk spends them in document order.
  for (const [index, attachment] of email.attachments.entries()) {
    if (context.run.partsExhausted) {
      // One more call reports the limit at the first part not read; the rest are skipped.
      context.run.takePart(attachmentLocation(prefix, index, attachment.filename ?? undefined));
      break;
    }
    if (!context.signal.aborted) {
      const content = attachment.content;
      const data =
        typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
      await context.nested({
        bytes: data,
        location: attachmentLocation(prefix, index, attachment.filename ?? undefined),
        filename: attachment.filename ?? undefined,
        declaredType: attachment.mimeType,
      });
    }
  }
  return headersOf(email);
}

/** Scans the text the parser dropped; see raw.ts for what that is and why. */
function readLeftovers(
  bytes: Uint8Array,
  prefix: string,
  inner: Area | undefined,
  context: RunContext,
) {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const counts = { preamble: 0, epilogue: 0, unparsed: 0 };
  for (const leftover of findLeftovers(raw)) {
    counts[leftover.kind]++;
    const n = counts[leftover.kind];
    const text = decodeText(Buffer.from(raw.slice(leftover.start, leftover.end), 'latin1'));
    context.addSegment({
      location: `${prefix}body:${leftover.kind}${n > 1 ? `[${n - 1}]` : ''}`,
      area: inner ?? 'body',
      text,
      via: 'raw',
    });
  }
}

/**
 * Reports each part declared base64 whose body is not base64 and scans its raw text: the
 * parser decoded it to noise (see base64-check.ts). Failure direction: such a part is
 * `malformed`, so policy never allows it, and its text is still scanned for findings.
 */
function readMisencoded(
  bytes: Uint8Array,
  prefix: string,
  inner: Area | undefined,
  email: Email,
  context: RunContext,
) {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  for (const part of findMisencodedParts(raw)) {
    let location = prefix === '' ? 'message' : prefix.replace(/\/$/, '');
    let area: Area = inner ?? 'body';
    if (part.body) {
      location = `${prefix}body:${part.body}`;
    } else if (part.attachment !== undefined) {
      // The raw walk and the parser count attachments the same way; the media type check
      // keeps a disagreement from naming the wrong one (the message is named instead).
      const attachment = email.attachments[part.attachment];
      if (attachment && attachment.mimeType.toLowerCase() === part.mediaType) {
        location = attachmentLocation(prefix, part.attachment, attachment.filename ?? undefined);
        area = 'attachment';
      }
    }
    context.addUnscannable(
      location,
      'malformed',
      `declared base64 but ${part.invalid} characters are outside the base64 alphabet; its raw text was scanned`,
    );
    const text = decodeText(Buffer.from(raw.slice(part.start, part.end), 'latin1'));
    if (text.trim() !== '') context.addSegment({ location, area, text, via: 'raw' });
  }
}

function toList(value: Address | Address[] | undefined): Address[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

/** Flattens groups into their mailboxes. */
function mailboxes(addresses: readonly Address[]): Mailbox[] {
  const out: Mailbox[] = [];
  for (const address of addresses) {
    if (address.group) {
      for (const member of address.group) out.push(mailbox(member.name, member.address));
    } else {
      out.push(mailbox(address.name, address.address ?? ''));
    }
  }
  return out;
}

function mailbox(name: string, address: string): Mailbox {
  return name ? { name, address } : { address };
}

/** `Name <address>, ...`: display names are scanned next to their addresses. */
export function renderAddresses(list: readonly Mailbox[]): string {
  return list
    .map((m) => (m.name ? `${m.name} <${m.address}>` : m.address))
    .filter((s) => s.trim() !== '')
    .join(', ');
}

function headersOf(email: Email): MessageHeaders {
  const from = mailboxes(toList(email.from));
  const replyTo = mailboxes(toList(email.replyTo));
  return {
    messageId: email.messageId,
    from: from.length > 0 ? from : undefined,
    to: mailboxes(toList(email.to)),
    cc: mailboxes(toList(email.cc)),
    bcc: mailboxes(toList(email.bcc)),
    replyTo: replyTo.length > 0 ? replyTo : undefined,
    subject: email.subject,
    date: email.date,
  };
}

/** Reads an attached message (`.eml`, `message/rfc822`) under `LOCATION/message/`. */
export const messageExtractor: FileExtractor = {
  types: ['message'],
  async extract(file, context) {
    await readMessage(file.bytes, messagePrefix(file.location), context as RunContext);
  },
};

/**
 * Counts the delimiter lines of the boundaries a message declares: a cheap upper bound on
 * its part count, found without parsing it.
 */
function countDelimiters(bytes: Uint8Array): number {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let count = 0;
  for (const boundary of declaredBoundaries(raw).keys()) {
    const delimiter = `\n--${boundary}`;
    for (let at = raw.indexOf(delimiter); at >= 0; at = raw.indexOf(delimiter, at + 1)) count++;
  }
  return count;
}
