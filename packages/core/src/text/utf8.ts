import { OffsetMap } from './offset-map.js';

/**
 * A string and its UTF-8 bytes. re2 converts a JavaScript string to UTF-8 on every call, so
 * the engine converts once and runs every pattern on the bytes; match positions then come
 * back as byte offsets and this maps them to UTF-16 positions in the string.
 */
export class Utf8Text {
  /** The string, equal to the one given and laid out flat when that one was not. */
  readonly text: string;
  readonly bytes: Buffer;
  private readonly byteToUnit: OffsetMap;
  private readonly unitToByte: OffsetMap;

  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
    this.text = flatCopy(text, this.bytes);
    this.byteToUnit = new OffsetMap();
    this.unitToByte = new OffsetMap();
    if (this.bytes.length !== text.length) this.mapMultiByteCharacters();
  }

  /** The UTF-16 position in `text` of byte offset `byte`. */
  toIndex(byte: number): number {
    return this.byteToUnit.toOriginal(byte);
  }

  /** The byte offset of UTF-16 position `index`, which must not split a surrogate pair. */
  toByte(index: number): number {
    return this.unitToByte.toOriginal(index);
  }

  private mapMultiByteCharacters(): void {
    const text = this.text;
    let byte = 0;
    for (let unit = 0; unit < text.length; unit++) {
      const code = text.charCodeAt(unit);
      if (code < 0x80) {
        byte += 1;
        continue;
      }
      if (code < 0x800) {
        byte += 2;
      } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(unit + 1))) {
        // A surrogate pair: two UTF-16 units, four bytes.
        byte += 4;
        unit++;
      } else {
        byte += 3;
      }
      this.byteToUnit.set(byte, unit + 1 - byte);
      this.unitToByte.set(unit + 1, byte - unit - 1);
    }
  }
}

/**
 * A string cut out of a larger one (a message split from a mailbox, a MIME part) is read
 * through the larger one, which slows every character loop over it: the finders ran about
 * a fifth faster on a flat copy. Decoding the bytes makes one for a few microseconds. A
 * lone surrogate does not survive the trip through UTF-8; such a text is kept as given.
 */
function flatCopy(text: string, bytes: Buffer): string {
  const copy = bytes.toString('utf8');
  return copy === text ? copy : text;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
