import { gunzipSync, inflateRawSync } from 'node:zlib';
import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { SegmentBuilder } from './emit.js';
import {
  attrsOf,
  COMMENT_TAG,
  childrenOf,
  contentOf,
  innerText,
  parseXml,
  tagOf,
  textLines,
  textOf,
  walk,
  type XmlNode,
  xmlFailure,
} from './xml-tree.js';

/**
 * XML: every text node and attribute value, grouped by the root's child elements. HL7 CDA
 * documents are also read by structure, because their identifiers live in attributes
 * that mean nothing without their root: `<id root="2.16.840.1.113883.4.1" extension="..."/>`
 * is an SSN, and is written out as `SSN: ...` so the engine sees it as one. Base64 content
 * (`representation="B64"`), such as a PDF inside a CDA, goes back to the dispatcher.
 * Comments and processing instructions are not read.
 */

/** Identifier roots (OIDs) whose extension is written with a label. */
const LABELLED_ROOTS: Readonly<Record<string, string>> = {
  '2.16.840.1.113883.4.1': 'SSN',
  '2.16.840.1.113883.4.6': 'NPI',
  '2.16.840.1.113883.4.3': "Driver's license",
  '2.16.840.1.113883.4.330': 'Passport',
};

/** Attributes that hold schema plumbing, never text a person wrote. */
const SKIPPED_ATTRIBUTES = new Set(['schemaLocation', 'type', 'space', 'lang']);

/** Labels for CDA telecom schemes. */
const TELECOM_LABELS: Readonly<Record<string, string>> = {
  tel: 'Phone',
  fax: 'Fax',
  mailto: 'Email',
  http: 'Web',
  https: 'Web',
};

/** A HL7 timestamp (YYYYMMDD...) as MM/DD/YYYY, or as much of it as is given. */
export function hl7Date(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})?(\d{2})?/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day] = match;
  if (month === undefined) return year;
  if (day === undefined) return `${month}/${year}`;
  return `${month}/${day}/${year}`;
}

function nameText(name: XmlNode): string {
  const parts = childrenOf(name)
    .filter((part) => ['prefix', 'given', 'family', 'suffix'].includes(tagOf(part)))
    .map((part) => innerText(part).trim());
  // A name given as plain text (no parts) is read as it stands.
  return (parts.length > 0 ? parts.join(' ') : innerText(name)).replace(/\s+/g, ' ').trim();
}

function addressText(addr: XmlNode): string {
  const parts = childrenOf(addr)
    .filter((part) => textOf(part) === undefined)
    .map((part) => innerText(part).trim())
    .filter((part) => part !== '');
  return parts.join(', ');
}

function telecomText(telecom: XmlNode): string | undefined {
  const value = attrsOf(telecom).value;
  if (value === undefined) return undefined;
  const scheme = /^([a-z]+):/i.exec(value)?.[1]?.toLowerCase();
  const label = scheme === undefined ? 'Telecom' : (TELECOM_LABELS[scheme] ?? 'Telecom');
  return `${label}: ${scheme === undefined ? value : value.slice(scheme.length + 1)}`;
}

/** Labelled lines for one person: ids, names, addresses, telecoms, birth time. */
function personLines(role: XmlNode, who: string, add: (text: string, path: string) => void) {
  walk([role], (node, path) => {
    const tag = tagOf(node);
    const where = `/${path.join('/')}`;
    if (tag === 'id') {
      const { root, extension, assigningAuthorityName: authority } = attrsOf(node);
      // The authority's name often says what the number is: "Medical Record Number".
      const label = authority ? `${who} ID, ${authority}` : `${who} ID`;
      if (extension && !(root && LABELLED_ROOTS[root])) add(`${label}: ${extension}`, where);
    } else if (tag === 'name' && path.at(-2) !== 'organization') {
      const name = nameText(node);
      if (name) add(`${who} name: ${name}`, where);
    } else if (tag === 'addr') {
      const address = addressText(node);
      if (address) add(`${who} address: ${address}`, where);
    } else if (tag === 'telecom') {
      const telecom = telecomText(node);
      if (telecom) add(telecom, where);
    } else if (tag === 'birthTime') {
      const date = hl7Date(attrsOf(node).value ?? '');
      if (date) add(`Date of birth: ${date}`, where);
    }
  });
}

/**
 * The labelled header of a CDA document, or of a fragment of one: every `recordTarget`,
 * wherever it sits, and every identifier with a known root.
 */
