/**
 * True for digit strings people type as placeholders rather than as identifiers: one digit
 * repeated (`000000000`, `4444 4444 4444 4444`) or a straight run up or down
 * (`123456789`, `9876543210`). Separators are ignored; fewer than four digits never count.
 */
export function isPlaceholderDigits(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 4) return false;
  return isOneDigitRepeated(digits) || isRun(digits, 1) || isRun(digits, -1);
}

/**
 * True when the digits of a value are one digit repeated (`Policy # 000000`). Label-driven
 * detectors use this narrower test: after a label, a run such as `987654` is more often a
 * real or realistic number than a blank in a form.
 */
export function isOneDigitRepeated(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 4 && /^(\d)\1*$/.test(digits);
}

/** Each digit is the one before it plus `step`, wrapping 9 to 0 (`7890123`). */
function isRun(digits: string, step: 1 | -1): boolean {
  for (let i = 1; i < digits.length; i++) {
    const expected = (digits.charCodeAt(i - 1) - 48 + step + 10) % 10;
    if (digits.charCodeAt(i) - 48 !== expected) return false;
  }
  return true;
}
