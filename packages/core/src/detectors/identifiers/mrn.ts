import { z } from 'zod';
import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { RE2 } from '../../regex/re2.js';
import { digitCount, insideUrl, LABELLED_TOKEN, labelledPattern } from '../../validate/labels.js';

/**
 * Labels that introduce a medical record number in notes, letters and forms. `Unit No` is
 * the UK and Commonwealth name for the same number; near address words it is an apartment
 * and the confidence drops.
 */
export const DEFAULT_MRN_LABELS: readonly string[] = [
  'MRN',
  'MR#',
  'MR No',
  'MR Number',
  'Medical Record',
  'Medical Record Number',
  'Medical Record No',
  'Medical Records',
  'Med Rec',
  'Med Rec No',
  'Med Record',
  'Chart #',
  'Chart No',
  'Chart Number',
  'Chart ID',
  'Patient ID',
  'Patient Identifier',
  'Patient Number',
  'Patient No',
  'Patient #',
  'Pt ID',
  'Pt #',
  'Pt No',
  'Hospital Number',
  'Hospital No',
  'Hospital #',
  'Unit Number',
  'Unit No',
  'Unit #',
  'HRN',
  'Health Record Number',
  'EMR',
  'EMR #',
  'EMR No',
  'EMR Number',
  'EHR',
  'EHR ID',
];

/** An MRN written under the default format holds at least this many digits. */
const MIN_DIGITS = 4;

/** Confidence of a value found after a label; a label is strong evidence on its own. */
const LABELLED_CONFIDENCE = 0.85;

const idPattern = /^[a-z][a-z0-9_]*$/;

const mrnOptionsSchema = z.strictObject({
  id: z.string().regex(idPattern, 'use lower-case letters, digits and _').optional(),
  labels: z.array(z.string().trim().min(1).max(80)).min(1).max(200).optional(),
  formats: z.array(z.string().min(1).max(500)).min(1).max(50).optional(),
});

/** How a site configures its MRN detector. */
export interface MrnDetectorOptions {
  /** Detector id, `mrn` unless set; a second MRN detector beside the built-in needs its own. */
  readonly id?: string;
  /**
   * Labels that introduce an MRN, replacing `DEFAULT_MRN_LABELS` (spread those in to add
   * to them). Matched case-insensitively; spaces and full stops between words are free.
   */
  readonly labels?: readonly string[];
  /**
   * re2 patterns for the value itself, such as a hospital's `E\d{7}`, matched as written
   * (case-sensitively unless the pattern says `(?i)`). Without formats, any run of letters,
   * digits and inner dashes holding at least four digits is taken.
   */
  readonly formats?: readonly string[];
}

/** One problem in MRN detector options, as data. */
export interface MrnOptionsIssue {
  /** Where in the options, as `formats[1]` or `labels`. */
  readonly path: string;
  /** `invalid_option`, `format_not_re2`, `format_has_named_group` or `format_matches_empty`. */
  readonly code: string;
  readonly message: string;
}

/** MRN detector options that cannot be used; `issues` lists each problem. */
export class MrnOptionsError extends Error {
  override readonly name = 'MrnOptionsError';
  constructor(readonly issues: readonly MrnOptionsIssue[]) {
    const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    super(`mrn detector options are invalid:\n${lines.join('\n')}`);
  }
}

/** `['labels', 0]` becomes `labels[0]`; an issue with the whole object is `(options)`. */
function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(options)';
}

