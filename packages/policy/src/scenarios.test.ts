import { assess, createScanner, type LocatedFinding, type TextSegment } from '@phiguard/core';
import {
  type CompiledPolicy,
  loadPolicy,
  loadPolicyJson,
  PolicyError,
  scannerDetectors,
} from '@phiguard/rules';
import { describe, expect, it } from 'vitest';
import {
  type AttachmentFact,
  type Decision,
  decide,
  explainDecision,
  type MessageContext,
  type ScanInput,
  type UnscannablePart,
} from './index.js';

/**
 * Decisions on realistic messages. Each scan result comes from core's real scanner over
 * the message's text, so a scenario tests rules and detectors together; the expectations
 * are actions and the rules that fired, never English.
 */

const FINGERPRINT_KEY = 'scenario-fingerprint-key-0001';
const AUDIT_KEY = 'scenario-audit-key-000000000001';
const NOW = () => new Date('2026-12-03T20:00:00.000Z');

const BASELINE = `policy acme extends hipaa-baseline
internal domains "acme-health.example"`;

const POLICIES: Record<string, string> = {
  baseline: BASELINE,
  partners: `${BASELINE}
allow recipients "*@partner-lab.example"`,
  testPatients: `${BASELINE}
# Test patients live in the 99000000 range of the MRN system and are nobody.
allow values mrn matching "99[0-9]{6}"
allow values ssn "123-45-6780"`,
  audit: `policy trial extends hipaa-baseline
internal domains "acme-health.example"
mode audit`,
  unscannableEncrypted: `${BASELINE}
override rule unscannable-content
  when unscannable
  then encrypt end-to-end reason unscannable_content`,
  unscannableDisabled: `${BASELINE}
disable rule unscannable-content`,
  unscannableInternalOk: `${BASELINE}
disable rule unscannable-content
rule unsupported-internal "Unsupported file types between staff"
  when unscannable because unsupported_type and all recipients are internal
  then allow reason internal_unsupported_type`,
  proximity: `${BASELINE}
disable rule phi-external
rule record-near-diagnosis
  when mrn near diagnosis_code within 100 and any recipient is external
  then encrypt end-to-end reason record_near_diagnosis
rule name-before-code
  when name before diagnosis_code within 60
  then encrypt transport reason name_before_diagnosis mode audit`,
  context: `${BASELINE}
rule oversized when message size > 20 MB then quarantine reason oversized_message
rule archives-out
  when attachment type in [zip, "7z"] and any recipient is external
  then quarantine reason archive_to_external override with_justification
rule mass-mail
  when count(recipients) > 25 and identifier at high
  then block reason mass_mail_with_identifiers
rule outside-sender when sender is external and phi then allow reason inbound_phi`,
  badges: `${BASELINE}
detector employee_badge
  class other_id
  pattern "\\bEB-[0-9]{6}\\b" confidence 0.85
  context "badge"
rule badge-list
  when count(distinct employee_badge) >= 3 and any recipient is external
  then block reason badge_list_external`,
};

const compiled = new Map<string, CompiledPolicy>();
function policyNamed(name: string): CompiledPolicy {
  if (!compiled.has(name)) compiled.set(name, loadPolicy(POLICIES[name]!, { name: `${name}.phg` }));
  return compiled.get(name)!;
}

const scanners = new Map<string, ReturnType<typeof createScanner>>();
function scannerFor(name: string) {
  if (!scanners.has(name)) {
    scanners.set(
      name,
      createScanner({
        detectors: scannerDetectors(policyNamed(name)),
        fingerprintKey: FINGERPRINT_KEY,
      }),
    );
  }
  return scanners.get(name)!;
}

interface Scenario {
  readonly name: string;
  readonly policy?: string;
  readonly segments: readonly (TextSegment & { readonly area: string })[];
  readonly recipients: readonly string[];
  readonly sender?: string;
  readonly unscannable?: readonly UnscannablePart[];
  readonly attachments?: readonly AttachmentFact[];
  readonly size?: number;
  readonly expect: {
    readonly action: Decision['action'];
    readonly rules: readonly string[];
    readonly strength?: Decision['strength'];
    readonly mode?: Decision['mode'];
    readonly auditAction?: Decision['action'];
    readonly override?: Decision['override'];
  };
}

