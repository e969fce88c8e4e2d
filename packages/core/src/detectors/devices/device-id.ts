import type { DetectorDefinition } from '../../detector/types.js';
import { gs1CheckValid, hibccCheckValid } from '../../validate/check-characters.js';

/**
 * GS1 UDI as printed in human-readable form: (01) and the GTIN-14 device identifier,
 * then production identifiers such as (17) expiry, (10) lot and (21) serial, which are
 * what tie a label to one implanted device.
 */
const GS1_UDI =
  '(?P<value>\\(01\\)\\s?(?P<gtin>\\d{14})(?:\\s?\\((?:10|11|17|21)\\)\\s?[A-Za-z0-9\\-]{1,20})*)';

/**
 * HIBCC primary data: `+`, a four-character labeler code starting with a letter, the
 * product number and unit of measure, optionally `/` and secondary data, ending in the
 * mod-43 check character (never a full stop here, so a sentence's end is left outside).
 */
const HIBCC =
  '(?:^|[^A-Za-z0-9+])(?P<value>\\+[A-Z][A-Z0-9]{3}[A-Z0-9/$+%.\\-]{2,44}[A-Z0-9/$+%\\-])';

/** Labels that introduce a device's own number. */
const NUMBER_WORD = '(?:\\s*(?:number|no|num))?';
const SERIAL_LABEL =
  `(?i:\\b(?:serial${NUMBER_WORD}|s/n|sn|device\\s*(?:id|identifier|serial${NUMBER_WORD})|` +
  `implant\\s*(?:id|serial${NUMBER_WORD})|udi)\\b)`;
const SERIAL = '(?P<value>[A-Za-z0-9][A-Za-z0-9\\-]{3,23}[A-Za-z0-9])\\b';

/** A serial number tells which device; whose device it is shows from medical words nearby. */
const SERIAL_CONFIDENCE = 0.45;

export const deviceId: DetectorDefinition = {
  id: 'device_id',
  class: 'device_id',
  authority: 'FDA UDI (GS1, HIBCC)',
  summary:
    'Medical device identifiers: GS1 UDIs with a valid GTIN-14 check digit, HIBCC codes with ' +
    'a valid mod-43 check character, and serial numbers after a serial or device label.',
  limitations:
    'GS1 data without parentheses (01006431690072221…), ICCBBA codes and barcodes that were ' +
    'never turned into text are not found; a serial number of a laptop or phone is found ' +
    'at low confidence like any serial number.',
  patterns: [
    { name: 'gs1_udi', regex: GS1_UDI, confidence: 0.85 },
    {
      name: 'gtin_labelled',
      regex:
        '(?i:\\b(?:udi(?:-di)?|gtin|di|device\\s+identifier)\\b)[\\s:#]{1,4}(?P<value>\\d{14})\\b',
      confidence: 0.75,
    },
    { name: 'hibcc', regex: HIBCC, confidence: 0.8 },
    {
      name: 'serial_labelled',
      regex: `${SERIAL_LABEL}[\\s:#.]{1,4}${SERIAL}`,
      confidence: SERIAL_CONFIDENCE,
    },
  ],
  validate: (value, facts) => {
    switch (facts.pattern) {
      case 'gs1_udi':
        return gs1CheckValid(facts.groups.gtin ?? '');
      case 'gtin_labelled':
        return gs1CheckValid(value);
      case 'hibcc':
        return hibccCheckValid(value);
      default: {
        // A serial has digits and is not one digit over and over.
        const digits = value.replace(/\D/g, '');
        return digits.length >= 2 && !/^(.)\1+$/.test(value.replace(/-/g, ''));
      }
    }
  },
  context: [
    {
      words: [
        'implant',
        'implanted',
        'explanted',
        'pacemaker',
        'defibrillator',
        'aicd',
        'crt d',
        'insulin pump',
        'pump',
        'stent',
        'cochlear',
        'prosthesis',
        'prosthetic',
        'hearing aid',
        'neurostimulator',
        'stimulator',
        'catheter',
        'valve',
        'lead',
        'generator',
        'cgm',
        'glucose monitor',
        'cpap',
        'ventilator',
        'interrogation',
        'interrogated',
        'udi',
        'device',
      ],
      effect: 'raise',
      weight: 0.35,
    },
    {
      words: [
        'laptop',
        'printer',
        'router',
        'license key',
        'product key',
        'order',
        'invoice',
        'sku',
      ],
      effect: 'lower',
      weight: 0.3,
    },
  ],
  samples: {
    positive: [
      {
        text: 'UDI (01)00643169007222(17)250630(21)A12B345',
        value: '(01)00643169007222(17)250630(21)A12B345',
        why: 'device and production identifiers',
      },
      { text: 'label: (01)10614141000415', value: '(01)10614141000415' },
      {
        text: 'implant (01) 00884838000919 (21) SN88412',
        value: '(01) 00884838000919 (21) SN88412',
        why: 'spaces between elements',
      },
      { text: 'GTIN: 00012345678905', value: '00012345678905' },
      { text: 'HIBC +A123BJC5D6E71G on the box', value: '+A123BJC5D6E71G' },
      {
        text: 'code +H703PROD12341$ scanned',
        value: '+H703PROD12341$',
        why: 'symbol check character',
      },
      { text: 'Pacemaker serial PJN123456, interrogated today', value: 'PJN123456' },
      { text: 'Insulin pump S/N: NG1234567H', value: 'NG1234567H' },
      { text: 'Device ID: MDT-88231-X7', value: 'MDT-88231-X7' },
      { text: 'Cochlear implant serial number 3401-22781', value: '3401-22781' },
      { text: 'Stent lot shipped; implant id ZX44190A', value: 'ZX44190A' },
      { text: 'Serial number: C02XK1ZJJG5H', value: 'C02XK1ZJJG5H', why: 'any serial, found low' },
    ],
    negative: [
      { text: 'UDI (01)00643169007223', why: 'GTIN check digit wrong' },
      { text: 'HIBC +A123BJC5D6E71H', why: 'HIBCC check character wrong' },
      { text: 'Laptop serial number: C02XK1ZJJG5H', why: 'a laptop serial stays low' },
      { text: 'serial killer documentary', why: 'a word after serial' },
      { text: 'S/N: 00000000', why: 'one digit repeated' },
      { text: 'Serial: ABCDEFGH', why: 'no digits' },
      { text: 'GTIN 04026704166538', why: 'a transposition caught by the check digit' },
      { text: 'Router S/N 8842-1192 from the invoice', why: 'a router serial' },
      { text: 'call +1 212 555 2671', why: 'a phone number with a plus' },
      { text: 'SN 1987A exploded', why: 'a supernova, stays low' },
      { text: 'score +A1 grade', why: 'too short for HIBCC' },
    ],
  },
};
