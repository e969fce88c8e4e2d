/**
 * Chooses the clinical vocabulary from code-set descriptions. The aim is words and phrases
 * that name a condition, a procedure or a drug in running text and mean little else:
 * "type 2 diabetes mellitus", "cholecystectomy", "adalimumab". Generic words of the
 * classification ("other", "unspecified", "left", "site") never make a term.
 */

/** What a term names; the detector reports all of them as `clinical_term`. */
export type TermKind = 'diagnosis' | 'procedure' | 'lab' | 'medication';

export interface Term {
  readonly term: string;
  readonly kind: TermKind;
  readonly words: number;
}

interface Described {
  readonly code: string;
  readonly description: string;
}

/** Words of the classification itself: a phrase holding one is a code title, not a term. */
const CLASSIFICATION_WORDS = new Set([
  'other',
  'others',
  'unspecified',
  'specified',
  'left',
  'right',
  'bilateral',
  'unilateral',
  'sequela',
  'sequelae',
  'encounter',
  'initial',
  'subsequent',
  'site',
  'sites',
  'part',
  'parts',
  'region',
  'classified',
  'elsewhere',
  'not',
  'nos',
  'without',
  'and',
  'or',
  'due',
  'following',
  'involving',
  'use',
  'type',
  'multiple',
  'single',
  'certain',
  'unknown',
  'stage',
  'degree',
  'trimester',
  'episode',
  'history',
  'status',
  'contact',
  'exposure',
  'screening',
]);

/**
 * Single words that name a condition in a code title but mostly mean something else in
 * mail, or say too little alone to count as health information.
 */
const AMBIGUOUS_WORDS = new Set([
  'earthquake',
  'flood',
  'terrorism',
  'plague',
  'cough',
  'headache',
  'heartburn',
  'sunburn',
  'fever',
  'pain',
  'injury',
  'fracture',
  'burn',
  'burns',
  'wound',
  'shock',
  'stress',
  'fatigue',
  'malaise',
  'nausea',
  'dizziness',
  'insomnia',
  'obesity',
  'depression',
  'anxiety',
  'delirium',
  'mania',
  'hysteria',
  'paranoia',
  'addiction',
  'dependence',
  'abuse',
  'poisoning',
  'bleeding',
  'hemorrhage',
  'disorder',
  'disorders',
  'disease',
  'diseases',
  'syndrome',
  'infection',
  'inflammation',
  'deformity',
  'lesion',
  'mass',
  'cyst',
  'ulcer',
  'hernia',
  'colic',
  'cramp',
  'cramps',
  'constipation',
  'diarrhea',
  'vomiting',
  'acne',
  'dandruff',
  'baldness',
  'alopecia',
  'snoring',
  'rickets',
  'scurvy',
  'blindness',
  'deafness',
  'pregnancy',
  'labor',
  'delivery',
  'abortion',
  'death',
  'starvation',
  'dehydration',
  'hypothermia',
  'asphyxiation',
  'drowning',
  'underweight',
  'overweight',
  'impotence',
  'infertility',
  'measles',
  'mumps',
  'rabies',
  'yaws',
  'myiasis',
  'absent',
  'blood',
  'endocrine',
  'excessive',
  'fissured',
  'freckles',
  'ganglion',
  'hypertonic',
  'lobulated',
  'sinus',
  'thoracic',
  'sedative',
  'infestation',
  'effusion',
  'adrenalin',
  'liposomal',
  'non-radioactive',
  'interferon',
  'sculptra',
  'radiesse',
]);

/**
 * Conditions as people name them in letters and notes, which the code titles word
 * differently ("malignant neoplasm of breast" is written "breast cancer"). Chosen by hand.
 */
const COMMON_DIAGNOSES = [
  'diabetes',
  'diabetes mellitus',
  'type 1 diabetes',
  'type 2 diabetes',
  'type 1 diabetes mellitus',
  'type 2 diabetes mellitus',
  'hypertension',
  'cancer',
  'breast cancer',
  'lung cancer',
  'prostate cancer',
  'colon cancer',
  'colorectal cancer',
  'pancreatic cancer',
  'ovarian cancer',
  'dementia',
  'copd',
  'chronic obstructive pulmonary disease',
  'hiv',
  'hiv infection',
  'autism',
  'autism spectrum disorder',
  'adhd',
  'multiple sclerosis',
  'multiple myeloma',
  'crohn disease',
  "crohn's disease",
  'ulcerative colitis',
  'atrial fibrillation',
  'congestive heart failure',
  'coronary artery disease',
  'sickle cell disease',
  'cystic fibrosis',
  'cerebral palsy',
  'end stage renal disease',
  'hepatitis c',
  'hepatitis b',
  'tuberculosis',
  'seizure disorder',
  'opioid use disorder',
  'alcohol use disorder',
  'substance use disorder',
  'major depression',
  'post-traumatic stress disorder',
  'ptsd',
];

