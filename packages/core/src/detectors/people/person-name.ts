import type { DetectorDefinition } from '../../detector/types.js';
import { maskName } from '../../output/mask.js';
import { findNames } from './name-finder.js';

export const personName: DetectorDefinition = {
  id: 'person_name',
  class: 'name',
  authority: 'convention',
  summary:
    'Names of people: after a title, a label or a word for a relative, before a credential, ' +
    'under a letter closing, in fields on a line of their own ("Last: Vu", as spreadsheet ' +
    'rows are written out), a first name addressing the reader ("Sarah, your..."), a name ' +
    'right before "DOB" or "MRN", and first name plus surname or initial from the SSA and ' +
    'Census lists (accents ignored).',
  limitations:
    'A lone first name or surname with no title, label or relative word before it is not ' +
    'found, nor names outside the US lists written without such a word; a first name that is ' +
    'also a common word ("Mark", "Jean") needs a usual surname after it; in all-capital text ' +
    'a name needs both words listed or a title, so "WILL" or "HOPE" alone is never a name.',
  patterns: [
    {
      // Form labels; the finder covers the same ground with its lists, this catches names
      // the lists do not hold: "Patient name: Oluwaseun Adeyemi".
      name: 'label',
      regex:
        '(?:\\b[Pp]atient [Nn]ame|\\bPATIENT NAME|\\b[Pp]atient|\\bPATIENT|\\bName|\\bNAME)' +
        "[ \\t]*:[ \\t]*(?P<value>\\p{Lu}[\\p{Ll}'-]+(?:,? \\p{Lu}(?:[\\p{Ll}'-]+|\\.)){1,2}" +
        "|\\p{Lu}{2}[\\p{Lu}'-]*(?:,? \\p{Lu}[\\p{Lu}'-]*){1,2})\\b",
      confidence: 0.8,
    },
  ],
  find: findNames,
  mask: maskName,
  canonical: (value) =>
    value
      .toUpperCase()
      .replace(/[^\p{L}]+/gu, ' ')
      .trim(),
  context: [
    {
      // Eponyms and places named after people: "Graves disease", "Mary Smith Hospital".
      words: ['disease', 'syndrome', 'sign', 'test', 'street', 'avenue', 'hall', 'university'],
      effect: 'lower',
      weight: 0.3,
    },
  ],
  window: { before: 0, after: 12 },
  samples: {
    positive: [
      { text: 'Patient: John Smith, DOB on file', value: 'John Smith', why: 'label' },
      { text: 'Seen today by Dr. Okonkwo for follow-up.', value: 'Okonkwo', why: 'title' },
      { text: 'DR. SMITH AWARE OF K 3.1', value: 'SMITH', why: 'title in capitals' },
      {
        text: 'a 41-year-old woman, Nora T., seen last spring',
        value: 'Nora T.',
        why: 'first name and initial',
      },
      {
        text: 'Chart for Smith, John attached.',
        value: 'Smith, John',
        why: 'surname first, then a comma',
      },
      {
        text: 'Thanks for the help.\n\nSincerely,\nJane Doe\n',
        value: 'Jane Doe',
        why: 'signature under a closing',
      },
      {
        text: 'PT ANXIOUS. WIFE CAROL AT BEDSIDE',
        value: 'CAROL',
        why: 'relative word then a listed first name, capitals',
      },
      {
        text: 'social: son rob lives in town',
        value: 'rob',
        why: 'relative word in lower-case notes; rob is a verb elsewhere',
      },
      {
        text: 'I spoke with Ellen Marsh, who will meet the family.',
        value: 'Ellen Marsh',
        why: 'first name and listed surname',
      },
      {
        text: 'WALTER K. OSTROWSKI, RRT\n',
        value: 'WALTER K. OSTROWSKI',
        why: 'credential closes the name',
      },
      { text: "Mrs. Donnelly's speech is clearer", value: 'Donnelly', why: 'possessive' },
      {
        text: 'denise m. kowalczyk bsn/rn',
        value: 'denise m. kowalczyk',
        why: 'lower-case signature with credentials',
      },
      {
        text: 'Please ask patient Maria Garcia to bring her list.',
        value: 'Maria Garcia',
        why: 'unlabelled full name',
      },
    ],
    negative: [
      { text: 'WILL CONTINUE TO MONITOR. MAY NEED LASIX.', why: 'modals that are also names' },
      { text: 'We hope to grant the request in May.', why: 'lower-case common words' },
      { text: 'Mark the brown area with a pen.', why: 'verb and adjective, not names' },
      { text: 'The bill was paid on June 3.', why: 'month that is a first name' },
      { text: 'DR AWARE, NO NEW ORDERS', why: 'a title followed by a common word' },
      { text: 'Parkinson disease, stage 2', why: 'an eponym has no first name or title' },
      { text: 'Meeting at Main Street tomorrow', why: 'a street, not a person' },
      { text: 'Best regards to the whole team.', why: 'closing words inside a sentence' },
      { text: 'PT ALERT AND ORIENTED X3, SKIN WARM', why: 'shorthand in capitals' },
      { text: 'Rose and Young reported the findings.', why: 'surnames known as common words' },
      { text: 'Long Island traffic was heavy', why: 'a place starting with a common word' },
      { text: 'HR 80 SR, BP STABLE. NEURO INTACT.', why: 'abbreviations in capitals' },
    ],
  },
};
