import { UnscannableError } from './errors.js';
import { commentRegions, htmlToText } from './html.js';
import { attachmentLocation, messagePrefix } from './location.js';
import { decompressRtf, rtfToText } from './rtf.js';
import { decodeText } from './text.js';
import type { FileExtractor, FileInput } from './types.js';

/**
 * TNEF (`winmail.dat`, `application/ms-tnef`), the container Outlook wraps a message in:
 * its body (plain, HTML or compressed RTF), its properties and its attachments, embedded
 * messages included. No npm package for it was good enough to take on (the one listed is
 * unmaintained and unbounded), so this is a small reader of MS-OXTNEF, bounded at every
 * length it reads: a length past the end of the data ends the stream as `malformed`, with
 * whatever was read before it kept.
 *
 * Checksums are not verified: a wrong one does not make the content less worth scanning.
 */

const SIGNATURE = 0x223e9f78;

/** Attribute levels. */
const LEVEL_ATTACHMENT = 0x02;

/** Attribute ids (low 16 bits of the attribute field). */
const ATT = {
  subject: 0x8004,
  body: 0x800c,
  attachTitle: 0x8010,
  attachData: 0x800f,
  attachRenddata: 0x9002,
  msgProps: 0x9003,
  recipTable: 0x9004,
  attachment: 0x9005,
  oemCodepage: 0x9007,
} as const;

/** Attribute types (high 16 bits) that hold text. */
const ATP_STRING = 0x0001;
const ATP_TEXT = 0x0002;

/** MAPI property ids read for what they are; other string properties are kept as text. */
const PR = {
  subject: 0x0037,
  body: 0x1000,
  rtfCompressed: 0x1009,
  bodyHtml: 0x1013,
  attachData: 0x3701,
  attachFilename: 0x3704,
  attachLongFilename: 0x3707,
  attachMimeTag: 0x370e,
} as const;

/** MAPI property types. */
const PT = { string8: 0x001e, unicode: 0x001f, binary: 0x0102, object: 0x000d } as const;
const MULTI_VALUED = 0x1000;

/** Sizes of the fixed-length MAPI property types, padded to 4 as TNEF stores them. */
const FIXED_SIZES: Record<number, number> = {
  0: 4,
  1: 4,
  2: 4,
  3: 4,
  4: 4,
  5: 8,
  6: 8,
  7: 8,
  10: 4,
  11: 4,
  20: 8,
  64: 8,
  72: 16,
};

/** Most attributes and properties read from one stream; a real message has dozens. */
const MAX_ITEMS = 100_000;

type Value = string | Uint8Array | undefined;

interface Property {
  readonly id: number;
  readonly type: number;
  readonly values: Value[];
}

/** One attachment found in a TNEF stream. */
export interface TnefAttachment {
  name?: string;
  mimeType?: string;
  data?: Uint8Array;
  /** An attached message, itself a TNEF stream (PR_ATTACH_DATA_OBJ). */
  embedded?: Uint8Array;
}

/** What a TNEF stream holds, as far as it could be read. */
export interface TnefContent {
  subject?: string;
  body?: string;
  html?: string;
  rtf?: Uint8Array;
  /** Other text properties: sender and recipient names, addresses, titles... */
  properties: string[];
  attachments: TnefAttachment[];
  /** Set when the stream ended inside an attribute or property list. */
  truncated: boolean;
}

/** A cursor over the bytes that refuses to read past the end. */
class Cursor {
  at = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get left(): number {
    return this.bytes.length - this.at;
  }
  need(n: number): void {
    if (n < 0 || n > this.left) throw new RangeError('past the end');
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.at, true);
    this.at += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  skip(n: number): void {
    this.need(n);
    this.at += n;
  }
}

