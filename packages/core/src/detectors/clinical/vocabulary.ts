import type { FoundCandidate } from '../../detector/types.js';
import { isWordCode } from '../../text/word-code.js';
import type { TermKind, VocabularyTerm } from './codesets.js';

/** A term found in a text; `end` is exclusive. */
export interface TermMatch {
  readonly start: number;
  readonly end: number;
  readonly kind: TermKind;
  /** Words in the term: phrases are stronger evidence than single words. */
  readonly words: number;
}

const SPACE = 0x20;
/** Terms are ASCII, so an edge key is the node number times 128 plus the character. */
const ALPHABET = 0x80;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

/**
 * Characters that join words into a link, a path, an address or an identifier
 * (`example.com/kleptomania`, `pre-hiv`, `asthma_2`): a term touching one is not a word of
 * the prose around it.
 */
function isJoinerCode(code: number): boolean {
  return (
    code === 0x2f /* / */ ||
    code === 0x5f /* _ */ ||
    code === 0x40 /* @ */ ||
    code === 0x3d /* = */ ||
    code === 0x2d /* - */ ||
    code === 0x2e /* . */
  );
}

function isSpaceCode(code: number): boolean {
  return code === SPACE || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The code a text character is compared as: ASCII lower case, one apostrophe. */
function foldCode(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code === RIGHT_SINGLE_QUOTE) return APOSTROPHE;
  return code;
}

/**
 * Many thousands of terms, found in one left-to-right pass over a text.
 *
 * The terms live in one character trie, built with its edges as keys of a `Map` (node
 * number times 128 plus the character code) and then laid out flat: the children of node
 * `n` are `childCodes`/`childNodes` from `firstChild[n]` to `firstChild[n + 1]`. Most nodes
 * have one to three children, so a step reads a few neighbouring bytes; the `Map`, looked
 * up while the other finders fill the caches, was three times slower in a scan than alone.
 * Terms are ASCII: a text character outside ASCII ends a walk.
 *
 * Matching is whole-word, so a walk starts only where a word starts; from there it follows
 * the trie as far as the text allows, keeps the longest term that ends at a word boundary,
 * and resumes after it. That is the whole-word special case of Aho-Corasick: failure links
 * are never needed because a match can only begin at a word start. Runs of spaces and line
 * breaks in the text match one space in a term.
 */
export class TermAutomaton {
  /** The root's children by character, so the first step of every walk is an array read. */
  private readonly rootChildren = new Int32Array(ALPHABET);
  /** Per node, where its children start in `childCodes` and `childNodes`; one more at the end. */
  private readonly firstChild: Int32Array;
  private readonly childCodes: Uint8Array;
  private readonly childNodes: Int32Array;
  /** Per node: the index of the term ending there, or -1. */
  private readonly terminal: Int32Array;
  private readonly terms: readonly VocabularyTerm[];
  private readonly wordCounts: Uint8Array;

  constructor(terms: readonly VocabularyTerm[]) {
    this.terms = terms;
    this.wordCounts = new Uint8Array(terms.length);
    const edges = new Map<number, number>();
    const ends: number[] = [-1];
    let nodes = 1;
    terms.forEach(({ term }, index) => {
      let node = 0;
      for (let i = 0; i < term.length; i++) {
        const code = foldCode(term.charCodeAt(i));
        if (code >= ALPHABET) throw new RangeError(`vocabulary term ${index} is not ASCII`);
        const key = node * ALPHABET + code;
        let next = edges.get(key);
        if (next === undefined) {
          next = nodes++;
          edges.set(key, next);
          ends.push(-1);
        }
        node = next;
      }
      ends[node] = index;
      this.wordCounts[index] = term.split(' ').length;
    });
    this.terminal = Int32Array.from(ends);
    for (let code = 0; code < ALPHABET; code++) this.rootChildren[code] = edges.get(code) ?? 0;

    // Lay the edges out by parent: sorted keys put each node's children side by side.
    const keys = [...edges.keys()].sort((a, b) => a - b);
    this.firstChild = new Int32Array(nodes + 1);
    this.childCodes = new Uint8Array(keys.length);
    this.childNodes = new Int32Array(keys.length);
    keys.forEach((key, k) => {
      this.childCodes[k] = key % ALPHABET;
      this.childNodes[k] = edges.get(key)!;
      const parent = Math.floor(key / ALPHABET);
      this.firstChild[parent + 1] = this.firstChild[parent + 1]! + 1;
    });
    for (let node = 0; node < nodes; node++) {
      this.firstChild[node + 1] = this.firstChild[node + 1]! + this.firstChild[node]!;
    }
  }

