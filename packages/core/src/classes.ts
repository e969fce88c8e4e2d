/**
 * The classes a finding can belong to.
 *
 * The identifier classes follow the eighteen HIPAA Safe Harbor identifiers of
 * 45 CFR 164.514(b)(2)(i), named the way compliance reports name them. The clinical classes
 * are the health information that turns an identifier into PHI.
 */
export const SAFE_HARBOR_CLASSES = [
  'name',
  'location',
  'date',
  'age',
  'phone',
  'fax',
  'email',
  'ssn',
  'mrn',
  'health_plan_id',
  'account_number',
  'license_number',
  'vehicle_id',
  'device_id',
  'url',
  'ip_address',
  'biometric_id',
  'other_id',
] as const;

/** Health information signals: codes from official code sets and clinical vocabulary. */
export const CLINICAL_CLASSES = [
  'diagnosis_code',
  'procedure_code',
  'drug_code',
  'lab_code',
  'clinical_term',
] as const;

export type SafeHarborClass = (typeof SAFE_HARBOR_CLASSES)[number];
export type ClinicalClass = (typeof CLINICAL_CLASSES)[number];
export type FindingClass = SafeHarborClass | ClinicalClass;

export const FINDING_CLASSES: readonly FindingClass[] = [
  ...SAFE_HARBOR_CLASSES,
  ...CLINICAL_CLASSES,
];

const clinical = new Set<string>(CLINICAL_CLASSES);

/** True for the classes that carry health information rather than identify a person. */
export function isClinicalClass(cls: FindingClass): cls is ClinicalClass {
  return clinical.has(cls);
}

/** The role a date plays, when the words around it show one. */
export const DATE_ROLES = ['birth', 'service', 'admission', 'discharge', 'death'] as const;
export type DateRole = (typeof DATE_ROLES)[number];
