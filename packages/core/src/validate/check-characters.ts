/**
 * Check characters of vehicle and device identifiers. Each function takes the identifier
 * as written, separators removed, and tells whether its check character agrees.
 */

/** ISO 3779 / 49 CFR 565: what each VIN letter counts as in the check-digit sum. */
const VIN_LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

/** Weight of each of the 17 positions; position 9 holds the check digit and weighs 0. */
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The check digit a VIN should carry at position 9 (`0`-`9` or `X` for ten), or undefined
 * when the text is not 17 VIN characters (I, O and Q are never used).
 */
export function vinCheckDigit(vin: string): string | undefined {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const char = vin[i]!;
    const value = char <= '9' ? Number(char) : VIN_LETTER_VALUES[char]!;
    sum += value * VIN_WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** True when a 17-character VIN carries the check digit its other characters give. */
export function vinValid(vin: string): boolean {
  const expected = vinCheckDigit(vin);
  return expected !== undefined && vin[8] === expected;
}

/**
 * The GS1 mod-10 check used by GTIN-8, -12, -13 and -14 (and SSCC): from the right,
 * digits are weighted 3, 1, 3, ... and the check digit brings the sum to a multiple of 10.
 */
export function gs1CheckValid(digits: string): boolean {
  if (!/^\d{8,18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/** The 43 characters of the HIBC LIC data structure, in check-value order. */
const HIBC_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

/**
 * The HIBCC mod-43 check (ANSI/HIBC 2.6): the values of every character before the check
 * character, the leading `+` included, summed modulo 43, name the check character.
 */
export function hibccCheckValid(data: string): boolean {
  if (data.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < data.length - 1; i++) {
    const value = HIBC_CHARSET.indexOf(data[i]!);
    if (value < 0) return false;
    sum += value;
  }
  return HIBC_CHARSET[sum % 43] === data[data.length - 1];
}
