import { Tokenizer } from 'htmlparser2';
import { areaOf, charsetOf, decodeText } from './text.js';
import type { FileExtractor, Region } from './types.js';

/**
 * HTML to text, for scanning rather than display. Everything a reader of the message or of
 * its source could see is kept: text hidden by styling (`display:none`, a zero font size,
 * white on white) is read like any other text, because hiding is how PHI slips past a
 * reviewer. Attribute text that mail clients show (alt, title) or that carries data (link
 * targets, form values, `data-` attributes, meta content) is kept too, and so are comments.
 *
 * Script and style bodies are skipped: mail clients do not run scripts, and CSS and code
 * are dense with digit runs (colours, sizes, hashes) that look like identifiers. A script
 * typed as JSON is data, not code, and is read, and so are the strings a style sheet shows
 * through `content`.
 */

/** Elements that end a line of text when rendered. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'title',
  'option',
  'textarea',
  'caption',
]);

/** Cells are separated by a tab, so a label cell and its value cell stay on one line. */
const CELL_TAGS = new Set(['td', 'th']);

/** Attributes whose values are read as text. */
const TEXT_ATTRIBUTES = [
  'alt',
  'title',
  'aria-label',
  'placeholder',
  'value',
  'summary',
  'label',
  'content',
];

/** Link attributes: their targets can carry PHI (`tel:`, `mailto:`, query strings). */
const LINK_ATTRIBUTES = ['href', 'src', 'action'];

/** A `content` declaration's quoted string, escapes included. */
const CSS_CONTENT = /\bcontent\s*:\s*(?:"((?:\\[\s\S]|[^"\\])*)"|'((?:\\[\s\S]|[^'\\])*)')/gi;

/**
 * The strings a style sheet shows through `content` (`p::before { content: "..." }`),
 * with CSS escapes undone: mail clients that render embedded styles show them as text.
 */
function cssContentStrings(css: string): string[] {
  const found: string[] = [];
  for (const match of css.matchAll(CSS_CONTENT)) {
    const raw = match[1] ?? match[2] ?? '';
    const text = raw
      .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex: string) =>
        codePointText(Number.parseInt(hex, 16)),
      )
      .replace(/\\\n/g, '')
      .replace(/\\(.)/g, '$1')
      .trim();
    if (text !== '') found.push(text);
  }
  return found;
}

function codePointText(point: number): string {
  return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
}

/** The text of an HTML document, with a region per comment located `#comment=N`. */
export interface HtmlText {
  readonly text: string;
  /** Offsets of each comment's text inside `text`, in document order. */
  readonly comments: readonly { start: number; end: number }[];
}

/**
 * Converts HTML to text; see the module comment for what is kept. Never throws.
 *
 * It runs on htmlparser2's tokenizer rather than its parser: the parser keeps a stack of
 * open elements that costs time in proportion to its depth at every tag, so 100,000
 * unclosed `<div>`s take seconds. Nothing here needs the tree, so the work stays linear.
 */
export function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  const comments: { start: number; end: number }[] = [];
  let length = 0;
  let skipping = false;
  let tag = '';
  let attributes: Record<string, string> = {};
  let attribute = '';
  let value = '';
  let style: string[] = [];

  const emit = (text: string) => {
    if (text === '') return;
    parts.push(text);
    length += text.length;
  };
  const emitStyleContent = () => {
    for (const text of cssContentStrings(style.join(''))) {
      breakLine();
      emit(text);
      breakLine();
    }
    style = [];
  };
  const breakLine = () => {
    if (parts.length > 0 && !parts[parts.length - 1]?.endsWith('\n')) emit('\n');
  };
  const openTag = () => {
    if (tag === 'style' || (tag === 'script' && !/json/i.test(attributes.type ?? '')))
      skipping = true;
    if (BLOCK_TAGS.has(tag)) breakLine();
    if (CELL_TAGS.has(tag)) emit('\t');
    for (const key of TEXT_ATTRIBUTES) {
      const text = attributes[key]?.trim();
      if (text) emit(` ${text} `);
    }
    // `data-` attributes are never shown; they are where a page keeps values for scripts.
    for (const [key, text] of Object.entries(attributes)) {
      if (key.startsWith('data-') && text.trim() !== '') emit(` ${text.trim()} `);
    }
    for (const key of LINK_ATTRIBUTES) {
      const text = attributes[key]?.trim();
      if (text && !/^(?:#|cid:|data:)/i.test(text)) emit(` ${text} `);
    }
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        attributes = {};
      },
      onattribname(start, end) {
        attribute = html.slice(start, end).toLowerCase();
        value = '';
      },
      onattribdata(start, end) {
        value += html.slice(start, end);
      },
      onattribentity(codepoint) {
        value += String.fromCodePoint(codepoint);
      },
      onattribend() {
        attributes[attribute] = value;
      },
      onopentagend: openTag,
      onselfclosingtag: openTag,
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (name === 'style') emitStyleContent();
        if (name === 'script' || name === 'style') skipping = false;
        if (BLOCK_TAGS.has(name)) breakLine();
      },
      ontext(start, end) {
        if (!skipping) emit(html.slice(start, end));
        else if (tag === 'style') style.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (!skipping) emit(String.fromCodePoint(codepoint));
      },
      oncomment(start, end, offset) {
        breakLine();
        const at = length;
        emit(html.slice(start, end - offset));
        comments.push({ start: at, end: length });
        breakLine();
      },
      oncdata(start, end, offset) {
        emit(html.slice(start, end - offset));
      },
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  try {
    tokenizer.write(html);
    tokenizer.end();
    // A style element left open runs to the end of the document.
    emitStyleContent();
  } catch {
    // The tokenizer accepts any string; this only guards against a bug deep inside it.
    // What was gathered so far is kept, and the raw HTML is appended so nothing is lost.
    emit(`\n${html}`);
  }
  return { text: parts.join(''), comments };
}

/** Builds the regions of an HTML segment: one per comment, located `LOCATION#comment=N`. */
export function commentRegions(location: string, comments: HtmlText['comments']): Region[] {
  return comments.map((c, i) => ({
    start: c.start,
    end: c.end,
    location: `${location}#comment=${i + 1}`,
  }));
}

/** Reads an HTML file or part as one segment. */
export const htmlExtractor: FileExtractor = {
  types: ['html'],
  async extract(file, context) {
    const { text, comments } = htmlToText(decodeText(file.bytes, charsetOf(file.declaredType)));
    if (text.trim() === '') return;
    context.addSegment({
      location: file.location,
      area: areaOf(file.location),
      text,
      regions: commentRegions(file.location, comments),
      via: 'html',
    });
  },
};