/** Parses a TNEF stream. Throws `UnscannableError('malformed')` when the signature is wrong. */
export function parseTnef(bytes: Uint8Array): TnefContent {
  const cursor = new Cursor(bytes);
  const content: TnefContent = { properties: [], attachments: [], truncated: false };
  if (bytes.length < 6 || cursor.u32() !== SIGNATURE) {
    throw new UnscannableError('malformed', 'not a TNEF stream');
  }
  cursor.u16(); // legacy key, unused
  let codepage = 'windows-1252';
  let current: TnefAttachment | undefined;
  let items = 0;

  try {
    while (cursor.left > 0 && items++ < MAX_ITEMS) {
      const level = cursor.u8();
      const attribute = cursor.u32();
      const length = cursor.u32();
      const data = cursor.take(length);
      cursor.u16(); // checksum, not verified (see the module comment)
      const id = attribute & 0xffff;
      const type = attribute >>> 16;

      if (id === ATT.attachRenddata) {
        current = {};
        content.attachments.push(current);
        continue;
      }
      if (level === LEVEL_ATTACHMENT && !current) {
        // Some writers put attachment attributes before the one that opens the attachment.
        current = {};
        content.attachments.push(current);
      }
      if (id === ATT.oemCodepage && data.length >= 4) {
        codepage = codepageLabel(new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true));
      } else if (id === ATT.subject) {
        content.subject = text8(data, codepage);
      } else if (id === ATT.body) {
        content.body = text8(data, codepage);
      } else if (id === ATT.attachTitle && current) {
        current.name ??= text8(data, codepage);
      } else if (id === ATT.attachData && current) {
        current.data = data;
      } else if (id === ATT.msgProps) {
        applyMessageProperties(content, readProperties(data, codepage));
      } else if (id === ATT.attachment && current) {
        applyAttachmentProperties(current, content, readProperties(data, codepage));
      } else if (id === ATT.recipTable) {
        for (const prop of readRecipients(data, codepage)) pushStrings(content.properties, prop);
      } else if (type === ATP_STRING || type === ATP_TEXT) {
        const value = text8(data, codepage);
        if (value.trim() !== '') content.properties.push(value);
      }
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    content.truncated = true;
  }
  return content;
}

function applyMessageProperties(content: TnefContent, props: Property[]) {
  for (const prop of props) {
    const first = prop.values[0];
    if (prop.id === PR.subject && typeof first === 'string') content.subject ??= first;
    else if (prop.id === PR.body && typeof first === 'string') content.body ??= first;
    else if (prop.id === PR.bodyHtml && first !== undefined) content.html = asText(first);
    else if (prop.id === PR.rtfCompressed && first instanceof Uint8Array) content.rtf = first;
    else pushStrings(content.properties, prop);
  }
}

function applyAttachmentProperties(att: TnefAttachment, content: TnefContent, props: Property[]) {
  for (const prop of props) {
    const first = prop.values[0];
    if (prop.id === PR.attachLongFilename && typeof first === 'string') att.name = first;
    else if (prop.id === PR.attachFilename && typeof first === 'string') att.name ??= first;
    else if (prop.id === PR.attachMimeTag && typeof first === 'string') att.mimeType = first;
    else if (prop.id === PR.attachData && first instanceof Uint8Array) {
      // An object value starts with the 16-byte interface id of what follows.
      if (prop.type === PT.object) att.embedded = first.subarray(16);
      else att.data ??= first;
    } else pushStrings(content.properties, prop);
  }
}

function pushStrings(out: string[], prop: Property) {
  for (const value of prop.values) {
    if (typeof value === 'string' && value.trim() !== '') out.push(value);
  }
}

/** Reads a MAPI property list: a count, then each property's tag, name and values. */
function readProperties(data: Uint8Array, codepage: string): Property[] {
  const cursor = new Cursor(data);
  const props: Property[] = [];
  try {
    const count = cursor.u32();
    for (let i = 0; i < count && i < MAX_ITEMS; i++) props.push(readProperty(cursor, codepage));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // A property list cut short keeps the properties read before the cut.
  }
  return props;
}