/** Checks one value format the way the scanner will use it, inside a larger pattern. */
function formatIssue(format: string, index: number): MrnOptionsIssue | undefined {
  const path = `formats[${index}]`;
  if (/\(\?P?<[A-Za-z_]/.test(format)) {
    return {
      path,
      code: 'format_has_named_group',
      message:
        `'${format}' has a named group; the detector names the value itself, ` +
        'so use (?:...) instead',
    };
  }
  let compiled: RE2;
  try {
    // Compiled alone first, so re2's reason speaks of the site's pattern, not of ours.
    new RE2(format);
    compiled = new RE2(`^(?:${format})$`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      path,
      code: 'format_not_re2',
      message:
        `re2 cannot compile '${format}' (${reason}); ` +
        'write re2 syntax: no lookahead, lookbehind or backreferences',
    };
  }
  if (compiled.test('')) {
    return {
      path,
      code: 'format_matches_empty',
      message: `'${format}' matches the empty string; require at least one character`,
    };
  }
  return undefined;
}

const ALLOWED_KEYS = 'allowed keys are id, labels (strings) and formats (re2 patterns)';

/** Reads options in three steps: raw, typed by zod, then each format checked with re2. */
function parseOptions(raw: unknown): z.infer<typeof mrnOptionsSchema> {
  const typed = mrnOptionsSchema.safeParse(raw ?? {});
  if (!typed.success) {
    throw new MrnOptionsError(
      typed.error.issues.map((issue) => ({
        path: pathOf(issue.path),
        code: 'invalid_option',
        message: `${issue.message}; ${ALLOWED_KEYS}`,
      })),
    );
  }
  const issues = (typed.data.formats ?? [])
    .map(formatIssue)
    .filter((issue): issue is MrnOptionsIssue => issue !== undefined);
  if (issues.length > 0) throw new MrnOptionsError(issues);
  return typed.data;
}

/**
 * Words that make `Unit No 1204` an apartment rather than a hospital unit number. Checked
 * only for the unit labels: a street name near an ordinary MRN label ("seen at Elm Street
 * Clinic") says nothing about the MRN.
 */
const ADDRESS_WORDS = new RegExp(
  `\\b(?:${[
    'apt',
    'apartment',
    'suite',
    'ste',
    'floor',
    'street',
    'st',
    'avenue',
    'ave',
    'road',
    'rd',
    'blvd',
    'lane',
    'ln',
    'drive',
    'dr',
    'building',
    'bldg',
    'storage',
  ].join('|')})\\b`,
  'i',
);

/** Characters around a unit number searched for address words. */
const ADDRESS_REACH = 40;

/** Low: a unit number next to an address is most likely an apartment. */
const UNIT_NEAR_ADDRESS_CONFIDENCE = 0.45;

function nearAddress(facts: MatchFacts): boolean {
  if (!/^unit/i.test(facts.groups.label ?? '')) return false;
  const around = facts.text.slice(
    Math.max(0, facts.start - ADDRESS_REACH),
    facts.end + ADDRESS_REACH,
  );
  return ADDRESS_WORDS.test(around);
}

function isAlnum(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9]/.test(char);
}

/** The value must not run on into more letters or digits than its format allows. */
function endsCleanly(facts: MatchFacts): boolean {
  return !isAlnum(facts.text[facts.end]);
}

/**
 * Builds an MRN detector for a site's labels and formats. Options are validated first;
 * bad ones throw `MrnOptionsError` listing every problem.
 *
 * @example
 * const scanner = createScanner({
 *   exclude: ['mrn'],
 *   extraDetectors: [createMrnDetector({ formats: ['E\\d{7}'] })],
 * });
 */
