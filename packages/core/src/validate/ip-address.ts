/**
 * Parsers for IP addresses as written in text. They check the structure only; which
 * addresses say something about a person is the detectors' business.
 */

/** The four octets of a dotted-quad IPv4 address, or undefined when it is not one. */
export function ipv4Octets(value: string): [number, number, number, number] | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    // A leading zero ("010") is read as octal by some tools and as decimal by others.
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    octets.push(octet);
  }
  return octets as [number, number, number, number];
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/**
 * The eight 16-bit groups of an IPv6 address in any RFC 4291 text form: full, with one
 * `::` run of zeros, or ending in a dotted IPv4 address. A zone (`%eth0`) is not accepted.
 * Returns undefined when the text is not an address.
 */
export function ipv6Groups(value: string): number[] | undefined {
  const halves = value.split('::');
  if (halves.length > 2) return undefined;

  const parse = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      // Only the very last piece may be an embedded IPv4 address.
      if (index === pieces.length - 1 && piece.includes('.')) {
        const octets = ipv4Octets(piece);
        if (!octets) return undefined;
        groups.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
      } else if (HEXTET.test(piece)) {
        groups.push(Number.parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };

  const head = parse(halves[0]!);
  if (!head) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  if (halves[0]!.includes('.')) return undefined;
  const tail = parse(halves[1]!);
  if (!tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}
