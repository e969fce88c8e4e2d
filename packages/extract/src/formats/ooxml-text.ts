import { childrenOf, tagOf, textOf, type XmlNode } from './xml-tree.js';

/**
 * The visible text of WordprocessingML or SpreadsheetML nodes: text runs (`t`), deleted
 * runs (`delText`), tabs and breaks, a line per paragraph. Field instructions (`instrText`)
 * and phonetic guides are left out: they are not text a reader sees.
 */
export function xmlPartsText(nodes: readonly XmlNode[]): string {
  const out: string[] = [];
  const visit = (list: readonly XmlNode[], inText: boolean) => {
    for (const node of list) {
      const text = textOf(node);
      if (text !== undefined) {
        if (inText) out.push(text);
        continue;
      }
      const tag = tagOf(node);
      if (tag === 'instrText' || tag === 'rPh') continue;
      if (tag === 'tab') out.push('\t');
      else if (tag === 'br' || tag === 'cr') out.push('\n');
      visit(childrenOf(node), tag === 't' || tag === 'delText');
      if (tag === 'p') out.push('\n');
    }
  };
  visit(nodes, false);
  return out.join('');
}
