/**
 * The default pack a hospital can start from. Each rule is explained in docs/rules.md; a
 * policy takes it with `policy NAME extends hipaa-baseline` and may disable or override
 * any rule by id.
 */
export const HIPAA_BASELINE_SOURCE = `policy hipaa-baseline

# Many people's identifiers in one message is a breach in the making, whoever receives it.
rule bulk-ssn "Many Social Security numbers in one message"
  when count(distinct ssn) >= 10
  then block reason bulk_identifiers override with_justification

rule bulk-record-numbers "Many record, plan or account numbers in one message"
  when count(distinct mrn) >= 20
    or count(distinct health_plan_id) >= 20
    or count(distinct account_number) >= 50
  then block reason bulk_identifiers override with_justification

# Identifiers next to health information, leaving the organisation.
rule phi-external "PHI to external recipients"
  when phi and any recipient is external
  then encrypt end-to-end reason phi_to_external

# A subject line travels in clear even when the body is encrypted.
rule phi-in-subject "Identifiers or health information in the subject"
  when (ssn in subject or mrn in subject or health_plan_id in subject
        or health_information at high in subject)
    and any recipient is external
  then block reason phi_in_subject override with_justification

rule identifier-external "A government or financial identifier to external recipients"
  when (ssn or account_number or health_plan_id at high)
    and any recipient is external
  then encrypt transport reason identifier_to_external

# What could not be read is treated as if it held PHI: never allowed silently.
rule unscannable-content "Content that could not be read"
  when unscannable
  then quarantine reason unscannable_content override with_justification
`;