const subject = (text: string) => ({ location: 'subject', area: 'subject', text });
const body = (text: string) => ({ location: 'body:text', area: 'body', text });
const attachment = (index: number, name: string, text: string, fragment = '') => ({
  location: `attachment[${index}]:${name}${fragment}`,
  area: 'attachment',
  text,
});

const SURNAMES = ['Okafor', 'Nguyen', 'Schmidt', 'Alvarez', 'Kowalski', 'Haddad', 'Lindqvist'];

/** 500 distinct SSNs that pass the SSA's structural rules, as a spreadsheet export would. */
function ssnSheet(rows: number, distinct = rows): string {
  const lines = ['patient_id,last_name,ssn,plan'];
  for (let i = 0; i < rows; i++) {
    const n = i % distinct;
    const area = String(101 + ((n * 7) % 560)).padStart(3, '0');
    const group = String(10 + ((n * 13) % 89)).padStart(2, '0');
    const serial = String(1000 + ((n * 37) % 8999)).padStart(4, '0');
    lines.push(`${1000 + i},${SURNAMES[i % SURNAMES.length]},${area}-${group}-${serial},PPO`);
  }
  return lines.join('\n');
}

const REFERRAL =
  'Dear Dr. Okafor,\n\nI am referring Jane Doe (DOB 03/14/1961), MRN 00482913, for evaluation. ' +
  'Diagnosis: E11.9 type 2 diabetes mellitus without complications. Current A1c 8.1%.\n\n' +
  'Thank you,\nDr. Alan Chen, Acme Health Endocrinology';

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'a referral to an outside clinic is encrypted end to end',
    segments: [subject('Referral for endocrinology consult'), body(REFERRAL)],
    recipients: ['intake@northside-clinic.example'],
    sender: 'alan.chen@acme-health.example',
    expect: { action: 'encrypt', rules: ['phi-external'], strength: 'end-to-end' },
  },
  {
    name: 'the same referral between two internal departments is allowed',
    segments: [subject('Referral for endocrinology consult'), body(REFERRAL)],
    recipients: ['endo-intake@acme-health.example'],
    sender: 'alan.chen@acme-health.example',
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'a subdomain of an internal domain counts as internal',
    segments: [body(REFERRAL)],
    recipients: ['lab@labs.acme-health.example'],
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'one external address among internal ones makes the message external',
    segments: [body(REFERRAL)],
    recipients: ['endo@acme-health.example', 'jane.doe1961@mailbox.example'],
    expect: { action: 'encrypt', rules: ['phi-external'], strength: 'end-to-end' },
  },
  {
    name: 'lab results sent to the patient at a personal address are encrypted',
    segments: [
      subject('Your recent lab results'),
      body(
        'Hello Maria Gonzalez,\n\nYour results from 11/28/2026 are ready. Hemoglobin A1c ' +
          '(LOINC 4548-4) 7.2%, fasting glucose 142 mg/dL. Medical record number: 00739155.\n\n' +
          'Acme Health Patient Portal',
      ),
    ],
    recipients: ['maria.g@mailbox.example'],
    expect: { action: 'encrypt', rules: ['phi-external'], strength: 'end-to-end' },
  },
  {
    name: 'an invoice with an account number to a vendor is encrypted in transport',
    segments: [
      subject('Invoice 2026-118'),
      body('Please find invoice 2026-118 for account number 4410029387. Balance due $1,240.00.'),
    ],
    recipients: ['billing@supplies-vendor.example'],
    expect: { action: 'encrypt', rules: ['identifier-external'], strength: 'transport' },
  },
  {
    name: 'a spreadsheet of 500 SSNs to an outside address is blocked',
    segments: [
      subject('Member file'),
      body('Attached is the member file you asked for.'),
      attachment(0, 'members_2026.csv', ssnSheet(500)),
    ],
    recipients: ['analyst@consultancy.example'],
    attachments: [
      { location: 'attachment[0]:members_2026.csv', detectedType: 'csv', size: 18_000 },
    ],
    expect: {
      action: 'block',
      rules: ['bulk-ssn', 'identifier-external'],
      override: 'with_justification',
    },
  },
  {
    name: 'a spreadsheet of 500 SSNs is blocked even between staff',
    segments: [body('Member list attached.'), attachment(0, 'members_2026.csv', ssnSheet(500))],
    recipients: ['hr@acme-health.example'],
    expect: { action: 'block', rules: ['bulk-ssn'] },
  },
  {
    name: 'nine SSNs to an outside address are below the bulk threshold and encrypted',
    segments: [attachment(0, 'nine.csv', ssnSheet(9))],
    recipients: ['analyst@consultancy.example'],
    expect: { action: 'encrypt', rules: ['identifier-external'], strength: 'transport' },
  },
  {
    name: 'one SSN repeated 40 times is one person, not a bulk export',
    segments: [attachment(0, 'one-person.csv', ssnSheet(40, 1))],
    recipients: ['analyst@consultancy.example'],
    expect: { action: 'encrypt', rules: ['identifier-external'], strength: 'transport' },
  },
  {
    name: 'a password-protected PDF to an outside clinic is quarantined',
    segments: [
      subject('Records request'),
      body('Please see the attached records. The password will follow in a separate email.'),
    ],
    recipients: ['records@northside-clinic.example'],
    attachments: [
      { location: 'attachment[0]:Smith_Jane_records.pdf', detectedType: 'pdf', size: 240_113 },
    ],
    unscannable: [
      {
        location: 'attachment[0]:Smith_Jane_records.pdf',
        reason: 'encrypted',
        detail: 'PasswordException',
      },
    ],
    expect: {
      action: 'quarantine',
      rules: ['unscannable-content'],
      override: 'with_justification',
    },
  },
  {
    name: 'an attachment that timed out between staff is quarantined too',
    segments: [body('Scans from this morning attached.')],
    recipients: ['radiology@acme-health.example'],
    unscannable: [{ location: 'attachment[0]:scan_0412.tiff', reason: 'timeout' }],
    expect: { action: 'quarantine', rules: ['unscannable-content'] },
  },
  {
    name: 'a newsletter with dates and phone numbers is allowed',
    segments: [
      subject('Acme Health staff newsletter, December'),
      body(
        'Holiday party on 12/18/2026 in the main atrium! RSVP by 12/10/2026. ' +
          'Parking questions: call (617) 555-0199 or fax 617-555-0100. The cafeteria ' +
          'closes early on 12/24/2026.',
      ),
    ],
    recipients: Array.from({ length: 30 }, (_, i) => `friend${i}@mailbox.example`),
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'an SSN in the subject line to an outside address is blocked',
    segments: [subject('Enrollment for SSN 536-22-8714'), body('Form attached, thanks.')],
    recipients: ['enroll@benefits-partner.example'],
    expect: { action: 'block', rules: ['phi-in-subject', 'identifier-external'] },
  },
  {
    name: 'a record number in the subject line to an outside address is blocked',
    segments: [subject('MRN 00482913 follow-up'), body('See the notes from the visit.')],
    recipients: ['nurse@northside-clinic.example'],
    expect: { action: 'block', rules: ['phi-in-subject'] },
  },
  {
    name: 'a benefits form with one SSN in the body is encrypted in transport',
    segments: [body('Employee SSN: 601-33-2914. Please process the dependent enrollment.')],
    recipients: ['enroll@benefits-partner.example'],
    expect: { action: 'encrypt', rules: ['identifier-external'], strength: 'transport' },
  },
  {
    name: 'diagnosis codes alone, with no one identified, are allowed',
    segments: [
      body(
        'Coding reminder: E11.9 and I10 are the most frequent codes this quarter; audit starts Monday.',
      ),
    ],
    recipients: ['coding-vendor@coders.example'],
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'a trusted partner lab is treated as internal',
    policy: 'partners',
    segments: [body(REFERRAL)],
    recipients: ['results@partner-lab.example'],
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'an allow-listed partner does not cover other outside addresses',
    policy: 'partners',
    segments: [body(REFERRAL)],
    recipients: ['results@partner-lab.example', 'someone@elsewhere.example'],
    expect: { action: 'encrypt', rules: ['phi-external'] },
  },
  {
    name: 'a test patient in the allow-listed MRN range is not PHI',
    policy: 'testPatients',
    segments: [
      body(
        'Test message for the interface: MRN 99001234, diagnosis E11.9 type 2 diabetes mellitus.',
      ),
    ],
    recipients: ['interface-team@hl7-vendor.example'],
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'a real MRN next to the test range is still PHI',
    policy: 'testPatients',
    segments: [
      body(
        'Follow-up for MRN 00482913, diagnosis E11.9 type 2 diabetes mellitus, seen 11/02/2026.',
      ),
    ],
    recipients: ['interface-team@hl7-vendor.example'],
    expect: { action: 'encrypt', rules: ['phi-external'] },
  },
  {
    name: 'an audit-mode policy records a block it does not enforce',
    policy: 'audit',
    segments: [attachment(0, 'members.csv', ssnSheet(50))],
    recipients: ['analyst@consultancy.example'],
    expect: {
      action: 'allow',
      rules: ['bulk-ssn', 'identifier-external'],
      mode: 'audit',
      auditAction: 'block',
    },
  },
  {
    name: 'a policy can encrypt unreadable content instead of quarantining it',
    policy: 'unscannableEncrypted',
    segments: [body('Encrypted archive attached.')],
    recipients: ['records@northside-clinic.example'],
    unscannable: [
      { location: 'attachment[0]:records.zip/entry[0]:chart.pdf', reason: 'encrypted' },
    ],
    expect: { action: 'encrypt', rules: ['unscannable-content'], strength: 'end-to-end' },
  },
  {
    name: 'unreadable content with no rule for it is still quarantined',
    policy: 'unscannableDisabled',
    segments: [body('Scans attached.')],
    recipients: ['records@northside-clinic.example'],
    unscannable: [{ location: 'attachment[0]:Okafor_wound_photo.png', reason: 'ocr_failed' }],
    expect: { action: 'quarantine', rules: [] },
  },
  {
    name: 'an explicit rule may allow an unsupported type between staff, with its reason',
    policy: 'unscannableInternalOk',
    segments: [body('CAD drawing of the new wing attached.')],
    recipients: ['facilities@acme-health.example'],
    unscannable: [{ location: 'attachment[0]:wing.dwg', reason: 'unsupported_type' }],
    expect: { action: 'allow', rules: ['unsupported-internal'] },
  },
  {
    name: 'that rule does not cover a second unreadable part of another kind',
    policy: 'unscannableInternalOk',
    segments: [body('Drawings attached.')],
    recipients: ['facilities@acme-health.example'],
    unscannable: [
      { location: 'attachment[0]:wing.dwg', reason: 'unsupported_type' },
      { location: 'attachment[1]:notes.pdf', reason: 'encrypted' },
    ],
    expect: { action: 'quarantine', rules: ['unsupported-internal'] },
  },
  {
    name: 'a record number near a diagnosis code fires the proximity rule',
    policy: 'proximity',
    segments: [body('MRN 00482913 seen today. Assessment: E11.9, stable on metformin.')],
    recipients: ['nurse@northside-clinic.example'],
    expect: { action: 'encrypt', rules: ['record-near-diagnosis'], strength: 'end-to-end' },
  },
  {
    name: 'a record number far from the diagnosis code does not',
    policy: 'proximity',
    segments: [
      body(
        `MRN 00482913 checked in at the front desk this morning.${' The waiting room was busy and the visit ran late.'.repeat(4)} Assessment: E11.9.`,
      ),
    ],
    recipients: ['nurse@northside-clinic.example'],
    expect: { action: 'allow', rules: [] },
  },
  {
    name: 'an audit-only ordering rule is reported without changing the action',
    policy: 'proximity',
    segments: [body('Patient: Jane Doe, diagnosis E11.9 type 2 diabetes mellitus.')],
    recipients: ['coder@acme-health.example'],
    expect: { action: 'allow', rules: ['name-before-code'], mode: 'audit', auditAction: 'encrypt' },
  },
  {
    name: 'an oversized message is quarantined',
    policy: 'context',
    segments: [body('Imaging archive for the conference.')],
    recipients: ['conference@acme-health.example'],
    size: 31 * 1024 * 1024,
    expect: { action: 'quarantine', rules: ['oversized'] },
  },
  {
    name: 'an archive to an outside address is quarantined',
    policy: 'context',
    segments: [body('Files attached as requested.')],
    recipients: ['someone@elsewhere.example'],
    attachments: [{ location: 'attachment[0]:files.zip', detectedType: 'zip', size: 5_000 }],
    expect: { action: 'quarantine', rules: ['archives-out'] },
  },
  {
    name: 'an identifier sent to a crowd is blocked',
    policy: 'context',
    segments: [body('Reminder: member SSN: 536-22-8714 must be updated.')],
    recipients: Array.from({ length: 30 }, (_, i) => `staff${i}@acme-health.example`),
    expect: { action: 'block', rules: ['mass-mail'] },
  },
  {
    name: 'an outside sender with PHI gets the explicit allow reason',
    policy: 'context',
    segments: [body(REFERRAL)],
    sender: 'intake@northside-clinic.example',
    recipients: ['endo@acme-health.example'],
    expect: { action: 'allow', rules: ['outside-sender'] },
  },
  {
    name: 'a list of employee badges found by a policy detector is blocked',
    policy: 'badges',
    segments: [body('Badges to reprint: EB-204911, EB-204912, EB-310077. Thanks!')],
    recipients: ['print@badge-vendor.example'],
    expect: { action: 'block', rules: ['badge-list'] },
  },
  {
    name: 'a referral scanned as a PDF page reports a reduced location',
    segments: [attachment(0, 'Doe_Jane_referral.pdf', REFERRAL, '#page=2')],
    recipients: ['intake@northside-clinic.example'],
    expect: { action: 'encrypt', rules: ['phi-external'] },
  },
];

