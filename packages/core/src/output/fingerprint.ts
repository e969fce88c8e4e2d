import { createHmac, randomBytes } from 'node:crypto';

/** Key length for HMAC-SHA256 keys the engine makes itself. */
const GENERATED_KEY_BYTES = 32;

/** Hex characters kept from the digest: 128 bits, plenty to tell values apart. */
const FINGERPRINT_HEX_LENGTH = 32;

/**
 * Keyed fingerprints of matched values.
 *
 * A plain hash of an SSN can be reversed by hashing all 10^9 SSNs; an HMAC cannot without
 * the key. Callers that compare fingerprints across runs (counting a patient across
 * messages) pass their own secret key; otherwise each fingerprinter makes a random one and
 * its fingerprints are comparable only with each other.
 */
export class Fingerprinter {
  private readonly key: Buffer;

  constructor(key?: string | Uint8Array) {
    if (key === undefined) this.key = randomBytes(GENERATED_KEY_BYTES);
    else this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (this.key.length < 16) {
      throw new FingerprintKeyError(this.key.length);
    }
  }

  /** The fingerprint of `canonical` as a value of `kind` (the finding class). */
  of(kind: string, canonical: string): string {
    // One update with the parts joined hashes the same bytes as three, for one native call.
    return createHmac('sha256', this.key)
      .update(`${kind}\u0000${canonical}`)
      .digest('hex')
      .slice(0, FINGERPRINT_HEX_LENGTH);
  }
}

/** A caller-supplied fingerprint key is too short to resist guessing. */
export class FingerprintKeyError extends Error {
  override readonly name = 'FingerprintKeyError';
  constructor(readonly length: number) {
    super(
      `fingerprint key has ${length} bytes; pass at least 16 random bytes ` +
        '(for example crypto.randomBytes(32)) or omit the key to get a random one',
    );
  }
}

/** Letters and digits only, upper case: `123-45-6789` and `123 45 6789` are one value. */
export function canonicalForm(value: string): string {
  return value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}