export function createMrnDetector(options: MrnDetectorOptions = {}): DetectorDefinition {
  const parsed = parseOptions(options);
  const labels = parsed.labels ?? DEFAULT_MRN_LABELS;
  const formats = parsed.formats;
  const value = formats ? `(?-i:${formats.map((f) => `(?:${f})`).join('|')})` : LABELLED_TOKEN;

  return {
    id: parsed.id ?? 'mrn',
    class: 'mrn',
    authority: 'convention',
    summary: 'Medical record numbers written after a label such as MRN, Med Rec No or Chart #.',
    limitations:
      'A number without a label is never taken for an MRN, because MRN formats differ by site; give a site its own formats to be precise about what follows a label.',
    patterns: [
      {
        name: formats ? 'labelled-format' : 'labelled',
        regex: labelledPattern(labels, value),
        ignoreCase: true,
        confidence: LABELLED_CONFIDENCE,
      },
    ],
    // One digit repeated (`MRN: 0000000`) is a placeholder in a form, not a record.
    prune: (v) => /^(\d)\1+$/.test(v),
    validate: (v, facts) => {
      if (!endsCleanly(facts) || insideUrl(facts)) return false;
      if (!formats && digitCount(v) < MIN_DIGITS) return false;
      return nearAddress(facts) ? UNIT_NEAR_ADDRESS_CONFIDENCE : true;
    },
    context: [
      {
        // The label itself, seen again as a word: it lifts a labelled MRN above names and
        // places that a word inside the value may look like ("UCSF-20210930-567").
        words: ['mrn', 'mr', 'medical record', 'med rec', 'chart', 'patient id', 'hrn', 'emr'],
        effect: 'raise',
        weight: 0.1,
      },
      {
        words: ['order', 'invoice', 'tracking', 'confirmation', 'sku', 'serial'],
        effect: 'lower',
        weight: 0.4,
      },
    ],
    samples: {
      positive: [
        { text: 'MRN: 00482913', value: '00482913', why: 'leading zeros kept' },
        { text: 'Seen at Stanford (MRN: ST-998877)', value: 'ST-998877' },
        { text: 'med rec #99887766, w/ hx of CKD', value: '99887766' },
        { text: 'Medical Record Number 12345-NYP', value: '12345-NYP' },
        { text: 'MRN 123-45-6789 on the chart', value: '123-45-6789', why: 'SSN-shaped MRN' },
        { text: 'Patient ID: 897-65-4321?', value: '897-65-4321' },
        { text: 'MR# 87342GH', value: '87342GH', why: 'letters after the digits' },
        { text: 'Chart No. UCSF-20210930-567', value: 'UCSF-20210930-567' },
        { text: 'Hospital Number:\nK4471203', value: 'K4471203', why: 'label on the line above' },
        { text: 'patient mrn is 5432-2109', value: '5432-2109', why: 'label with "is"' },
        { text: 'MRN: ＃SF-998877', value: 'SF-998877', why: 'full-width hash' },
        { text: 'MRN: UCLA-T1D-2023', value: 'UCLA-T1D-2023', why: 'two letter parts' },
        { text: 'Unit No. 4471203 (ward 7)', value: '4471203', why: 'UK hospital unit number' },
        {
          text: 'patient ID 67890, seen at Elm Street Clinic',
          value: '67890',
          why: 'a street name near an ordinary label',
        },
      ],
      negative: [
        { text: 'Patient seen on 2023-03-12, follow up in 6 weeks', why: 'no label' },
        { text: 'Reference 00482913 attached', why: 'a bare number is not an MRN' },
        { text: 'MRN: pending', why: 'label without a value' },
        { text: 'MRN: 0000000', why: 'placeholder in a form' },
        { text: 'Unit No 1204, 55 Park Street', why: 'an apartment unit near an address' },
        { text: 'Patient no longer takes 40mg', why: '"patient no" is not a label here' },
        { text: 'MRI 12345678 scheduled', why: 'MRI is not MRN' },
        { text: 'MRN 12a', why: 'too short and too few digits' },
        { text: 'Patient ID ABCDEF', why: 'no digits at all' },
        { text: 'Med rec review for order 55512345', why: 'an order number after a label' },
        { text: 'Pt # 3 in the queue', why: 'a position in a queue' },
        {
          text: 'Open https://portal.example.org/chart?mrn=004512 now',
          why: 'inside a web address, which the url detector reports whole',
        },
      ],
    },
  };
}

/** The MRN detector with the default labels and the generic value format. */
export const mrn: DetectorDefinition = createMrnDetector();
