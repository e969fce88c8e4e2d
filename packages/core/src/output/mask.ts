import { type FindingClass, isClinicalClass } from '../classes.js';

const ALNUM = /[\p{L}\p{N}]/u;
const ALNUM_GLOBAL = /[\p{L}\p{N}]/gu;

/** Every letter and digit becomes `*`; separators stay so the shape is recognisable. */
export function maskAll(value: string): string {
  return value.replace(ALNUM_GLOBAL, '*');
}

/**
 * Masks all but the last `keep` letters and digits (`***-**-6789`), and all of them when
 * the value is too short for the tail to be harmless.
 */
export function maskKeepingLast(value: string, keep = 4, minimumLength = 8): string {
  const chars = [...value];
  const total = chars.filter((c) => ALNUM.test(c)).length;
  if (total < minimumLength) return maskAll(value);
  let seen = 0;
  return chars
    .map((c) => {
      if (!ALNUM.test(c)) return c;
      seen++;
      return seen > total - keep ? c : '*';
    })
    .join('');
}

/** `Jane Q. Doe` becomes `J*** Q*** D***`: initials only, and no length. */
export function maskName(value: string): string {
  return value
    .split(/(\s+)/)
    .map((part) => {
      const first = [...part][0];
      return first !== undefined && ALNUM.test(first) ? `${first}***` : part;
    })
    .join('');
}

/** `jane.doe@mail.example.org` becomes `j***@****.*******.org`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return maskAll(value);
  const labels = value.slice(at + 1).split('.');
  const top = labels.pop() ?? '';
  const domain = [...labels.map(maskAll), top].join('.');
  return `${value[0]}***@${domain}`;
}

/** `https://portal.example.org/patient/123` becomes `https://***`. */
export function maskUrl(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  return scheme ? `${scheme[0]}***` : '***';
}

/** Clinical codes keep their first character (the chapter or kind of code). */
function maskCode(value: string): string {
  const [first, ...rest] = [...value];
  return (first ?? '') + maskAll(rest.join(''));
}

/** The mask a class gets when its detector does not bring its own. */
export function defaultMask(cls: FindingClass, value: string): string {
  if (isClinicalClass(cls)) return cls === 'clinical_term' ? maskName(value) : maskCode(value);
  switch (cls) {
    case 'name':
      return maskName(value);
    case 'email':
      return maskEmail(value);
    case 'url':
      return maskUrl(value);
    case 'date':
    case 'location':
    case 'age':
    case 'biometric_id':
      return maskAll(value);
    default:
      return maskKeepingLast(value);
  }
}
