import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import {
  digitCount,
  insideUrl,
  isYearOrSpan,
  LABELLED_TOKEN,
  labelledPattern,
} from '../../validate/labels.js';
import { isOneDigitRepeated } from '../../validate/repeats.js';
import { standsAlone } from '../../validate/standalone.js';

/** Labels that introduce a member, subscriber, policy or group number on cards and claims. */
const LABELS = [
  'Member ID',
  'Member #',
  'Member No',
  'Member Number',
  'Subscriber ID',
  'Subscriber #',
  'Subscriber No',
  'Subscriber Number',
  'Policy #',
  'Policy No',
  'Policy Number',
  'Policy ID',
  'Group #',
  'Group No',
  'Group Number',
  'Group ID',
  'Insurance',
  'Insurance ID',
  'Insurance #',
  'Insurance No',
  'Insurance Number',
  'Insurance Plan',
  'Insurance Plan ID',
  'Insurance Policy',
  'Insured ID',
  'Insur ID',
  'Insurer ID',
  'Ins',
  'Ins ID',
  'Ins #',
  'Health Plan Number',
  'Health Plan No',
  'HBN',
  'Health Plan ID',
  'Health Plan #',
  'Plan ID',
  'Medicaid',
  'Medicaid ID',
  'Medicaid #',
  'Medicaid No',
  'Medicaid Number',
  'ID Card Number',
  'Coverage ID',
];

/** Confidence of a value right after a label. */
const LABELLED_CONFIDENCE = 0.85;

/**
 * A labelled value holds at least this many digits and characters: `Group No. 4` and
 * `Plan ID 1234` are not identifiers, `ABC123` is.
 */
const MIN_DIGITS = 3;
const MIN_LENGTH = 5;

/** True when a labelled value is long enough and digit-bearing enough to identify a member. */
export function isPlausibleMemberId(value: string): boolean {
  return (
    value.length >= MIN_LENGTH &&
    digitCount(value) >= MIN_DIGITS &&
    !isOneDigitRepeated(value) &&
    !isYearOrSpan(value)
  );
}

function validate(value: string, facts: MatchFacts): boolean {
  if (!isPlausibleMemberId(value) || insideUrl(facts)) return false;
  // Prefix shapes carry no label, so the value must not be part of a longer code.
  return facts.pattern === 'labelled'
    ? !/[A-Za-z0-9]/.test(facts.text[facts.end] ?? '')
    : standsAlone(facts);
}

export const healthPlanId: DetectorDefinition = {
  id: 'health_plan_id',
  class: 'health_plan_id',
  authority: 'convention',
  summary:
    'Health plan member, subscriber, policy and group numbers written after a label, and insurer-prefixed member ids near insurance words.',
  limitations:
    'Plans choose their own formats, so a number is found only after a label or, for a three-letter prefix and digits (the Blue Cross Blue Shield style), with an insurance word nearby; Medicare numbers are left to the mbi and hicn detectors.',
  patterns: [
    {
      name: 'labelled',
      regex: labelledPattern(LABELS, LABELLED_TOKEN),
      ignoreCase: true,
      confidence: LABELLED_CONFIDENCE,
    },
    {
      // Blue Cross Blue Shield cards print a three-letter prefix, then the member number.
      name: 'alpha-prefix',
      regex: '\\b(?P<value>[A-Z]{3}[- ]?[A-Z0-9]?\\d{6,13})\\b',
      confidence: 0.45,
      requiresContext: true,
    },
  ],
  validate,
  context: [
    {
      words: [
        'bcbs',
        'blue cross',
        'blue shield',
        'anthem',
        'aetna',
        'cigna',
        'humana',
        'united healthcare',
        'uhc',
        'kaiser',
        'medicaid',
        'insurance',
        'insurer',
        'member',
        'subscriber',
        'id card',
        'payer',
        'carrier',
        'health plan',
        'coverage',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: ['order', 'invoice', 'tracking', 'confirmation', 'sku', 'serial', 'flight', 'booking'],
      effect: 'lower',
      weight: 0.4,
    },
  ],
  samples: {
    positive: [
      { text: 'Member ID: W123456789', value: 'W123456789' },
      { text: 'insurance number: 123456781', value: '123456781' },
      { text: 'Insurance plan ID: HL-987654', value: 'HL-987654' },
      { text: 'His insurance ID is ABC-987654.', value: 'ABC-987654', why: 'label with "is"' },
      { text: 'insurance is QX-789012', value: 'QX-789012' },
      { text: 'Group No. 0045821', value: '0045821' },
      { text: 'Subscriber #: 88213-04', value: '88213-04' },
      { text: 'medical insurance policy number QW-987654', value: 'QW-987654' },
      { text: 'BCBS card XYZ604918273 front and back', value: 'XYZ604918273' },
      { text: 'Blue Cross member JQU W60491827', value: 'JQU W60491827', why: 'prefix, space' },
      { text: 'Medicaid ID:\n41829933A', value: '41829933A', why: 'label on the line above' },
      { text: 'with insurance ID: ABC123.', value: 'ABC123', why: 'three digits and letters' },
      { text: 'Pt has insur ID WX-987654.', value: 'WX-987654', why: 'abbreviated label' },
      { text: 'concern, ins is ABC-987654.', value: 'ABC-987654', why: 'short label' },
    ],
    negative: [
      { text: 'Group No. 4 will present first', why: 'one digit' },
      { text: 'Insurance 2024 renewal notice', why: 'a year after the word' },
      { text: 'Member ID: pending', why: 'label without a value' },
      { text: 'Policy # 000000', why: 'a placeholder' },
      { text: 'Order ABC123456789 shipped', why: 'prefix shape without an insurance word' },
      { text: 'Insurance booking ref ABC123456 confirmed', why: 'a booking code' },
      { text: 'See our privacy policy at the link below', why: 'policy without a number' },
      { text: 'Flight UAL1234567 to Denver', why: 'no insurance word' },
      { text: 'member since 2019, welcome', why: 'a year' },
      { text: 'Insurance plan ABCDEFGHIJ', why: 'no digits' },
      { text: 'Plan ID 1234', why: 'four characters' },
      { text: 'Insurance 2024-2025 renewal', why: 'a span of years' },
      { text: 'Ins 12 units of insulin', why: 'a dose after an abbreviation' },
    ],
  },
};
