import {
  type FindingClass,
  isClinicalClass,
  SAFE_HARBOR_CLASSES,
  type SafeHarborClass,
} from '../classes.js';
import { atLeast, type Finding, type LocatedFinding } from '../finding.js';
import type { Assessment, AssessmentReason, DetectorEvidence } from './types.js';

/** How closely a class of identifier points at one person's record. */
export type IdentifierTier = 'record' | 'personal' | 'contact';

/**
 * Record identifiers name an account, a plan membership or a document of one person.
 * Personal ones name the person but occur in any letter. Contact details occur in every
 * message (a sender's address, a shop's phone number) and say nothing about a patient alone.
 */
const TIER: Record<SafeHarborClass, IdentifierTier> = {
  ssn: 'record',
  mrn: 'record',
  health_plan_id: 'record',
  account_number: 'record',
  license_number: 'record',
  vehicle_id: 'record',
  device_id: 'record',
  biometric_id: 'record',
  other_id: 'record',
  name: 'personal',
  age: 'personal',
  date: 'contact',
  phone: 'contact',
  fax: 'contact',
  email: 'contact',
  url: 'contact',
  ip_address: 'contact',
  location: 'contact',
};

/**
 * A date whose words give it a role (birth, admission, discharge, service, death) is an event
 * in one person's life or care, and counts like a name; other dates are everywhere in mail.
 */
export function tierOf(finding: Finding): IdentifierTier {
  if (finding.class === 'date' && finding.role !== undefined) return 'personal';
  return TIER[finding.class as SafeHarborClass];
}

const CODE_CLASSES = new Set<FindingClass>([
  'diagnosis_code',
  'procedure_code',
  'drug_code',
  'lab_code',
]);

/** Distinct clinical terms (at medium) that together make strong health information. */
const STRONG_TERM_COUNT = 3;

export interface AssessOptions {
  /**
   * Characters between an identifier and a clinical signal within which they are taken to
   * be about the same person; 300 unless set (a short paragraph, or one line of a table).
   */
  readonly nearDistance?: number;
}

export const DEFAULT_NEAR_DISTANCE = 300;

/**
 * Judges whether findings from one text or one message show PHI: an identifier of a person
 * together with health information about them (45 CFR 160.103). Only findings at medium
 * confidence or above count; the model and its reasons are described in
 * `docs/phi-assessment.md`.
 *
 * The result holds classes, counts, fingerprint counts and distances, never a value.
 *
 * @example
 * const { findings } = scanner.scanSegments(segments);
 * const verdict = assess(findings);
 * if (verdict.phi) report(verdict.reasons); // ['record_identifier_with_health_information']
 */
export function assess(
  findings: readonly (Finding | LocatedFinding)[],
  options: AssessOptions = {},
): Assessment {
  const near = options.nearDistance ?? DEFAULT_NEAR_DISTANCE;
  const counted = findings.filter((f) => atLeast(f.level, 'medium'));
  const identifiers = counted.filter((f) => !isClinicalClass(f.class));
  const clinical = counted.filter((f) => isClinicalClass(f.class));

  const classes = new Set(identifiers.map((f) => f.class));
  const identifierClasses = SAFE_HARBOR_CLASSES.filter((c) => classes.has(c));
  const nearest = nearestDistance(identifiers, clinical);
  const isNear = nearest !== null && nearest <= near;

  // Health information is strong when it is coded, stated with clinical context (high
  // confidence), or several distinct terms: one term in passing is weak.
  const coded = clinical.some((f) => CODE_CLASSES.has(f.class));
  const distinctTerms = new Set(clinical.map((f) => f.fingerprint)).size;
  const strongHealth =
    coded || clinical.some((f) => f.level === 'high') || distinctTerms >= STRONG_TERM_COUNT;

  const ofTier = (tier: IdentifierTier): Finding[] => identifiers.filter((f) => tierOf(f) === tier);
  const isWithin = (distance: number | null): boolean => distance !== null && distance <= near;
  const personal = ofTier('personal');
  const contact = ofTier('contact');
  const codes = clinical.filter((f) => CODE_CLASSES.has(f.class));

  const reasons: AssessmentReason[] = [];
  if (clinical.length > 0) {
    if (ofTier('record').length > 0) reasons.push('record_identifier_with_health_information');
    // A name is in every signature: with health information it needs a code, or, close to
    // it, several terms or a term stated with clinical context.
    const personalNear = isWithin(nearestDistance(personal, clinical));
    if (personal.length > 0 && (coded || (personalNear && (strongHealth || distinctTerms >= 2)))) {
      reasons.push('personal_identifier_with_health_information');
    }
    if (isWithin(nearestDistance(contact, codes))) {
      reasons.push('contact_near_coded_health_information');
    }
  }
  // "Dear Ana Ruiz, your appointment on 06/12": care given to a named person, no clinical
  // term needed. A date of birth does not count: it names the person, not their care.
  const names = identifiers.filter((f) => f.class === 'name');
  const careDates = identifiers.filter((f) => f.role !== undefined && f.role !== 'birth');
  if (isWithin(nearestDistance(names, careDates))) reasons.push('name_with_date_of_care');
  const phi = reasons.length > 0;
  if (isNear) reasons.push('identifier_near_health_information');
  if (clinical.length === 0) reasons.push('no_health_information');
  else if (identifiers.length === 0) reasons.push('health_information_without_identifier');
  else if (!phi) reasons.push('identifier_not_tied_to_health_information');

  return {
    identifierClasses,
    healthInformation: clinical.length > 0,
    phi,
    confidence: verdictConfidence(phi, identifiers, clinical, findings, isNear, coded),
    evidence: {
      detectors: detectorEvidence(counted),
      nearestIdentifierToHealth: nearest,
      distinctIdentifiers: new Set(identifiers.map((f) => f.fingerprint)).size,
    },
    reasons,
  };
}

