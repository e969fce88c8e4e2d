import { isWordCode } from '../text/word-code.js';
import { contextKey } from './context-words.js';

/** A context word or phrase found in a text. */
export interface PhraseSighting {
  /** The phrase in context-key form ("badge no"). */
  readonly key: string;
  /** Number of the text's word it starts at, counting every word of the text. */
  readonly word: number;
  /** How many words of the text it covers. */
  readonly words: number;
  /** Where it starts and ends in the text. */
  readonly start: number;
  readonly end: number;
}

/** Word by word: the phrases that go on with a word, and the one that ends there. */
interface PhraseNode {
  readonly next: Map<string, PhraseNode>;
  key?: string;
}

/** A phrase being read: the node reached and where its first word was. */
interface OpenPhrase {
  readonly node: PhraseNode;
  readonly word: number;
  readonly start: number;
}

const NONE_OPEN: readonly OpenPhrase[] = [];

/** Adds a lower-cased ASCII character to a running word hash. */
function hashStep(hash: number, code: number): number {
  const lower = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  return (Math.imul(hash, 31) + lower) | 0;
}

function hashOf(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}

/**
 * Every context word and phrase of every detector of a scanner, as a tree of words. One
 * pass over a text finds all of them at once (`index`), so each match then looks its
 * context up among the few phrases near it instead of reading its window again for every
 * detector.
 *
 * Most words of a text are in no phrase. The pass hashes each word as it reads it and cuts
 * it out of the text only when the hash is one of a vocabulary word, so the rest cost no
 * string; a word with a character outside ASCII is always cut out and looked up.
 */
export class ContextVocabulary {
  private readonly root = new Map<string, PhraseNode>();
  /** Hashes of the vocabulary's ASCII words (see `hashStep`). */
  private readonly wordHashes = new Set<number>();

  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      if (key === '') continue;
      let level = this.root;
      let node: PhraseNode | undefined;
      for (const word of key.split(' ')) {
        this.wordHashes.add(hashOf(word));
        node = level.get(word);
        if (!node) {
          node = { next: new Map() };
          level.set(word, node);
        }
        level = node.next;
      }
      node!.key = key;
    }
  }

  /** The vocabulary of these context words, in any form (`SS#`, `D.O.B.`). */
  static of(words: Iterable<string>): ContextVocabulary {
    return new ContextVocabulary([...words].map(contextKey));
  }

  /** Finds every phrase of the vocabulary in `text`, in one pass over its words. */
  index(text: string): ContextIndex {
    const sightings: PhraseSighting[] = [];
    let open = NONE_OPEN;
    let word = -1;
    let i = 0;
    while (i < text.length) {
      if (!isWordCode(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0;
      let ascii = true;
      for (; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (!isWordCode(code)) break;
        if (code >= 0x80) ascii = false;
        else hash = hashStep(hash, code);
      }
      word++;
      const key =
        ascii && !this.wordHashes.has(hash) ? undefined : text.slice(start, i).toLowerCase();
      open = key === undefined ? NONE_OPEN : this.advance(open, key, word, start, i, sightings);
    }
    sightings.sort((a, b) => a.word - b.word || b.words - a.words);
    return new ContextIndex(sightings);
  }

  /** Reads word `key` (number `word`, at [start, end)) into the phrases open before it. */
  private advance(
    open: readonly OpenPhrase[],
    key: string,
    word: number,
    start: number,
    end: number,
    sightings: PhraseSighting[],
  ): readonly OpenPhrase[] {
    const next: OpenPhrase[] = [];
    for (const phrase of open) {
      const node = phrase.node.next.get(key);
      if (node) next.push({ node, word: phrase.word, start: phrase.start });
    }
    const first = this.root.get(key);
    if (first) next.push({ node: first, word, start });
    // A phrase is sighted when the word just read ends it.
    for (const phrase of next) {
      const { key: phraseKey } = phrase.node;
      if (phraseKey === undefined) continue;
      const words = word - phrase.word + 1;
      sightings.push({ key: phraseKey, word: phrase.word, words, start: phrase.start, end });
    }
    return next.length > 0 ? next : NONE_OPEN;
  }
}

/**
 * The context phrases of one text, ordered by the word they start at and, at one word,
 * longest first. A word is a run of letters and digits (`isWordCode`), compared in lower
 * case.
 */
export class ContextIndex {
  constructor(readonly sightings: readonly PhraseSighting[]) {}

  /** The number of the first sighting that starts at or after `position`. */
  firstFrom(position: number): number {
    const sightings = this.sightings;
    let low = 0;
    let high = sightings.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sightings[mid]!.start < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
