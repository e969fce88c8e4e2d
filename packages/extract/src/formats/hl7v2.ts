import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { SegmentBuilder } from './emit.js';
import { hl7Date } from './xml.js';

/**
 * HL7 v2 messages (pipe and hat). Patient fields are written as labelled lines located by
 * segment and field, `#segment=PID-3`: identifiers by type, name, birth date, address,
 * phones, SSN; NK1 and GT1 people likewise. Every segment is also read as plain text, with
 * separators turned into spaces, so OBX notes and any other field are scanned.
 */

/** Segments read from one message; a larger batch is cut here and reported. */
export const MAX_HL7_SEGMENTS = 100_000;

interface Delimiters {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subcomponent: string;
}

/** Identifier type codes (HL7 table 0203) that name what a PID-3 number is. */
const ID_TYPES: Readonly<Record<string, string>> = {
  SS: 'SSN',
  MR: 'MRN',
  PI: 'Patient ID',
  AN: 'Account number',
  DL: "Driver's license",
  PPN: 'Passport',
  MA: 'Medicaid number',
  MC: 'Medicare number',
  NPI: 'NPI',
};

function delimitersOf(msh: string): Delimiters {
  const chars = msh.slice(3, 8);
  return {
    field: chars[0] ?? '|',
    component: chars[1] ?? '^',
    repetition: chars[2] ?? '~',
    escape: chars[3] ?? '\\',
    subcomponent: chars[4] ?? '&',
  };
}

function decodeEscapes(text: string, d: Delimiters): string {
  if (!text.includes(d.escape)) return text;
  const names: Record<string, string> = {
    F: d.field,
    S: d.component,
    R: d.repetition,
    E: d.escape,
    T: d.subcomponent,
    '.br': '\n',
  };
  const e = d.escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${e}([^${e}]*)${e}`, 'g'), (whole, name: string) => {
    if (names[name] !== undefined) return names[name];
    // \Xhh..\ is hexadecimal data: decoded as Latin-1 characters.
    if (/^X([0-9A-Fa-f]{2})+$/.test(name)) {
      return name.slice(1).replace(/../g, (hex) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
    return whole;
  });
}

/** Splits a field into repetitions of components, unescaped. */
function parts(field: string | undefined, d: Delimiters): string[][] {
  if (field === undefined || field === '') return [];
  return field
    .split(d.repetition)
    .map((rep) =>
      rep.split(d.component).map((c) => decodeEscapes(c.split(d.subcomponent)[0] ?? '', d)),
    );
}

function join(values: ReadonlyArray<string | undefined>, separator = ' '): string {
  return values
    .filter((v) => v !== undefined && v.trim() !== '')
    .join(separator)
    .trim();
}

/** Person fields of a segment, by field number: which are ids, names, dates, addresses, phones. */
type FieldKind =
  | 'id'
  | 'name'
  | 'dob'
  | 'address'
  | 'phone'
  | 'ssn'
  | 'account'
  | 'license'
  | 'policy';

const PERSON_FIELDS: Readonly<Record<string, Readonly<Record<number, FieldKind>>>> = {
  PID: {
    2: 'id',
    3: 'id',
    4: 'id',
    5: 'name',
    6: 'name',
    7: 'dob',
    9: 'name',
    11: 'address',
    13: 'phone',
    14: 'phone',
    18: 'account',
    19: 'ssn',
    20: 'license',
  },
  NK1: { 2: 'name', 4: 'address', 5: 'phone', 6: 'phone', 30: 'name', 33: 'id', 37: 'ssn' },
  GT1: { 3: 'name', 5: 'address', 6: 'phone', 7: 'phone', 8: 'dob', 12: 'ssn' },
  IN1: { 16: 'name', 18: 'dob', 19: 'address', 36: 'policy' },
};

const WHO: Readonly<Record<string, string>> = {
  PID: 'Patient',
  NK1: 'Next of kin',
  GT1: 'Guarantor',
  IN1: 'Insured',
};

/** Prefixes `label: ` to `value`, or gives '' when there is no value. */
function labelled(label: string, value: string | undefined): string {
  return value ? `${label}: ${value}` : '';
}

/** The labelled line of one repetition `c` (its components) of a field of `kind`. */
function fieldLine(kind: FieldKind, who: string, c: readonly string[]): string {
  switch (kind) {
    case 'id':
      // CX: the number, then check digit, scheme, authority and the type code (component 5).
      return labelled(ID_TYPES[c[4] ?? ''] ?? `${who} ID`, c[0]);
    case 'name':
      // XPN: family, given, middle, suffix, prefix; written in reading order.
      return labelled(`${who} name`, join([c[4], c[1], c[2], c[0], c[3]]));
    case 'dob':
      return labelled('Date of birth', c[0] ? (hl7Date(c[0]) ?? c[0]) : undefined);
    case 'address':
      // XAD: street, other line, city, state, postal code, country.
      return labelled(`${who} address`, join(c.slice(0, 6), ', '));
    case 'phone': {
      // XTN: the number is in component 1, or split into area code (6) and local (7).
      const number = c[0] || join([c[5] ? `(${c[5]})` : undefined, c[6]]);
      return join([labelled('Phone', number), labelled('Email', c[3])], '\n');
    }
    case 'ssn':
      return labelled('SSN', c[0]);
    case 'account':
      return labelled('Account number', c[0]);
    case 'license':
      return labelled("Driver's license", c[0]);
    case 'policy':
      return labelled('Policy number', c[0]);
  }
}

function readHl7(text: string, file: FileInput, context: ExtractContext): void {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  if (lines.length > MAX_HL7_SEGMENTS) {
    const detail = `read ${MAX_HL7_SEGMENTS} of ${lines.length} segments`;
    context.addUnscannable(file.location, 'too_many_parts', detail);
  }
  const people = new SegmentBuilder();
  const all = new SegmentBuilder();
  let d = delimitersOf('MSH|^~\\&');
  for (const line of lines.slice(0, MAX_HL7_SEGMENTS)) {
    // Each message of a batch carries its own delimiters in MSH-1 and MSH-2.
    if (line.startsWith('MSH')) d = delimitersOf(line);
    const fields = line.split(d.field);
    const name = fields[0] ?? '';
    const plain = fields
      .map((field) =>
        parts(field, d)
          .map((c) => join(c))
          .join(' '),
      )
      .join(' | ');
    all.add(plain.trim(), `${file.location}#segment=${name}`);
    const wanted = PERSON_FIELDS[name];
    if (wanted === undefined) continue;
    for (const [number, kind] of Object.entries(wanted)) {
      const reps = parts(fields[Number(number)], d);
      for (const components of reps) {
        const line = fieldLine(kind, WHO[name] ?? name, components);
        if (line !== '') people.add(line, `${file.location}#segment=${name}-${number}`);
      }
    }
  }
  people.emit(context, `${file.location}#segment=PID`, 'hl7v2');
  all.emit(context, file.location, 'hl7v2-text');
}

/** Reads HL7 v2 messages: labelled patient fields and every segment as text. */
export const hl7v2Extractor: FileExtractor = {
  types: ['hl7v2'],
  async extract(file, context) {
    const text = new TextDecoder('utf-8').decode(file.bytes).replace(/^\uFEFF/, '');
    if (!/^(MSH|FHS|BHS)/.test(text.trimStart())) {
      context.addUnscannable(file.location, 'malformed', 'the message does not start with MSH');
      return;
    }
    readHl7(text.trimStart(), file, context);
  },
};
