import type { DetectorDefinition } from '../../detector/types.js';
import { vocabularyTerms } from './codesets.js';
import { TermAutomaton, termCandidates } from './vocabulary.js';

let automaton: TermAutomaton | undefined;

/** The shared automaton, built on first use from the shipped vocabulary. */
export function clinicalVocabulary(): TermAutomaton {
  automaton ??= new TermAutomaton(vocabularyTerms());
  return automaton;
}

export const clinicalTerm: DetectorDefinition = {
  id: 'clinical_term',
  class: 'clinical_term',
  authority: 'CMS',
  summary:
    'Names of conditions, procedures, lab tests and drugs (type 2 diabetes mellitus, ' +
    'cholecystectomy, adalimumab), from ICD-10-CM and HCPCS titles, whole words in any case.',
  limitations:
    'About 6,000 terms: brand names, abbreviations other than a few (COPD, HIV, ADHD), ' +
    'misspellings and conditions named in other words than the code titles are missed; ' +
    'the CMS lists hold no lab vocabulary, so lab tests are a short hand-picked list.',
  patterns: [],
  find: (text) => termCandidates(clinicalVocabulary(), text),
  context: [
    {
      words: [
        'diagnosed',
        'diagnosed with',
        'diagnosis',
        'dx',
        'history of',
        'hx',
        'h o',
        'patient',
        'pt',
        'presents with',
        'presented with',
        'suffers from',
        'treated for',
        'treatment for',
        'c o',
        'complains of',
        'admitted',
        'admitted for',
        'positive for',
        'prescribed',
        'rx',
        'mg',
        'started on',
        'medications',
        'allergies',
        'assessment',
        'problem list',
        'underwent',
        'scheduled for',
        's p',
        'status post',
        'post op',
        'pmh',
      ],
      effect: 'raise',
      weight: 0.3,
    },
    {
      words: [
        'awareness',
        'research',
        'foundation',
        'society',
        'association',
        'cure',
        'cures',
        'prevent',
        'prevention',
        'study',
        'studies',
        'walk',
        'charity',
        'donate',
        'natural',
        'remedy',
        'supplement',
        'miracle',
      ],
      effect: 'lower',
      weight: 0.2,
    },
  ],
  window: { before: 60, after: 40 },
  samples: {
    positive: [
      { text: 'Patient has type 2 diabetes mellitus.', value: 'type 2 diabetes mellitus' },
      { text: 'History of ACUTE MYOCARDIAL INFARCTION', value: 'ACUTE MYOCARDIAL INFARCTION' },
      { text: 'She underwent a cholecystectomy last May', value: 'cholecystectomy' },
      { text: 'Started on adalimumab 40 mg', value: 'adalimumab', why: 'drug name from HCPCS' },
      { text: 'dx: schizophrenia', value: 'schizophrenia', why: 'one-word category title' },
      {
        text: 'chronic kidney\ndisease stage 3',
        value: 'chronic kidney\ndisease',
        why: 'line break',
      },
      { text: "Known Parkinson's disease", value: "Parkinson's disease" },
      {
        text: 'Positive for Crohn\u2019s disease',
        value: 'Crohn\u2019s disease',
        why: 'curly quote',
      },
      { text: 'HbA1c today; lipid panel next week', value: 'lipid panel', why: 'lab term' },
      { text: 'Pt with COPD exacerbation', value: 'COPD', why: 'common abbreviation' },
      { text: 'Colonoscopy scheduled for Tuesday', value: 'Colonoscopy', why: 'procedure word' },
    ],
    negative: [
      { text: 'Other specified disorders, unspecified site', why: 'classification words only' },
      { text: 'The plague of spam continues', why: 'figurative disease word' },
      { text: 'Our earthquake kit ships free', why: 'an external cause, not a condition' },
      { text: 'That bug was a real headache', why: 'figurative symptom' },
      { text: 'He made the playoffs', why: 'no term' },
      { text: 'Hyperlinks and asthmatics-only forums', why: 'term inside a longer word' },
      { text: 'Buy the natural cure for asthma today', why: 'a remedy advertisement, lowered' },
      { text: 'Smoke on the water, fire in the sky', why: 'everyday words' },
      { text: 'The patient, a left-handed pitcher', why: 'no condition' },
      { text: 'Join our breast cancer awareness walk', why: 'a campaign, lowered' },
      { text: 'Our new blood drive starts Monday', why: 'blood is not a condition' },
      {
        text: 'Holding a public office seems to be introducing brain \ndeath more frequently',
        why: 'figurative (SpamAssassin easy_ham)',
      },
      {
        text: '<a href="http://www.structurise.com/kleptomania">',
        why: 'a word of a link (SpamAssassin hard_ham)',
      },
      { text: 'called Linux "a cancer" (Microsoft)', why: 'figurative (SpamAssassin hard_ham)' },
    ],
  },
};