function readProperty(cursor: Cursor, codepage: string): Property {
  const type = cursor.u16();
  const id = cursor.u16();
  if (id >= 0x8000) {
    // A named property: its GUID, then either a number or a UTF-16 name.
    cursor.skip(16);
    const kind = cursor.u32();
    if (kind === 0) cursor.skip(4);
    else cursor.skip(padded(cursor.u32()));
  }
  const base = type & ~MULTI_VALUED;
  const variable =
    base === PT.string8 || base === PT.unicode || base === PT.binary || base === PT.object;
  const count = type & MULTI_VALUED || variable ? cursor.u32() : 1;
  if (count > cursor.left) throw new RangeError('value count past the end');
  const values: Value[] = [];
  for (let i = 0; i < count; i++) {
    if (variable) {
      const size = cursor.u32();
      const bytes = cursor.take(size);
      cursor.skip(Math.min(cursor.left, padded(size) - size));
      if (base === PT.string8) values.push(trimNul(new TextDecoder(codepage).decode(bytes)));
      else if (base === PT.unicode) values.push(trimNul(new TextDecoder('utf-16le').decode(bytes)));
      else values.push(bytes);
    } else {
      const size = FIXED_SIZES[base];
      if (size === undefined) throw new RangeError('unknown property type');
      cursor.skip(size);
      values.push(undefined);
    }
  }
  return { id, type: base, values };
}

/** The recipient table: a row count, then a property list per row. */
function readRecipients(data: Uint8Array, codepage: string): Property[] {
  const cursor = new Cursor(data);
  const props: Property[] = [];
  try {
    const rows = cursor.u32();
    for (let r = 0; r < rows && props.length < MAX_ITEMS; r++) {
      const count = cursor.u32();
      for (let i = 0; i < count && props.length < MAX_ITEMS; i++)
        props.push(readProperty(cursor, codepage));
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return props;
}

function padded(n: number): number {
  return (n + 3) & ~3;
}

function trimNul(s: string): string {
  const end = s.indexOf('\0');
  return end < 0 ? s : s.slice(0, end);
}

function text8(data: Uint8Array, codepage: string): string {
  return trimNul(new TextDecoder(codepage).decode(data));
}

function asText(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : decodeText(value);
}

/** A TextDecoder label for a Windows code page, Windows-1252 when Node does not know it. */
function codepageLabel(codepage: number): string {
  const label = codepage === 65001 ? 'utf-8' : `windows-${codepage}`;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'windows-1252';
  }
}

/**
 * Reads a TNEF stream under `LOCATION/message/`: its subject, bodies and properties as
 * segments, and each attachment through `context.nested`.
 */
export const tnefExtractor: FileExtractor = {
  types: ['tnef'],
  async extract(file: FileInput, context) {
    const content = parseTnef(file.bytes);
    const prefix = messagePrefix(file.location);
    const add = (location: string, text: string | undefined, via: string) => {
      if (text && text.trim() !== '')
        context.addSegment({ location, area: 'attachment', text, via });
    };
    add(`${prefix}subject`, content.subject, 'tnef');
    add(`${prefix}header:mapi`, content.properties.join('\n'), 'tnef');
    add(`${prefix}body:text`, content.body, 'tnef');
    if (content.html) {
      const { text, comments } = htmlToText(content.html);
      const location = `${prefix}body:html`;
      if (text.trim() !== '') {
        context.addSegment({
          location,
          area: 'attachment',
          text,
          regions: commentRegions(location, comments),
          via: 'html',
        });
      }
    }
    if (content.rtf) {
      try {
        const rtf = decompressRtf(content.rtf, context.limits.maxPartBytes);
        add(`${prefix}body:rtf`, rtfToText(new TextDecoder('windows-1252').decode(rtf)), 'rtf');
      } catch {
        context.addUnscannable(
          `${prefix}body:rtf`,
          'malformed',
          'the compressed RTF body could not be read',
        );
      }
    }
    if (content.truncated) {
      context.addUnscannable(
        file.location,
        'malformed',
        'the TNEF stream ends inside an attribute; the rest was not read',
      );
    }

    for (const [index, attachment] of content.attachments.entries()) {
      if (context.signal.aborted) return;
      const location = attachmentLocation(prefix, index, attachment.name);
      const bytes = attachment.embedded ?? attachment.data ?? new Uint8Array(0);
      await context.nested({
        bytes,
        location,
        filename: attachment.name,
        declaredType: attachment.mimeType,
      });
    }
  },
};
