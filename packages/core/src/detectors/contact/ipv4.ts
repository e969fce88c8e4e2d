import type { DetectorDefinition } from '../../detector/types.js';
import { ipv4Octets } from '../../validate/ip-address.js';
import { standsAlone } from '../../validate/standalone.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/**
 * Addresses that identify no one and are pruned: the unspecified address, loopback, the
 * reserved block 240/4 with broadcast, the three documentation ranges of RFC 5737, and
 * netmasks (a run of one bits followed by zero bits, such as 255.255.255.0).
 */
function identifiesNoOne(o: readonly number[]): boolean {
  const [a, b, c] = o as [number, number, number, number];
  if (a === 0 || a === 127) return true;
  if (a === 192 && b === 0 && c === 2) return true;
  if (a === 198 && b === 51 && c === 100) return true;
  if (a === 203 && b === 0 && c === 113) return true;
  const bits = o.reduce((n, octet) => n * 256 + octet, 0);
  const inverted = 0xffffffff - bits;
  // A netmask's complement is 2^k - 1: all ones below some bit, zeros above.
  return a >= 240 || (a >= 128 && (inverted & (inverted + 1)) === 0);
}

/**
 * Private (RFC 1918), carrier-grade NAT, link-local and multicast addresses name a machine
 * only inside one network; they are kept, at low confidence, because inside a hospital
 * network a workstation address can still point at whoever sits at it.
 */
function isInternal(o: readonly number[]): boolean {
  const [a, b] = o as [number, number, number, number];
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a >= 224 && a <= 239)
  );
}

const INTERNAL_CONFIDENCE = 0.35;

/** Four single-digit parts (2.4.1.0) are far more often a version or a section number. */
const SMALL_PARTS_CONFIDENCE = 0.3;

export const ipv4: DetectorDefinition = {
  id: 'ipv4',
  class: 'ip_address',
  authority: 'IETF',
  summary: 'IPv4 addresses in dotted-quad form, such as 73.162.14.201.',
  limitations:
    'Addresses written with leading zeros, in hexadecimal or as one integer are not found; ' +
    'a four-part version number with large parts and no version word reads as an address.',
  patterns: [
    {
      name: 'dotted_quad',
      regex: `\\b(?P<value>${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET})\\b`,
      confidence: 0.55,
    },
  ],
  prune: (value) => {
    const octets = ipv4Octets(value);
    return octets === undefined || identifiesNoOne(octets);
  },
  validate: (value, facts) => {
    // `v1.2.3.4` and `1.2.3.4.5` are versions and longer dotted numbers; a port after a
    // colon (`1.2.3.4:443`) belongs to the address.
    const port = /^:\d{1,5}\b/.exec(facts.text.slice(facts.end, facts.end + 7));
    const end = port ? facts.end + port[0].length : facts.end;
    if (!standsAlone({ text: facts.text, start: facts.start, end })) return false;
    const octets = ipv4Octets(value)!;
    if (isInternal(octets)) return INTERNAL_CONFIDENCE;
    return octets.every((o) => o < 10) ? SMALL_PARTS_CONFIDENCE : true;
  },
  canonical: (value) => value,
  context: [
    {
      words: [
        'ip',
        'ip address',
        'ipv4',
        'address',
        'host',
        'client',
        'remote',
        'login from',
        'logged in from',
        'src',
        'source',
        'origin',
        'x forwarded for',
      ],
      effect: 'raise',
      weight: 0.3,
    },
    {
      words: [
        'version',
        'ver',
        'v',
        'build',
        'release',
        'rev',
        'revision',
        'firmware',
        'section',
        'chapter',
        'figure',
        'table',
        'step',
        'oid',
      ],
      effect: 'lower',
      weight: 0.5,
    },
  ],
  samples: {
    positive: [
      { text: 'Login from 73.162.14.201 at 3am', value: '73.162.14.201' },
      { text: 'IP: 8.8.4.4', value: '8.8.4.4' },
      { text: 'client=203.1.113.9;', value: '203.1.113.9', why: 'next to the documentation range' },
      { text: 'X-Forwarded-For: 24.5.120.77', value: '24.5.120.77' },
      { text: '(from 185.220.101.34)', value: '185.220.101.34' },
      { text: 'host 10.20.30.40 is her workstation', value: '10.20.30.40', why: 'private, low' },
      { text: 'IP address 1.2.3.4', value: '1.2.3.4', why: 'small parts with an IP word' },
      { text: 'remote 99.250.0.1:443', value: '99.250.0.1', why: 'a port after the address' },
      { text: 'ip=100.64.12.9', value: '100.64.12.9', why: 'carrier-grade NAT, low' },
      { text: 'Source IP ８.８.８.８', value: '８.８.８.８', why: 'full-width digits' },
    ],
    negative: [
      { text: 'version 1.2.3.4 released', why: 'a version number' },
      { text: 'Build 10.0.19045.3693', why: 'a version with a part over 255' },
      { text: 'v2.10.4.1', why: 'a letter joined to the number' },
      { text: 'Gateway 127.0.0.1', why: 'loopback' },
      { text: 'netmask 255.255.255.0', why: 'a netmask' },
      { text: 'Example host 192.0.2.44', why: 'the RFC 5737 documentation range' },
      { text: 'Listen on 0.0.0.0', why: 'the unspecified address' },
      { text: 'See section 4.2.1.3 of the manual', why: 'a section number' },
      { text: 'OID 1.3.6.1.4.1.311', why: 'a longer dotted number' },
      { text: 'Printer at 192.168.1.20', why: 'a home network address stays low' },
      { text: 'Value 256.12.4.9', why: 'an octet over 255' },
      { text: 'Table 3.1.2.4', why: 'small parts that number a table' },
    ],
  },
};