  /** The child of `node` along character `code`, or 0 when there is none (0 is the root). */
  private childOf(node: number, code: number): number {
    if (node === 0) return this.rootChildren[code]!;
    const end = this.firstChild[node + 1]!;
    for (let k = this.firstChild[node]!; k < end; k++) {
      if (this.childCodes[k] === code) return this.childNodes[k]!;
    }
    return 0;
  }

  /** Number of terms held. */
  get size(): number {
    return this.terms.length;
  }

  /** Every longest whole-word term occurrence in `text`, left to right, not overlapping. */
  *matches(text: string): Generator<TermMatch> {
    const length = text.length;
    let previousIsWord = false;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      const isWord = isWordCode(code);
      if (!isWord || previousIsWord) {
        previousIsWord = isWord;
        continue;
      }
      const found =
        i > 0 && isJoinerCode(text.charCodeAt(i - 1)) ? undefined : this.longestAt(text, i);
      previousIsWord = true;
      if (found) {
        yield found;
        // Resume after the term: its end is a word boundary, so the next start is fresh.
        i = found.end - 1;
      }
    }
  }

  /** The longest term starting at `start` and ending at a word boundary. */
  private longestAt(text: string, start: number): TermMatch | undefined {
    let node = 0;
    let best = -1;
    let bestEnd = start;
    let i = start;
    while (i < text.length) {
      let code = text.charCodeAt(i);
      let next = i + 1;
      if (isSpaceCode(code)) {
        // A run of blanks and line breaks reads as one space.
        while (next < text.length && isSpaceCode(text.charCodeAt(next))) next++;
        code = SPACE;
      }
      code = foldCode(code);
      if (code >= ALPHABET) break;
      const child = this.childOf(node, code);
      if (child === 0) break;
      node = child;
      i = next;
      const term = this.terminal[node]!;
      if (term >= 0 && endsWord(text, i)) {
        best = term;
        bestEnd = i;
      }
    }
    if (best < 0) return undefined;
    return {
      start,
      end: bestEnd,
      kind: this.terms[best]!.kind,
      words: this.wordCounts[best]!,
    };
  }
}

/**
 * True when a term ending at `end` ends a word of prose: the text ends, or what follows is
 * neither a letter or digit nor a joiner. A full stop or hyphen ends a word when no letter
 * or digit follows it ("asthma." but not "asthma.org").
 */
function endsWord(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const code = text.charCodeAt(end);
  if (isWordCode(code)) return false;
  if (!isJoinerCode(code)) return true;
  if (code !== 0x2e && code !== 0x2d) return false;
  return end + 1 >= text.length || !isWordCode(text.charCodeAt(end + 1));
}

/** Confidence of a vocabulary match before context: phrases say more than single words. */
export const TERM_CONFIDENCE = { phrase: 0.55, word: 0.45 } as const;

/** Vocabulary matches as the scanner's candidates; the pattern name is the term kind. */
export function* termCandidates(automaton: TermAutomaton, text: string): Generator<FoundCandidate> {
  for (const match of automaton.matches(text)) {
    yield {
      start: match.start,
      end: match.end,
      confidence: match.words > 1 ? TERM_CONFIDENCE.phrase : TERM_CONFIDENCE.word,
      pattern: match.kind,
    };
  }
}
