import type { DetectorDefinition } from '../../detector/types.js';
import { ipv6Groups } from '../../validate/ip-address.js';

/**
 * A run of hex digits, colons and (for an embedded IPv4 tail) dots with at least two
 * colons, ending in a hex digit. The pattern only finds candidates; `ipv6Groups` decides.
 */
const GROUPS = '(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,8}(?:\\.\\d{1,3}){0,3}';
const CANDIDATE = `(?:^|[^0-9A-Za-z:.])(?P<value>${GROUPS})`;

/**
 * The loopback and unspecified addresses, and the documentation prefix 2001:db8::/32 of
 * RFC 3849, identify no one.
 */
function identifiesNoOne(groups: readonly number[]): boolean {
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7]! <= 1) return true;
  return groups[0] === 0x2001 && groups[1] === 0x0db8;
}

/**
 * Link-local (fe80::/10) and unique local (fc00::/7) addresses name a machine inside one
 * network, as RFC 1918 addresses do for IPv4; they stay low.
 */
function isInternal(groups: readonly number[]): boolean {
  const first = groups[0]!;
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00;
}

const INTERNAL_CONFIDENCE = 0.35;

/**
 * Eight groups of exactly two hex digits (`12:34:56:78:9a:bc:de:f0`) is how key
 * fingerprints and hex dumps are written, not how anyone writes an address.
 */
const BYTE_PAIRS = /^(?:[0-9A-Fa-f]{2}:){7}[0-9A-Fa-f]{2}$/;
const BYTE_PAIRS_CONFIDENCE = 0.2;

export const ipv6: DetectorDefinition = {
  id: 'ipv6',
  class: 'ip_address',
  authority: 'IETF',
  summary: 'IPv6 addresses in the text forms of RFC 4291, full or with a :: run of zeros.',
  limitations:
    'Addresses with a zone (fe80::1%eth0) are found without the zone, and addresses in ' +
    'brackets with a port are found without the port; only the address part is reported.',
  patterns: [{ name: 'hex_groups', regex: CANDIDATE, confidence: 0.6 }],
  prune: (value) => {
    const groups = ipv6Groups(value);
    return groups === undefined || identifiesNoOne(groups);
  },
  validate: (value, facts) => {
    // A letter or digit right after means the candidate stopped inside a longer token.
    if (/[0-9A-Za-z:]/.test(facts.text[facts.end] ?? '')) return false;
    if (BYTE_PAIRS.test(value)) return BYTE_PAIRS_CONFIDENCE;
    return isInternal(ipv6Groups(value)!) ? INTERNAL_CONFIDENCE : true;
  },
  canonical: (value) =>
    ipv6Groups(value)!
      .map((g) => g.toString(16))
      .join(':'),
  context: [
    {
      words: ['ip', 'ip address', 'ipv6', 'address', 'host', 'client', 'remote', 'login from'],
      effect: 'raise',
      weight: 0.3,
    },
    {
      words: ['fingerprint', 'mac', 'mac address', 'key', 'sha1', 'sha256', 'md5', 'time'],
      effect: 'lower',
      weight: 0.5,
    },
  ],
  samples: {
    positive: [
      { text: 'Login from 2600:1700:3c81:9a40::2f', value: '2600:1700:3c81:9a40::2f' },
      {
        text: 'IP 2a02:0c7f:7a12:4b00:0000:0000:0000:0001 seen',
        value: '2a02:0c7f:7a12:4b00:0000:0000:0000:0001',
        why: 'full form',
      },
      { text: 'client=2607:f8b0:4004:c07::64;', value: '2607:f8b0:4004:c07::64' },
      {
        text: '[2001:470:1f06:1234::5]:8080',
        value: '2001:470:1f06:1234::5',
        why: 'bracketed with a port',
      },
      { text: 'ipv6 ::ffff:73.162.14.201', value: '::ffff:73.162.14.201', why: 'IPv4-mapped' },
      {
        text: 'host FE80::1C2B:3AFF:FE4D:5E6F',
        value: 'FE80::1C2B:3AFF:FE4D:5E6F',
        why: 'link-local, low',
      },
      { text: 'addr 2804:14c:65a1::', value: '2804:14c:65a1::', why: 'ends in ::' },
      { text: 'remote 2a01:4f8:c17:1a2b:0:0:0:1', value: '2a01:4f8:c17:1a2b:0:0:0:1' },
      { text: 'From: 2409:8a1e:6d31:e0f0::1', value: '2409:8a1e:6d31:e0f0::1' },
      {
        text: 'IP address fd12:3456:789a:1::1',
        value: 'fd12:3456:789a:1::1',
        why: 'unique local, low',
      },
    ],
    negative: [
      { text: 'loopback ::1', why: 'loopback' },
      { text: 'Docs use 2001:db8:85a3::8a2e:370:7334', why: 'the documentation prefix' },
      { text: 'Meeting at 10:30:00', why: 'a time of day' },
      { text: 'MAC 00:1A:2B:3C:4D:5E', why: 'a MAC address has six groups' },
      { text: 'fingerprint 12:34:56:78:9a:bc:de:f0', why: 'byte pairs of a key fingerprint' },
      { text: 'ratio 1:2:3', why: 'a ratio' },
      { text: 'Bible John 3:16:1', why: 'a verse reference' },
      { text: 'bind to :: on start', why: 'the unspecified address' },
      { text: '1:2:3:4:5:6:7:8:9', why: 'nine groups' },
      { text: 'time 12:30:45:500', why: 'a time with milliseconds' },
      { text: 'abc::def::1', why: 'two :: runs' },
    ],
  },
};
