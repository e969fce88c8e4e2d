import { readFileSync } from 'node:fs';
import type { Span } from './score.js';

/** A labelled corpus, read into texts and the spans labelled in them. */
export interface Corpus {
  readonly name: string;
  /** The fixture folder under `fixtures/`. */
  readonly folder: string;
  readonly texts: readonly string[];
  readonly gold: readonly Span[];
  /** Our classes this corpus labels: only these are scored on it. */
  readonly classes: readonly string[];
  /** Labelled spans left out because they have no offsets or no class of ours. */
  readonly unscored: number;
}

/**
 * ASQ-PHI labels (Safe Harbor names in capitals) to our classes. The queries label
 * hospitals and clinics as `GEOGRAPHIC_LOCATION`, as we do.
 */
export const ASQ_CLASSES: Readonly<Record<string, string>> = {
  NAME: 'name',
  GEOGRAPHIC_LOCATION: 'location',
  DATE: 'date',
  MEDICAL_RECORD_NUMBER: 'mrn',
  HEALTH_PLAN_BENEFICIARY_NUMBER: 'health_plan_id',
  PHONE_NUMBER: 'phone',
  FAX_NUMBER: 'fax',
  SOCIAL_SECURITY_NUMBER: 'ssn',
  EMAIL_ADDRESS: 'email',
  ACCOUNT_NUMBER: 'account_number',
  CERTIFICATE_LICENSE_NUMBER: 'license_number',
  IP_ADDRESS: 'ip_address',
  UNIQUE_IDENTIFIER: 'other_id',
};

/**
 * PhysioNet deid gold categories to our classes. Clinicians', patients' and relatives'
 * names are all names; a year alone is a date, as Safe Harbor counts it; `Other` is an
 * identifier of no named kind.
 */
export const PHYSIONET_CLASSES: Readonly<Record<string, string>> = {
  PTName: 'name',
  PTNameInitial: 'name',
  HCPName: 'name',
  RelativeProxyName: 'name',
  Date: 'date',
  DateYear: 'date',
  Location: 'location',
  Phone: 'phone',
  Age: 'age',
  Other: 'other_id',
};

function jsonLines(path: URL): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const FIXTURES = new URL('../../fixtures/', import.meta.url);

interface AsqRecord {
  readonly text: string;
  readonly phi: readonly {
    type: string;
    start: number | null;
    end: number | null;
  }[];
}

/** The development half of ASQ-PHI: 526 clinician queries, 217 of them with no PHI. */
export function loadAsq(limit = Number.POSITIVE_INFINITY): Corpus {
  const records = jsonLines(new URL('asq-phi-dev/asq_phi.derived.jsonl', FIXTURES)).slice(
    0,
    limit,
  ) as AsqRecord[];
  const gold: Span[] = [];
  let unscored = 0;
  records.forEach((record, doc) => {
    for (const tag of record.phi) {
      const cls = ASQ_CLASSES[tag.type];
      // One value upstream could not be located (a curly apostrophe); it has no offsets.
      if (!cls || tag.start === null || tag.end === null) {
        unscored++;
        continue;
      }
      gold.push({ doc, start: tag.start, end: tag.end, cls });
    }
  });
  return {
    name: 'ASQ-PHI (dev)',
    folder: 'asq-phi-dev',
    texts: records.map((r) => r.text),
    gold,
    classes: [...new Set(Object.values(ASQ_CLASSES))],
    unscored,
  };
}

interface PhysioNetRecord {
  readonly text: string;
  readonly spans: readonly { start: number; end: number; type: string }[];
}

/** The development half of the PhysioNet deid gold notes: 984 ICU nursing notes. */
export function loadPhysioNet(limit = Number.POSITIVE_INFINITY): Corpus {
  const records = jsonLines(new URL('physionet-deid-gold-dev/gold.derived.jsonl', FIXTURES)).slice(
    0,
    limit,
  ) as PhysioNetRecord[];
  const gold: Span[] = [];
  let unscored = 0;
  records.forEach((record, doc) => {
    for (const span of record.spans) {
      const cls = PHYSIONET_CLASSES[span.type];
      if (!cls) {
        unscored++;
        continue;
      }
      gold.push({ doc, start: span.start, end: span.end, cls });
    }
  });
  return {
    name: 'PhysioNet deid gold (dev)',
    folder: 'physionet-deid-gold-dev',
    texts: records.map((r) => r.text),
    gold,
    classes: [...new Set(Object.values(PHYSIONET_CLASSES))],
    unscored,
  };
}
