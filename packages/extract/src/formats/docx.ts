import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { emitSegment, SegmentBuilder } from './emit.js';
import { xmlPartsText } from './ooxml-text.js';
import {
  attrsOf,
  childrenOf,
  innerText,
  parseXml,
  tagOf,
  textLines,
  walk,
  xmlFailure,
} from './xml-tree.js';
import { PackageError, type PackageParts, readPackage } from './zip-package.js';

/**
 * DOCX: mammoth reads the main document (tables, lists, text boxes, tracked insertions);
 * the parts it skips are read here from the package XML: headers, footers, comments,
 * footnotes, endnotes, tracked deletions, the document properties (custom ones too) and
 * the custom XML that content controls are bound to. The package is
 * checked against the size limits before mammoth, which has none, sees it.
 */

/** Parts read from the package XML, by entry name. */
const EXTRA_PART = /^word\/(header\d*|footer\d*|comments|footnotes|endnotes|document)\.xml$/;
const PROPERTIES = 'docProps/core.xml';
/** Properties a document system or a template adds: a patient's number, a case id. */
const CUSTOM_PROPERTIES = 'docProps/custom.xml';
/** Data bound to the document's content controls, kept whole beside the body. */
const CUSTOM_XML = /^customXml\/item\d+\.xml$/;

function wanted(name: string): boolean {
  return (
    EXTRA_PART.test(name) ||
    name === PROPERTIES ||
    name === CUSTOM_PROPERTIES ||
    CUSTOM_XML.test(name)
  );
}

/** Footnote and endnote types that hold separators, not text. */
const SEPARATOR_TYPES = new Set(['separator', 'continuationSeparator', 'continuationNotice']);

function partLabel(name: string): string | undefined {
  const match = /^word\/(header|footer)(\d*)\.xml$/.exec(name);
  if (match === null) return undefined;
  return `${match[1]}=${match[2] === '' ? '1' : match[2]}`;
}

/** Items of a notes part: each comment, footnote or endnote with its id. */
function noteItems(xml: string, item: string): Array<{ id: string; text: string }> {
  const items: Array<{ id: string; text: string }> = [];
  walk(parseXml(xml), (node) => {
    if (tagOf(node) !== item) return;
    const attrs = attrsOf(node);
    if (SEPARATOR_TYPES.has(attrs.type ?? '')) return;
    items.push({ id: attrs.id ?? String(items.length), text: xmlPartsText([node]).trim() });
  });
  return items;
}

/** Text deleted under tracked changes: mammoth drops it, but it is still in the file. */
function deletions(xml: string): string[] {
  const found: string[] = [];
  walk(parseXml(xml), (node) => {
    const tag = tagOf(node);
    if (tag === 'del' || tag === 'moveFrom') found.push(xmlPartsText([node]).trim());
  });
  return found.filter((text) => text !== '');
}

/** Title, subject, author, keywords...: each property as `name: value`, one a line. */
function propertiesText(xml: string): string {
  const lines: string[] = [];
  for (const root of parseXml(xml)) {
    for (const property of childrenOf(root)) {
      const value = innerText(property).trim();
      if (value !== '' && tagOf(property) !== '#text') lines.push(`${tagOf(property)}: ${value}`);
    }
  }
  return lines.join('\n');
}

/** Each custom property as `name: value`, one a line. */
function customPropertiesText(xml: string): string {
  const lines: string[] = [];
  walk(parseXml(xml), (node) => {
    if (tagOf(node) !== 'property') return;
    const value = innerText(node).trim();
    if (value !== '') lines.push(`${attrsOf(node).name ?? 'property'}: ${value}`);
  });
  return lines.join('\n');
}

function readExtras(parts: PackageParts, file: FileInput, context: ExtractContext): void {
  const builder = new SegmentBuilder();
  for (const [name, xml] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    const label = partLabel(name);
    if (label !== undefined) {
      builder.add(xmlPartsText(parseXml(xml)).trim(), `${file.location}#${label}`);
    }
  }
  const notes = [
    ['word/comments.xml', 'comment'],
    ['word/footnotes.xml', 'footnote'],
    ['word/endnotes.xml', 'endnote'],
  ] as const;
  for (const [name, item] of notes) {
    const xml = parts.get(name);
    if (xml === undefined) continue;
    for (const { id, text } of noteItems(xml, item)) {
      builder.add(text, `${file.location}#${item}=${id}`);
    }
  }
  const body = parts.get('word/document.xml');
  if (body !== undefined) {
    for (const [index, text] of deletions(body).entries()) {
      builder.add(text, `${file.location}#deleted=${index + 1}`);
    }
  }
  const properties = parts.get(PROPERTIES);
  if (properties !== undefined) {
    builder.add(propertiesText(properties), `${file.location}#properties`);
  }
  const custom = parts.get(CUSTOM_PROPERTIES);
  if (custom !== undefined) {
    builder.add(customPropertiesText(custom), `${file.location}#properties=custom`);
  }
  for (const [name, xml] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    const item = CUSTOM_XML.exec(name) && name.slice('customXml/'.length, -'.xml'.length);
    if (item)
      builder.add(textLines(parseXml(xml)).join('\n'), `${file.location}#customXml=${item}`);
  }
  builder.emit(context, file.location, 'docx-xml');
}

/** Reads DOCX text: the main document with mammoth, and every part it skips. */
export const docxExtractor: FileExtractor = {
  types: ['docx'],
  async extract(file, context) {
    let parts: PackageParts;
    try {
      parts = await readPackage(file.bytes, context, wanted);
      // A package without a main document is not a DOCX, whatever its name says.
      if (!parts.has('word/document.xml')) {
        throw new PackageError('malformed', 'the package has no word/document.xml');
      }
      readExtras(parts, file, context);
    } catch (error) {
      if (error instanceof PackageError) {
        context.addUnscannable(file.location, error.reason, error.detail);
        return;
      }
      const failure = xmlFailure(error);
      if (failure !== undefined) {
        context.addUnscannable(file.location, failure.reason, `a package part: ${failure.detail}`);
        return;
      }
      throw error;
    }

    // Loaded on the first DOCX, so that mail without one does not pay for mammoth.
    const { default: mammoth } = await import('mammoth');
    let text: string;
    try {
      const result = await mammoth.extractRawText({ buffer: Buffer.from(file.bytes) });
      text = result.value.trim();
    } catch {
      context.addUnscannable(
        file.location,
        'malformed',
        'mammoth could not read the main document',
      );
      return;
    }
    if (text !== '')
      emitSegment(context, { location: file.location, area: 'attachment', text, via: 'docx' });
  },
};