function readCda(root: XmlNode, file: FileInput, context: ExtractContext): void {
  const builder = new SegmentBuilder();
  const add = (text: string, path: string) => builder.add(text, `${file.location}#xpath=${path}`);
  let first: string | undefined;
  walk([root], (node, path) => {
    if (tagOf(node) !== 'recordTarget') return;
    const parent = path.slice(0, -1).join('/');
    first ??= `/${path.join('/')}`;
    personLines(node, 'Patient', (text, where) => add(text, parent ? `/${parent}${where}` : where));
  });
  // Identifiers with a known root are labelled wherever they appear: authors, performers.
  walk([root], (node, path) => {
    if (tagOf(node) !== 'id') return;
    const { root: oid, extension } = attrsOf(node);
    const label = oid === undefined ? undefined : LABELLED_ROOTS[oid];
    if (label !== undefined && extension) add(`${label}: ${extension}`, `/${path.join('/')}`);
  });
  builder.emit(context, `${file.location}#xpath=${first ?? `/${tagOf(root)}`}`, 'cda');
}

function isElement(tag: string): boolean {
  return tag !== '#text' && tag !== COMMENT_TAG && !tag.startsWith('?');
}

/** Comments before and after the root element, which no element holds. */
function readOuterComments(nodes: readonly XmlNode[], file: FileInput, context: ExtractContext) {
  const builder = new SegmentBuilder();
  for (const node of nodes) {
    if (tagOf(node) === COMMENT_TAG) {
      builder.add(innerText(node).trim(), `${file.location}#xpath=/comment()`);
    }
  }
  builder.emit(context, `${file.location}#xpath=/comment()`, 'xml');
}

/** All text and attribute values, one region per child of the root element. */
function readGeneric(root: XmlNode, file: FileInput, context: ExtractContext): void {
  const builder = new SegmentBuilder();
  const rootTag = tagOf(root);
  const filter = {
    skipAttribute: (name: string) => SKIPPED_ATTRIBUTES.has(name),
    // Base64 content is read by its own reader, not as text.
    skipContent: (attributes: Record<string, string>) => attributes.representation === 'B64',
  };
  const own: string[] = [];
  for (const [name, value] of Object.entries(attrsOf(root))) own.push(`${name}: ${value}`);
  builder.add(own.join('\n'), `${file.location}#xpath=/${rootTag}`);
  for (const node of contentOf(root)) {
    const out = textLines([node], filter);
    const tag = tagOf(node);
    const where =
      tag === '#text'
        ? `/${rootTag}`
        : tag === COMMENT_TAG
          ? `/${rootTag}/comment()`
          : `/${rootTag}/${tag}`;
    builder.add(out.join('\n'), `${file.location}#xpath=${where}`);
  }
  builder.emit(context, file.location, 'xml');
}

/** Decodes one B64 element, inflating `compression="DF"` or `"GZ"` within maxPartBytes. */
function decodeEmbedded(node: XmlNode, context: ExtractContext): Uint8Array | 'too_large' {
  const { compression } = attrsOf(node);
  const base64 = innerText(node).replace(/\s+/g, '');
  const max = context.limits.maxPartBytes;
  if ((base64.length * 3) / 4 > max) return 'too_large';
  const raw = Buffer.from(base64, 'base64');
  if (compression === 'DF') return inflateRawSync(raw, { maxOutputLength: max });
  if (compression === 'GZ') return gunzipSync(raw, { maxOutputLength: max });
  return raw;
}

async function handEmbedded(root: XmlNode, file: FileInput, context: ExtractContext) {
  const embedded: Array<{ node: XmlNode; path: string }> = [];
  walk([root], (node, path) => {
    if (attrsOf(node).representation === 'B64') embedded.push({ node, path: path.join('/') });
  });
  for (const [index, { node, path }] of embedded.entries()) {
    const location = `${file.location}/part[${index}]`;
    let bytes: Uint8Array | 'too_large';
    try {
      bytes = decodeEmbedded(node, context);
    } catch {
      // zlib raises a RangeError past maxOutputLength and an Error on corrupt data.
      context.addUnscannable(
        location,
        'malformed',
        `embedded content at /${path} could not be decoded`,
      );
      continue;
    }
    if (bytes === 'too_large') {
      context.addUnscannable(
        location,
        'too_large',
        `embedded content at /${path} is over maxPartBytes`,
      );
      continue;
    }
    const declaredType = attrsOf(node).mediaType;
    await context.nested(declaredType ? { bytes, location, declaredType } : { bytes, location });
  }
}

/** Reads XML text and attributes; HL7 CDA with labelled identifiers and embedded files. */
export const xmlExtractor: FileExtractor = {
  types: ['xml'],
  async extract(file, context) {
    let nodes: XmlNode[];
    try {
      // Comments too: an export can carry a record commented out.
      nodes = parseXml(new TextDecoder('utf-8').decode(file.bytes), { comments: true });
    } catch (error) {
      const failure = xmlFailure(error);
      if (failure === undefined) throw error;
      context.addUnscannable(file.location, failure.reason, failure.detail);
      return;
    }
    const root = nodes.find((node) => isElement(tagOf(node)));
    if (root === undefined) {
      context.addUnscannable(file.location, 'malformed', 'the XML has no root element');
      return;
    }
    readCda(root, file, context);
    readGeneric(root, file, context);
    readOuterComments(nodes, file, context);
    await handEmbedded(root, file, context);
  },
};