/** Phrases of the code titles that mostly mean something else in mail. */
const AMBIGUOUS_PHRASES = new Set(['brain death', 'sudden death', 'personality change']);

/** Suffixes of procedure names: excision, incision, opening, repair, viewing, puncture. */
const PROCEDURE_SUFFIX =
  /(?:ectomy|otomy|ostomy|plasty|oscopy|centesis|pexy|rrhaphy|tripsy|desis)$/;

/** Lab tests named in running text, chosen by hand: the code sets hold no lab vocabulary. */
const LAB_TERMS = [
  'hemoglobin a1c',
  'hba1c',
  'glycated hemoglobin',
  'lipid panel',
  'complete blood count',
  'basic metabolic panel',
  'comprehensive metabolic panel',
  'thyroid stimulating hormone',
  'troponin',
  'creatinine clearance',
  'serum creatinine',
  'urinalysis',
  'urine culture',
  'blood culture',
  'prothrombin time',
  'partial thromboplastin time',
  'liver function tests',
  'arterial blood gas',
  'prostate specific antigen',
  'viral load',
  'cd4 count',
  'pap smear',
  'biopsy',
];

const WORD = /^[a-z][a-z'-]*$/;

/** Words of HCPCS drug titles that describe a form or a kind rather than name a drug. */
const NOT_DRUG_NAMES = new Set([
  'drug',
  'solution',
  'per',
  'for',
  'unclassified',
  'biosimilar',
  'immune',
  'globulin',
  'human',
  'vaccine',
  'not',
]);

/** A diagnosis phrase from a title head, or undefined when it is not a usable term. */
function diagnosisTerm(head: string): string | undefined {
  const phrase = head.toLowerCase().trim().replace(/\s+/g, ' ');
  if (/[^a-z0-9 '-]/.test(phrase)) return undefined;
  const words = phrase.split(' ');
  if (words.length > 5) return undefined;
  for (const [i, word] of words.entries()) {
    if (CLASSIFICATION_WORDS.has(word)) return undefined;
    // Digits only as in "type 2 diabetes mellitus", which CLASSIFICATION_WORDS keeps out;
    // "type 1"/"type 2" are allowed back below.
    if (!WORD.test(word) && !(/^[12]$/.test(word) && words[i - 1] === 'type')) return undefined;
  }
  if (words.length === 1) {
    const word = words[0]!;
    if (word.length < 5 || AMBIGUOUS_WORDS.has(word)) return undefined;
  }
  if (words[words.length - 1] === 'of' || words[words.length - 1] === 'with') return undefined;
  if (AMBIGUOUS_PHRASES.has(phrase)) return undefined;
  return phrase;
}

/** Drug names from HCPCS titles such as "Injection, adalimumab, 20 mg". */
function medicationTerm(description: string): string | undefined {
  const fields = description.split(',').map((f) => f.trim().toLowerCase());
  let name: string | undefined;
  if (/^injection$/.test(fields[0] ?? '')) name = fields[1];
  else if (/^injection /.test(fields[0] ?? '')) name = fields[0]!.slice('injection '.length);
  else if (fields[1] === 'oral') name = fields[0];
  if (!name) return undefined;
  const words = name.split(/\s+/);
  if (words.length > 2 || !words.every((w) => /^[a-z][a-z-]{3,}$/.test(w))) return undefined;
  if (words.some((w) => CLASSIFICATION_WORDS.has(w) || NOT_DRUG_NAMES.has(w))) {
    return undefined;
  }
  return name;
}

/**
 * The vocabulary: diagnosis terms from ICD-10-CM chapters 1 to 17 (chapters 18 to 22 are
 * symptoms, injuries, external causes and social factors, whose titles read like everyday
 * English), procedure words and drug names from both code sets, and the lab list above.
 */
export function extractTerms(icd10: readonly Described[], hcpcs: readonly Described[]): Term[] {
  const terms = new Map<string, TermKind>();
  const add = (term: string | undefined, kind: TermKind): void => {
    if (term && !terms.has(term)) terms.set(term, kind);
  };

  for (const { code, description } of icd10) {
    if (/^[R-Z]/.test(code)) continue;
    add(diagnosisTerm(description.split(',')[0]!), 'diagnosis');
  }
  for (const term of COMMON_DIAGNOSES) add(term, 'diagnosis');

  for (const { description } of [...icd10, ...hcpcs]) {
    for (const word of description.toLowerCase().split(/[^a-z-]+/)) {
      if (word.length >= 9 && PROCEDURE_SUFFIX.test(word)) add(word, 'procedure');
    }
  }
  for (const { description } of hcpcs) add(medicationTerm(description), 'medication');
  for (const term of LAB_TERMS) add(term, 'lab');

  return [...terms]
    .map(([term, kind]) => ({ term, kind, words: term.split(' ').length }))
    .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}
