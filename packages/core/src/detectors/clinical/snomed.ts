import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { verhoeffValid } from '../../validate/checksums.js';
import { standsAlone } from '../../validate/standalone.js';
import { contextHint, NOT_CLINICAL } from './context.js';

/**
 * SNOMED CT identifiers are 6 to 18 digits: an item id, a two-digit partition and a
 * Verhoeff check digit. Concepts use partition 00 (international) or 10 (an extension's
 * namespace); descriptions (01, 11) and relationships (02, 12) are not concepts.
 */
export function isSnomedConceptId(value: string): boolean {
  if (!/^[1-9]\d{5,17}$/.test(value)) return false;
  const partition = value.slice(-3, -1);
  return (partition === '00' || partition === '10') && verhoeffValid(value);
}

const WINDOW = { before: 60, after: 80 } as const;

/** A fragment of every raise word below: see `contextHint`. */
const hintNear = contextHint(/snomed|sct|concept|113883/i, WINDOW);

function verdict(value: string, facts: MatchFacts): boolean {
  if (!hintNear(facts.text, facts.start, facts.end)) return false;
  return standsAlone(facts) && isSnomedConceptId(value);
}

/** The first digit, then stars: ids are long enough that the tail could identify a record. */
function maskConcept(value: string): string {
  return value[0] + '*'.repeat(value.length - 1);
}

/**
 * SNOMED CT concepts name disorders, findings, procedures, substances and body parts alike,
 * so a concept id is reported as `clinical_term`, not as a diagnosis.
 */
export const snomed: DetectorDefinition = {
  id: 'snomed',
  class: 'clinical_term',
  authority: 'SNOMED International',
  summary:
    'SNOMED CT concept ids (44054006, 38341003) with a valid Verhoeff check digit and a ' +
    'concept partition, next to a SNOMED word.',
  limitations:
    'No SNOMED CT release is shipped (it is licensed), so a well-formed id counts when the ' +
    'context says SNOMED; description and relationship ids are not reported.',
  patterns: [
    {
      name: 'concept',
      regex: '\\b(?P<value>[1-9]\\d{5,17})\\b',
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  validate: verdict,
  mask: maskConcept,
  context: [
    {
      words: [
        'snomed',
        'snomed ct',
        'snomedct',
        'sct',
        'sctid',
        'concept id',
        'conceptid',
        '2.16.840.1.113883.6.96',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    NOT_CLINICAL,
  ],
  window: WINDOW,
  samples: {
    positive: [
      { text: 'SNOMED CT 44054006 diabetes type 2', value: '44054006' },
      { text: 'snomed: 38341003 hypertensive disorder', value: '38341003' },
      { text: 'SCTID 22298006', value: '22298006', why: 'myocardial infarction' },
      { text: 'concept id 195967001 asthma', value: '195967001' },
      { text: 'SNOMED 73211009', value: '73211009' },
      { text: 'SNOMED CT: 233604007 pneumonia', value: '233604007' },
      { text: 'snomed 271737000 anemia', value: '271737000' },
      {
        text: '<code code="59621000" codeSystem="2.16.840.1.113883.6.96"/>',
        value: '59621000',
        why: 'SNOMED code-system id',
      },
      { text: 'SNOMED 840539006 (COVID-19)', value: '840539006' },
      { text: 'SNOMED codes 73211009, 46635009', value: '46635009', why: 'second of a list' },
    ],
    negative: [
      { text: 'SNOMED 44054007', why: 'wrong check digit' },
      { text: 'Invoice 44054006 paid', why: 'no SNOMED word' },
      { text: 'SNOMED 12345', why: 'too short' },
      { text: 'SNOMED 0044054006', why: 'leading zero' },
      {
        text: 'SNOMED description 197761014',
        why: 'valid check digit, partition 01 is a description',
      },
      { text: 'SNOMED 440540061234567890123', why: 'too long' },
      { text: 'SNOMED 44054006-2', why: 'part of a longer number' },
      { text: 'order 38341003 near the SNOMED desk', why: 'an order number, lowered' },
      { text: 'SNOMED 123456789010', why: 'valid check digit, partition 01' },
      { text: 'snomed tel 22298006', why: 'a phone label' },
    ],
  },
};