/**
 * How sure the verdict is. For PHI: the weaker of the best identifier and the best health
 * signal, scaled into 0.5 to 1 and discounted when they are not near each other. Against
 * PHI: high when there is no health information at all, lower the more evidence was
 * close to counting.
 */
function verdictConfidence(
  phi: boolean,
  identifiers: readonly Finding[],
  clinical: readonly Finding[],
  all: readonly Finding[],
  isNear: boolean,
  coded: boolean,
): number {
  const best = (list: readonly Finding[]): number =>
    list.reduce((max, f) => Math.max(max, f.confidence), 0);
  if (phi) {
    const weaker = Math.min(best(identifiers), best(clinical));
    return round(0.5 + 0.5 * weaker * (isNear ? 1 : 0.8));
  }
  if (clinical.length === 0) {
    // Low-confidence clinical findings were seen and set aside: a little less sure.
    return all.some((f) => isClinicalClass(f.class)) ? 0.85 : 0.95;
  }
  if (identifiers.length === 0) return 0.8;
  return coded ? 0.6 : 0.7;
}

function detectorEvidence(findings: readonly Finding[]): DetectorEvidence[] {
  const byDetector = new Map<string, { cls: FindingClass; count: number; prints: Set<string> }>();
  for (const f of findings) {
    const entry = byDetector.get(f.detector) ?? { cls: f.class, count: 0, prints: new Set() };
    entry.count++;
    entry.prints.add(f.fingerprint);
    byDetector.set(f.detector, entry);
  }
  return [...byDetector]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([detector, e]) => ({ detector, class: e.cls, count: e.count, distinct: e.prints.size }));
}

/** Plain findings all come from one text; located ones are compared within a segment. */
function segmentOf(finding: Finding | LocatedFinding): number {
  return 'segment' in finding ? finding.segment : -1;
}

/** Characters between two spans; 0 when they touch or overlap. */
function gap(a: Finding, b: Finding): number {
  return Math.max(0, a.start - b.end, b.start - a.end);
}

/**
 * The smallest gap in characters between an identifier and a clinical finding of the same
 * segment, or null when no segment holds both.
 *
 * One sweep over both lists sorted by segment and start: of the identifiers that start
 * before a clinical finding, the one that ends last is nearest; of those that start after
 * it, the first. Sorting makes it O(n log n), so a message with thousands of findings costs
 * no more than its scan.
 */
export function nearestDistance(
  identifiers: readonly (Finding | LocatedFinding)[],
  clinical: readonly (Finding | LocatedFinding)[],
): number | null {
  const order = (a: Finding | LocatedFinding, b: Finding | LocatedFinding): number =>
    segmentOf(a) - segmentOf(b) || a.start - b.start;
  const ids = [...identifiers].sort(order);
  const signals = [...clinical].sort(order);
  let best: number | null = null;
  let next = 0;
  let reach: Finding | undefined;
  let reachSegment = Number.NaN;
  for (const signal of signals) {
    const segment = segmentOf(signal);
    // Identifiers that start at or before the signal: remember the one that ends last.
    while (next < ids.length && order(ids[next]!, signal) <= 0) {
      const id = ids[next]!;
      if (segmentOf(id) !== reachSegment || !reach || id.end > reach.end) {
        reach = id;
        reachSegment = segmentOf(id);
      }
      next++;
    }
    if (reach && reachSegment === segment) best = min(best, gap(reach, signal));
    const after = ids[next];
    if (after && segmentOf(after) === segment) best = min(best, gap(after, signal));
  }
  return best;
}

function min(a: number | null, b: number): number {
  return a === null ? b : Math.min(a, b);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
