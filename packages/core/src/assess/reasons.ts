/**
 * Why a verdict came out as it did. Codes are data: callers and tests compare them, and
 * wording for people is rendered elsewhere from one template per code.
 */
export const ASSESSMENT_REASONS = [
  /** A record identifier (SSN, MRN, plan id...) occurs with health information. */
  'record_identifier_with_health_information',
  /** A name, an age or a dated event of a person occurs with a code, or near clinical terms. */
  'personal_identifier_with_health_information',
  /**
   * A name occurs near the date of a visit, an admission, a discharge or a death: it says
   * the person was given care then, which is health information by itself.
   */
  'name_with_date_of_care',
  /** Contact details occur near a clinical code. */
  'contact_near_coded_health_information',
  /** An identifier and a clinical signal lie within the near distance of each other. */
  'identifier_near_health_information',
  'no_health_information',
  /** Health information, but no identifier of any class at medium confidence or above. */
  'health_information_without_identifier',
  /** Identifiers and health information occur, but too weakly or too far apart to be PHI. */
  'identifier_not_tied_to_health_information',
] as const;

export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];
