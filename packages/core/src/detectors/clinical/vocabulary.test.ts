import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicalVocabulary } from './clinical-term.js';
import { vocabularyTerms } from './codesets.js';
import { TermAutomaton, type TermMatch } from './vocabulary.js';

const small = new TermAutomaton([
  { term: 'diabetes', kind: 'diagnosis' },
  { term: 'diabetes mellitus', kind: 'diagnosis' },
  { term: 'type 2 diabetes mellitus', kind: 'diagnosis' },
  { term: 'colonoscopy', kind: 'procedure' },
  { term: "parkinson's disease", kind: 'diagnosis' },
]);

function spans(automaton: TermAutomaton, text: string): string[] {
  return [...automaton.matches(text)].map((m: TermMatch) => text.slice(m.start, m.end));
}

describe('TermAutomaton', () => {
  it('keeps the longest term at a word start', () => {
    expect(spans(small, 'known type 2 diabetes mellitus.')).toEqual(['type 2 diabetes mellitus']);
  });

  it('falls back to a shorter term when a longer one breaks off', () => {
    expect(spans(small, 'diabetes mellitusX and diabetes')).toEqual(['diabetes', 'diabetes']);
  });

  it('matches whole words only', () => {
    expect(spans(small, 'prediabetes diabetesfree colonoscopy2')).toEqual([]);
  });

  it('skips terms joined into links, paths and identifiers', () => {
    const text = 'see example.com/colonoscopy, diabetes.org, pre-diabetes and diabetes_2';
    expect(spans(small, text)).toEqual([]);
    expect(spans(small, 'Dx: diabetes. Then colonoscopy-')).toEqual(['diabetes', 'colonoscopy']);
  });

  it('ignores case and reads runs of blanks and line breaks as one space', () => {
    expect(spans(small, 'DIABETES\r\n   Mellitus')).toEqual(['DIABETES\r\n   Mellitus']);
  });

  it('reads a curly apostrophe as a straight one', () => {
    expect(spans(small, 'Parkinson\u2019s disease')).toEqual(['Parkinson\u2019s disease']);
  });

  it('reports the kind and the number of words', () => {
    const [match] = small.matches('a colonoscopy');
    expect(match).toEqual({ start: 2, end: 13, kind: 'procedure', words: 1 });
  });

  it('refuses terms outside ASCII', () => {
    expect(() => new TermAutomaton([{ term: 'sjögren', kind: 'diagnosis' }])).toThrow(RangeError);
  });

  it('finds any shipped term wherever it stands between other words', () => {
    const terms = vocabularyTerms();
    const automaton = clinicalVocabulary();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: terms.length - 1 }),
        fc.constantFrom('', 'Re: ', 'the ', '(', '\n'),
        fc.constantFrom('', '.', ' today', ')', ', then'),
        (index, before, after) => {
          const { term } = terms[index]!;
          const text = `${before}${term.toUpperCase()}${after}`;
          const found = [...automaton.matches(text)];
          // A longer term may start at the same place; one must start where the term does.
          expect(
            found.some((m) => m.start === before.length && m.end >= before.length + term.length),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds no generic words of the classification as terms', () => {
    const automaton = clinicalVocabulary();
    const text = 'other unspecified left right site part encounter initial disease disorder pain';
    expect([...automaton.matches(text)]).toEqual([]);
  });
});
