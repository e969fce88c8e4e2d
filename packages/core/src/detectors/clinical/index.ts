import type { DetectorDefinition } from '../../detector/types.js';
import { clinicalTerm } from './clinical-term.js';
import { cpt } from './cpt.js';
import { hcpcs } from './hcpcs.js';
import { icd9cm } from './icd9cm.js';
import { icd10cm } from './icd10cm.js';
import { labValue } from './lab-value.js';
import { loinc } from './loinc.js';
import { ndc } from './ndc.js';
import { snomed } from './snomed.js';

/** Clinical codes and vocabulary: the health information that makes identifiers PHI. */
export const clinicalDetectors: readonly DetectorDefinition[] = [
  icd10cm,
  icd9cm,
  cpt,
  hcpcs,
  ndc,
  loinc,
  labValue,
  snomed,
  clinicalTerm,
];
