import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML parsed into an ordered tree that loses nothing a detector needs. fast-xml-parser's
 * defaults drop attributes (`<id extension="00123456"/>`), strip leading zeros, glue mixed
 * text and leave numeric references undecoded; these settings keep all of it. Entities
 * declared in a DOCTYPE are not expanded recursively, so billion-laughs stays small, and
 * nesting is capped by `maxNestedTags`.
 */
export type XmlNode = Record<string, unknown>;

/** Deepest element nesting we parse; documents nested deeper are reported `malformed`. */
export const MAX_XML_DEPTH = 100;

const OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  preserveOrder: true,
  htmlEntities: true,
  removeNSPrefix: true,
  maxNestedTags: MAX_XML_DEPTH,
} as const;

const parser = new XMLParser(OPTIONS);

/** The tag of a comment node when comments are kept; its text is its one child. */
export const COMMENT_TAG = '#comment';

const keepingComments = new XMLParser({ ...OPTIONS, commentPropName: COMMENT_TAG });

/** Thrown when XML cannot be parsed; carries no content from the document. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
  constructor(readonly line: number) {
    super(
      line > 0
        ? `the XML is not well formed near line ${line}; fix or re-export the file`
        : 'the XML declares external entities or is not well formed; fix or re-export the file',
    );
  }
}

/** Thrown when elements nest deeper than `MAX_XML_DEPTH`. */
export class XmlTooDeepError extends Error {
  override readonly name = 'XmlTooDeepError';
  constructor() {
    super(`the XML nests elements deeper than ${MAX_XML_DEPTH} levels; flatten the document`);
  }
}

/**
 * Parses `text` into ordered nodes. Well-formedness is checked first because the parser
 * itself accepts unclosed tags silently, and a broken file must be reported, not half-read.
 * With `comments`, each comment is a node tagged `COMMENT_TAG`; otherwise comments are
 * dropped, as the readers of fixed formats (DOCX, XLSX parts) expect.
 */
export function parseXml(text: string, { comments = false } = {}): XmlNode[] {
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (verdict !== true) throw new XmlSyntaxError(verdict.err.line);
  try {
    return (comments ? keepingComments : parser).parse(text) as XmlNode[];
  } catch (error) {
    // The parser's own errors carry no line; the two it raises here are depth and DOCTYPE.
    if (error instanceof Error && /nested/i.test(error.message)) throw new XmlTooDeepError();
    throw new XmlSyntaxError(0);
  }
}

/** The element name of a node, or `#text` for text. */
export function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return '';
}

/** The child nodes of an element, comments left out; none for text. */
export function childrenOf(node: XmlNode): XmlNode[] {
  const content = contentOf(node);
  // Most trees hold no comments (they are kept only when asked for): no copy for them.
  return content.some(isComment) ? content.filter((child) => !isComment(child)) : content;
}

function isComment(node: XmlNode): boolean {
  return COMMENT_TAG in node;
}

/** The child nodes of an element, comments included when they were kept. */
export function contentOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** The attributes of an element, without the `@_` prefix. */
export function attrsOf(node: XmlNode): Record<string, string> {
  const raw = node[':@'] as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  if (raw === undefined) return out;
  for (const [key, value] of Object.entries(raw)) out[key.slice(2)] = String(value);
  return out;
}

/** The text of a text node, or undefined for an element. */
export function textOf(node: XmlNode): string | undefined {
  const value = node['#text'];
  return value === undefined ? undefined : String(value);
}

/** The first child element named `tag`. */
export function child(node: XmlNode, tag: string): XmlNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

/** Every child element named `tag`. */
export function childrenNamed(node: XmlNode, tag: string): XmlNode[] {
  return childrenOf(node).filter((c) => tagOf(c) === tag);
}

/** All text inside a node, in document order, joined without separators. */
export function innerText(node: XmlNode): string {
  const own = textOf(node);
  if (own !== undefined) return own;
  return childrenOf(node).map(innerText).join('');
}

/** What `textLines` leaves out. */
export interface TextLineFilter {
  /** Attributes whose values are not text; namespace declarations are always left out. */
  readonly skipAttribute?: (name: string) => boolean;
  /** Elements whose content is not read (their attributes still are). */
  readonly skipContent?: (attributes: Record<string, string>) => boolean;
}

/**
 * Every text node and attribute value below `nodes` in document order, attributes as
 * `name: value`, comments included when they were kept.
 */
export function textLines(nodes: readonly XmlNode[], filter: TextLineFilter = {}): string[] {
  const lines: string[] = [];
  const visit = (level: readonly XmlNode[]) => {
    for (const node of level) {
      const text = textOf(node);
      if (text !== undefined) {
        if (text.trim() !== '') lines.push(text.trim());
        continue;
      }
      const attributes = attrsOf(node);
      for (const [name, value] of Object.entries(attributes)) {
        if (name.startsWith('xmlns') || filter.skipAttribute?.(name) === true) continue;
        if (value.trim() !== '') lines.push(`${name}: ${value}`);
      }
      if (filter.skipContent?.(attributes) !== true) visit(contentOf(node));
    }
  };
  visit(nodes);
  return lines;
}

/** Visits every element below `nodes` depth first, with the path of element names. */
export function walk(
  nodes: readonly XmlNode[],
  visit: (node: XmlNode, path: readonly string[]) => void,
  path: readonly string[] = [],
): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text' || tag.startsWith('?')) continue;
    const here = [...path, tag];
    visit(node, here);
    walk(childrenOf(node), visit, here);
  }
}

/** The unscannable reason for an XML failure, or undefined for any other error. */
export function xmlFailure(
  error: unknown,
): { reason: 'malformed' | 'too_deep'; detail: string } | undefined {
  if (error instanceof XmlTooDeepError) {
    return { reason: 'too_deep', detail: `elements nest deeper than ${MAX_XML_DEPTH} levels` };
  }
  if (error instanceof XmlSyntaxError)
    return { reason: 'malformed', detail: 'the XML is not well formed' };
  return undefined;
}
