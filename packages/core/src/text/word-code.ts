/**
 * Letters and digits of any script, decided on the UTF-16 code: ASCII letters and digits,
 * and everything from Latin-1's letters up to the general punctuation block except the
 * multiplication and division signs. Terms and context words start and end between such
 * characters and the rest. A code test, not a regex, because it runs once per character.
 */
export function isWordCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && code < 0x2000)
  );
}
