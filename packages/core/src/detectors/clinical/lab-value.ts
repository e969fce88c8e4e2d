import type { DetectorDefinition, MatchFacts } from '../../detector/types.js';
import { NOT_CLINICAL } from './context.js';

/**
 * Units in which laboratories report results, and almost nothing else is measured: blood
 * counts (K/uL), chemistry (mg/dL, mmol/L, mEq/L), enzymes (U/L), hormones (uIU/mL, ng/mL)
 * and kidney function (mL/min/1.73m2). Doses (mg, mL) and percentages are left out: they
 * are everywhere in mail.
 */
const LAB_UNITS = [
  'mg/dL',
  'g/dL',
  'mg/L',
  'g/L',
  'mmol/L',
  'mEq/L',
  'umol/L',
  'µmol/L',
  'K/uL',
  'K/µL',
  'K/mm3',
  'x10\\^?3/uL',
  'x10\\^?9/L',
  'M/uL',
  'U/L',
  'IU/L',
  'uIU/mL',
  'µIU/mL',
  'mIU/L',
  'mIU/mL',
  'ng/mL',
  'ng/dL',
  'pg/mL',
  'mL/min/1\\.73 ?m2',
  'mL/min',
];

const WINDOW = { before: 60, after: 60 } as const;

/**
 * "A1-5.6 mg/dL", "#12 mg/dL", "3/12 mg/dL": a number joined to what stands before it is
 * part of an identifier, a list number or a fraction, not a result. A minus sign after a
 * blank is a negative result ("base excess -3 mmol/L").
 */
function verdict(_value: string, facts: MatchFacts): boolean {
  const { text, start } = facts;
  const before = text.charCodeAt(start - 1);
  if (before === 0x23 || before === 0x2f) return false;
  if (before !== 0x2d) return true;
  const sign = text.charCodeAt(start - 2);
  return Number.isNaN(sign) || sign === 0x20 || sign === 0x09 || sign === 0x0a || sign === 0x28;
}

/**
 * A laboratory result: a number in a unit laboratories report in ("WBC of 12.6 K/uL",
 * "TSH 5.21 uIU/mL"). Alone it is one clinical term; the name of a test, "result" or a
 * reference range beside it make it a result about someone.
 */
export const labValue: DetectorDefinition = {
  id: 'lab_value',
  class: 'clinical_term',
  authority: 'convention',
  summary:
    'Laboratory results: a number in a unit laboratories report in (mg/dL, mmol/L, K/uL, ' +
    'U/L, uIU/mL, mL/min/1.73m2...), raised by the name of a test or a reference range.',
  limitations:
    'Results in percent (HbA1c 7.2%), in units shared with doses (mg, mL) or written without ' +
    'a unit ("K 3.1") are not found; a target in a leaflet ("keep LDL under 100 mg/dL") is ' +
    'lowered but still a term.',
  patterns: [
    {
      name: 'result',
      regex: `\\b(?P<value>\\d{1,5}(?:\\.\\d{1,3})?[ \\t]?(?:${LAB_UNITS.join('|')}))\\b`,
      // Notes write units in any case: "mg/dl", "MG/DL".
      ignoreCase: true,
      confidence: 0.6,
    },
  ],
  validate: verdict,
  mask: () => '[lab result]',
  context: [
    {
      words: [
        'result',
        'results',
        'reference',
        'ref range',
        'reference range',
        'normal range',
        'abnormal',
        'critical',
        'lab',
        'labs',
        'level',
        'wbc',
        'rbc',
        'hemoglobin',
        'hgb',
        'hematocrit',
        'platelets',
        'platelet count',
        'plt',
        'tsh',
        'creatinine',
        'egfr',
        'bun',
        'glucose',
        'potassium',
        'sodium',
        'chloride',
        'calcium',
        'ldl',
        'hdl',
        'cholesterol',
        'triglycerides',
        'alt',
        'ast',
        'bilirubin',
        'albumin',
        'troponin',
        'ferritin',
        'psa',
      ],
      effect: 'raise',
      weight: 0.25,
    },
    {
      // Targets in leaflets and newsletters: "keep LDL under 100 mg/dL".
      words: ['goal', 'target', 'aim', 'keep', 'below', 'under', 'less than', 'guideline'],
      effect: 'lower',
      weight: 0.4,
    },
    NOT_CLINICAL,
  ],
  window: WINDOW,
  samples: {
    positive: [
      { text: 'had WBC of 12.6 K/uL on 06/03/2024', value: '12.6 K/uL' },
      { text: 'TSH 5.21 uIU/mL (reference 0.4-4.5)', value: '5.21 uIU/mL' },
      { text: 'Creatinine: 1.42 mg/dL', value: '1.42 mg/dL' },
      { text: 'eGFR 48 mL/min/1.73m2', value: '48 mL/min/1.73m2', why: 'kidney function' },
      { text: 'potassium 3.1 mmol/L, low', value: '3.1 mmol/L' },
      { text: 'Platelets 98 K/uL', value: '98 K/uL' },
      { text: 'Hemoglobin 9.8 g/dL (L)', value: '9.8 g/dL' },
      { text: 'ALT 88 U/L, AST 71 U/L', value: '88 U/L', why: 'first of two' },
      { text: 'Troponin I 0.42 ng/mL - critical', value: '0.42 ng/mL' },
      { text: 'Sodium: 129 mEq/L', value: '129 mEq/L' },
      { text: 'LDL cholesterol 162 mg/dL on the last panel', value: '162 mg/dL' },
      { text: 'Ferritin 8 ng/mL, low; iron studies ordered', value: '8 ng/mL' },
      { text: 'GLUCOSE 212 MG/DL', value: '212 MG/DL', why: 'capitals' },
      { text: 'base excess -3.2 mmol/L on the gas', value: '3.2 mmol/L', why: 'a negative result' },
    ],
    negative: [
      { text: 'Take 500 mg twice a day', why: 'a dose, not a result' },
      { text: 'Battery at 80% and 12 V', why: 'no laboratory unit' },
      { text: 'Part A1-5.6 mg/dL', why: 'inside an identifier' },
      { text: 'Aim to keep LDL under 100 mg/dL.', why: 'a target, lowered to a low term' },
      { text: 'Pour 250 mL into the flask', why: 'a volume, no laboratory unit' },
      { text: 'Order #12 mg/dL strips', why: 'after a number sign' },
      { text: 'Item 4411 is out of stock', why: 'a number without a unit' },
      { text: 'Model 300 mg/dL meter, price $20', why: 'a product, lowered' },
      { text: 'The goal is below 7 mmol/L for most adults', why: 'a target, lowered' },
      { text: 'Download at 50 MB/s', why: 'not a laboratory unit' },
      { text: 'See the guideline: less than 130 mg/dL', why: 'a guideline, lowered' },
    ],
  },
};