interface Built {
  readonly scan: ScanInput;
  readonly context: MessageContext;
  /** Every raw value the scanner matched, and every name and address: none may leak. */
  readonly secrets: readonly string[];
}

function build(scenario: Scenario): Built {
  const scanner = scannerFor(scenario.policy ?? 'baseline');
  const { findings, length } = scanner.scanSegments(scenario.segments);
  const raw = findings.map((f: LocatedFinding) =>
    scenario.segments[f.segment]!.text.slice(f.start, f.end),
  );
  const names = [...scenario.segments, ...(scenario.unscannable ?? [])]
    .map((s) => /\]:([^/#]+)/.exec(s.location)?.[1]?.replace(/\.[a-z]+$/, ''))
    .filter((n): n is string => n !== undefined);
  const messageId = `<${scenario.name.length}.referral-jane-doe@mail.acme-health.example>`;
  return {
    scan: {
      findings,
      assessment: assess(findings),
      unscannable: scenario.unscannable ?? [],
      attachments: scenario.attachments ?? [],
      size: scenario.size ?? length,
    },
    context: { messageId, sender: scenario.sender, recipients: scenario.recipients },
    secrets: [
      ...raw,
      ...names,
      ...scenario.recipients,
      ...(scenario.sender ? [scenario.sender] : []),
      messageId,
    ],
  };
}

function run(scenario: Scenario): { decision: Decision; built: Built } {
  const built = build(scenario);
  const policy = policyNamed(scenario.policy ?? 'baseline');
  const decision = decide(built.scan, built.context, policy, { auditKey: AUDIT_KEY, now: NOW });
  return { decision, built };
}

describe('decide on realistic messages', () => {
  it('has at least 30 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const { decision } = run(scenario);
    const fired = decision.reasons.flatMap((r) => (r.rule ? [r.rule] : []));
    expect({ action: decision.action, rules: fired }).toEqual({
      action: scenario.expect.action,
      rules: scenario.expect.rules,
    });
    if (scenario.expect.strength) expect(decision.strength).toBe(scenario.expect.strength);
    if (scenario.expect.mode) expect(decision.mode).toBe(scenario.expect.mode);
    if (scenario.expect.auditAction) expect(decision.auditAction).toBe(scenario.expect.auditAction);
    if (scenario.expect.override) expect(decision.override).toBe(scenario.expect.override);
  });
});

describe('decision details', () => {
  const byName = (start: string) => SCENARIOS.find((s) => s.name.startsWith(start))!;

  it('blocks a bulk export with counts, masked values and fingerprints as evidence', () => {
    const { decision } = run(byName('a spreadsheet of 500 SSNs to an outside'));
    const bulk = decision.reasons.find((r) => r.rule === 'bulk-ssn')!;
    expect(bulk.code).toBe('bulk_identifiers');
    expect(bulk.evidence.detectors).toEqual([
      { detector: 'ssn', class: 'ssn', count: 500, distinct: 500 },
    ]);
    expect(bulk.evidence.locations).toEqual(['attachment[0]:*.csv']);
    expect(bulk.evidence.masked).toHaveLength(10);
    expect(bulk.evidence.masked[0]).toMatch(/^\*\*\*-\*\*-\d{4}$/);
    expect(bulk.evidence.fingerprints).toHaveLength(10);
    expect(decision.audit.findings.find((f) => f.detector === 'ssn')).toEqual({
      detector: 'ssn',
      class: 'ssn',
      count: 500,
      distinct: 500,
    });
  });

  it('quarantines a password-protected PDF and names the part without its file name', () => {
    const { decision } = run(byName('a password-protected PDF'));
    expect(decision.unscannable).toEqual([
      { location: 'attachment[0]:*.pdf', reason: 'encrypted' },
    ]);
    expect(decision.reasons[0]!.evidence.unscannable).toEqual(decision.unscannable);
  });

  it('adds unscannable_unhandled when no rule covers an unreadable part', () => {
    const { decision } = run(byName('unreadable content with no rule'));
    expect(decision.reasons.map((r) => r.code)).toEqual(['unscannable_unhandled']);
    expect(decision.override).toBe('with_justification');
  });

  it('keeps PDF page locations with the file name reduced', () => {
    const { decision } = run(byName('a referral scanned as a PDF page'));
    expect(decision.reasons[0]!.evidence.locations).toEqual(['attachment[0]:*.pdf#page=2']);
  });

  it('writes an audit record of counts, hashes and rule ids', () => {
    const { decision } = run(byName('a referral to an outside clinic'));
    const audit = decision.audit;
    expect(audit.decidedAt).toBe('2026-12-03T20:00:00.000Z');
    expect(audit.policy.name).toBe('acme');
    expect(audit.policy.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.messageId).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(audit.rules).toEqual([
      { rule: 'phi-external', code: 'phi_to_external', action: 'encrypt', mode: 'enforce' },
    ]);
    expect(audit.recipients.count).toBe(1);
    expect(audit.recipients.external).toBe(1);
    expect(audit.recipients.hashed[0]).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(audit.sender).toMatch(/^hmac:/);
  });

  it('keeps the message id as given only when asked', () => {
    const scenario = byName('a referral to an outside clinic');
    const built = build(scenario);
    const decision = decide(built.scan, built.context, policyNamed('baseline'), {
      keepMessageId: true,
      auditKey: AUDIT_KEY,
    });
    expect(decision.audit.messageId).toBe(built.context.messageId);
  });

  it('drops allow-listed literal values by fingerprint when given the scanner key', () => {
    const policy = policyNamed('testPatients');
    const plain = createScanner({ fingerprintKey: FINGERPRINT_KEY });
    const { findings } = plain.scanSegments([body('SSN: 123-45-6780 on the test form')]);
    expect(findings.some((f) => f.detector === 'ssn')).toBe(true);
    const scan = { findings };
    const context = { recipients: ['enroll@benefits-partner.example'] };
    expect(decide(scan, context, policy, { auditKey: AUDIT_KEY }).action).toBe('encrypt');
    const decision = decide(scan, context, policy, {
      auditKey: AUDIT_KEY,
      fingerprintKey: FINGERPRINT_KEY,
    });
    expect(decision.action).toBe('allow');
    expect(decision.audit.allowListed).toBe(1);
  });

  it('fails closed with evaluation_failed when a rule cannot be evaluated', () => {
    const policy = policyNamed('baseline');
    const broken: CompiledPolicy = {
      ...policy,
      rules: [
        { ...policy.rules[0]!, when: { kind: 'found', select: null as never } },
        ...policy.rules.slice(1),
      ],
    };
    const decision = decide({ findings: [] }, { recipients: ['a@acme-health.example'] }, broken, {
      auditKey: AUDIT_KEY,
    });
    expect(decision.action).toBe('quarantine');
    expect(decision.reasons.map((r) => [r.code, r.rule])).toEqual([
      ['evaluation_failed', 'bulk-ssn'],
    ]);
  });

  it('fails closed when the scan result itself is malformed', () => {
    const decision = decide(
      { findings: undefined as never },
      { recipients: ['a@b.example'] },
      policyNamed('baseline'),
    );
    expect(decision.action).toBe('quarantine');
    expect(decision.reasons.map((r) => r.code)).toEqual(['evaluation_failed']);
  });

  it('renders every reason through the one formatter', () => {
    const { decision } = run(byName('a spreadsheet of 500 SSNs to an outside'));
    expect(explainDecision(decision).split('\n')).toEqual([
      'Block.',
      '- Block (a sender may override with a justification): the message holds 500 distinct ssn values, more than one message should carry.',
      '- Encrypt (transport): 500 ssn findings go to 1 external recipient (in attachment[0]:*.csv).',
    ]);
  });
});

describe('no raw value leaves policy', () => {
  it('keeps matched values, file names and addresses out of decisions, audit records and explanations', () => {
    let checked = 0;
    for (const scenario of SCENARIOS) {
      const { decision, built } = run(scenario);
      const outputs = [
        JSON.stringify(decision),
        JSON.stringify(decision.audit),
        explainDecision(decision),
      ];
      for (const secret of built.secrets.filter((s) => s.length >= 4)) {
        for (const output of outputs) {
          expect(output.includes(secret), `${scenario.name}: a secret leaked`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('keeps values out of policy errors, including allow-listed literals in JSON policies', () => {
    const errors: PolicyError[] = [];
    for (const [text, load] of [
      [
        '{"policy":"p","allowValues":[{"ref":"ssnn","values":["536-22-8714"]}],"rules":[]}',
        loadPolicyJson,
      ],
      [
        '{"policy":"p","allowValues":[{"ref":"identifier","values":["536-22-8714"]}],"rules":[]}',
        loadPolicyJson,
      ],
      [
        '{"policy":"p","allowValues":[{"ref":"ssn","values":["536-22-8714"]}],"rules":[}',
        loadPolicyJson,
      ],
      ['policy p\nallow values ssn "536-22-8714" x', loadPolicy],
      ['policy p\nallow values ssnn "536-22-8714"', loadPolicy],
    ] as const) {
      try {
        load(text);
      } catch (error) {
        if (error instanceof PolicyError) errors.push(error);
      }
    }
    expect(errors).toHaveLength(5);
    for (const error of errors) expect(error.message).not.toContain('536-22-8714');
  });
});
