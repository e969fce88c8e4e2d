import type { ExtractContext, FileExtractor, FileInput } from '../types.js';
import { SegmentBuilder } from './emit.js';
import { hl7Date } from './xml.js';

/**
 * FHIR JSON resources and Bundles. People in a resource (Patient, Practitioner,
 * RelatedPerson, Person) are written as labelled lines: identifiers with what their system
 * says they are, names, birth date, telecoms and addresses. Every other string in the JSON
 * is read too, in a second segment, so notes and narratives are scanned as text. Nesting
 * is capped before anything is read.
 */

/** Deepest JSON nesting read; real FHIR resources stay well under 20. */
export const MAX_JSON_DEPTH = 64;

/** Identifier systems with a known meaning. */
const SYSTEM_LABELS: Readonly<Record<string, string>> = {
  'http://hl7.org/fhir/sid/us-ssn': 'SSN',
  'urn:oid:2.16.840.1.113883.4.1': 'SSN',
  'http://hl7.org/fhir/sid/us-npi': 'NPI',
  'urn:oid:2.16.840.1.113883.4.6': 'NPI',
  'http://hl7.org/fhir/sid/us-medicare': 'Medicare number',
  'http://hl7.org/fhir/sid/us-mbi': 'Medicare number',
};

/** Identifier type codes (HL7 v2 table 0203) with a known meaning. */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  SS: 'SSN',
  MR: 'MRN',
  DL: "Driver's license",
  PPN: 'Passport',
  NPI: 'NPI',
  MB: 'Member ID',
  SN: 'Subscriber number',
  AN: 'Account number',
};

const PEOPLE = new Set(['Patient', 'Practitioner', 'RelatedPerson', 'Person']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function str(value: Json | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function depthOf(root: Json): number {
  // Iterative, so a hostile document cannot overflow the stack while being measured.
  let deepest = 0;
  const stack: Array<[Json, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [Json, number];
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    if (typeof value === 'object' && value !== null) {
      for (const inner of Object.values(value)) stack.push([inner, depth + 1]);
    }
  }
  return deepest;
}

function identifierLabel(identifier: JsonObject): string {
  const system = str(identifier.system);
  if (system !== undefined && SYSTEM_LABELS[system]) return SYSTEM_LABELS[system];
  const type = isObject(identifier.type) ? identifier.type : {};
  for (const coding of list(type.coding)) {
    const code = str(coding.code);
    if (code !== undefined && TYPE_LABELS[code]) return TYPE_LABELS[code];
  }
  const text = str(type.text);
  if (text !== undefined) return `Identifier, ${text}`;
  return system === undefined ? 'Identifier' : `Identifier, ${system}`;
}

function personLines(
  resource: JsonObject,
  who: string,
  add: (text: string, field: string) => void,
) {
  for (const [i, identifier] of list(resource.identifier).entries()) {
    const value = str(identifier.value);
    if (value !== undefined) add(`${identifierLabel(identifier)}: ${value}`, `identifier[${i}]`);
  }
  for (const [i, name] of list(resource.name).entries()) {
    const parts = [name.prefix, name.given, name.family, name.suffix]
      .flatMap((part) => (Array.isArray(part) ? part : [part]))
      .map((part) => str(part))
      .filter((part) => part !== undefined);
    const text = parts.length > 0 ? parts.join(' ') : str(name.text);
    if (text !== undefined) add(`${who} name: ${text}`, `name[${i}]`);
  }
  const birth = str(resource.birthDate);
  if (birth !== undefined) {
    add(`Date of birth: ${hl7Date(birth.replace(/-/g, '')) ?? birth}`, 'birthDate');
  }
  for (const [i, telecom] of list(resource.telecom).entries()) {
    const value = str(telecom.value);
    const system = str(telecom.system) ?? 'telecom';
    const label = { phone: 'Phone', fax: 'Fax', email: 'Email', sms: 'Phone' }[system] ?? 'Telecom';
    if (value !== undefined) add(`${label}: ${value}`, `telecom[${i}]`);
  }
  for (const [i, address] of list(resource.address).entries()) {
    const line = Array.isArray(address.line) ? address.line : [];
    const parts = [
      ...line,
      address.city,
      address.district,
      address.state,
      address.postalCode,
      address.country,
    ]
      .map((part) => str(part))
      .filter((part) => part !== undefined);
    const text = parts.length > 0 ? parts.join(', ') : str(address.text);
    if (text !== undefined) add(`${who} address: ${text}`, `address[${i}]`);
  }
}

/** Every resource in a Bundle (and in `contained`), with a path to it. */
function resources(root: JsonObject): Array<[JsonObject, string]> {
  const found: Array<[JsonObject, string]> = [];
  const visit = (resource: JsonObject, path: string) => {
    found.push([resource, path]);
    for (const [i, entry] of list(resource.entry).entries()) {
      if (isObject(entry.resource)) visit(entry.resource, `${path}entry[${i}].resource.`);
    }
    for (const [i, inner] of list(resource.contained).entries())
      visit(inner, `${path}contained[${i}].`);
  };
  visit(root, '');
  return found;
}

function allStrings(value: Json, out: string[]): void {
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const next = stack.pop() as Json;
    if (typeof next === 'string') {
      if (next.trim() !== '') out.push(next);
    } else if (typeof next === 'number' || typeof next === 'boolean') {
      out.push(String(next));
    } else if (next !== null) {
      const values = Object.values(next);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i] as Json);
    }
  }
}

function readFhir(root: JsonObject, file: FileInput, context: ExtractContext): void {
  const people = new SegmentBuilder();
  for (const [resource, path] of resources(root)) {
    const type = str(resource.resourceType);
    if (type === undefined || !PEOPLE.has(type)) continue;
    const who = type === 'Patient' ? 'Patient' : type === 'RelatedPerson' ? 'Related person' : type;
    personLines(resource, who, (text, field) =>
      people.add(text, `${file.location}#path=${path}${field}`),
    );
  }
  people.emit(context, `${file.location}#path=${str(root.resourceType) ?? 'resource'}`, 'fhir');

  const strings: string[] = [];
  allStrings(root, strings);
  const all = new SegmentBuilder();
  all.add(strings.join('\n'), file.location);
  all.emit(context, file.location, 'json', false);
}

/** Reads FHIR JSON: labelled people fields and every string value. */
export const fhirExtractor: FileExtractor = {
  types: ['fhir-json'],
  async extract(file, context) {
    let root: Json;
    try {
      root = JSON.parse(new TextDecoder('utf-8').decode(file.bytes)) as Json;
    } catch {
      context.addUnscannable(file.location, 'malformed', 'the file is not valid JSON');
      return;
    }
    if (depthOf(root) > MAX_JSON_DEPTH) {
      context.addUnscannable(
        file.location,
        'too_deep',
        `JSON nests deeper than ${MAX_JSON_DEPTH} levels`,
      );
      return;
    }
    if (!isObject(root)) {
      context.addUnscannable(file.location, 'malformed', 'the JSON is not a FHIR resource');
      return;
    }
    readFhir(root, file, context);
  },
};
