import type { DetectorDefinition } from '../../detector/types.js';
import { maskAll } from '../../output/mask.js';

/**
 * A URL starting with a scheme or `www.`, up to the first space or bracket. The last
 * character may not be sentence punctuation, so `see https://a.org/x.` ends before the dot.
 */
const URL =
  '(?:https?://|www\\.)[A-Za-z0-9](?:[^\\s<>"\'`{}|\\\\^]*[^\\s<>"\'`{}|\\\\^.,;:!?)\\]])?';

/** Hosts that belong to no one: local machines and reserved documentation domains. */
const NOBODY =
  /^(?:localhost|(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost))$/i;

/**
 * Pieces of a path or query that can point at one person: a run of four or more digits,
 * an id-like parameter, or a long opaque token.
 */
const POINTS_AT_SOMEONE =
  /\d{4,}|[?&](?:id|pid|patient|mrn|user|uid|token|member)[\w-]*=|[A-Za-z0-9_-]{20,}/i;

/** A bare site or home page tells little; a path with an identifier in it tells more. */
const SITE_CONFIDENCE = 0.35;
const PATH_CONFIDENCE = 0.45;
const IDENTIFIER_CONFIDENCE = 0.6;

function parts(value: string): { scheme: string; host: string; rest: string } {
  const scheme = /^https?:\/\//i.exec(value)?.[0] ?? '';
  const afterScheme = value.slice(scheme.length);
  const cut = afterScheme.search(/[/?#]/);
  const authority = cut < 0 ? afterScheme : afterScheme.slice(0, cut);
  // Credentials before an `@` are dropped from the host; they are masked with the rest.
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d+$/, '');
  return { scheme, host, rest: cut < 0 ? '' : afterScheme.slice(cut) };
}

/**
 * Shows the scheme and the top-level domain, nothing else: `https://portal.mercy.org/p/123`
 * becomes `https://******.*****.org/***`. The host is masked too because a personal domain
 * names its owner.
 */
export function maskUrlHidingPath(value: string): string {
  const { scheme, host, rest } = parts(value);
  const labels = host.split('.');
  // Only a top-level domain of letters is shown; the last part of an IP host is not one.
  const top = labels.length > 1 && /^[A-Za-z]+$/.test(labels.at(-1)!) ? labels.pop()! : '';
  const shown = [...labels.map(maskAll), ...(top ? [top] : [])].join('.');
  return `${scheme}${shown}${rest ? '/***' : ''}`;
}

export const url: DetectorDefinition = {
  id: 'url',
  class: 'url',
  authority: 'IETF',
  summary:
    'Web addresses starting with http://, https:// or www., weighed by whether the path ' +
    'carries something that points at one person.',
  limitations:
    'Addresses without a scheme or www (portal.mercy.org/p/123) and other schemes (ftp, ' +
    'file) are not found; a URL is weighed by its shape, not by whose page it is.',
  patterns: [
    { name: 'web', regex: `\\b(?P<value>${URL})`, ignoreCase: true, confidence: PATH_CONFIDENCE },
  ],
  validate: (value) => {
    const { host, rest } = parts(value);
    if (!/\.[A-Za-z]{2,24}$/.test(host) && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return false;
    if (NOBODY.test(host)) return false;
    if (rest === '' || rest === '/') return SITE_CONFIDENCE;
    return POINTS_AT_SOMEONE.test(rest) ? IDENTIFIER_CONFIDENCE : true;
  },
  mask: maskUrlHidingPath,
  canonical: (value) =>
    value
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase(),
  context: [
    {
      words: ['portal', 'patient', 'chart', 'record', 'records', 'profile', 'my page', 'results'],
      effect: 'raise',
      weight: 0.2,
    },
    {
      words: [
        'unsubscribe',
        'privacy policy',
        'privacy',
        'view in browser',
        'terms',
        'newsletter',
        'opt out',
        'manage preferences',
      ],
      effect: 'lower',
    },
  ],
  samples: {
    positive: [
      {
        text: 'Results: https://portal.mercyhealth.org/patient/88231904/labs',
        value: 'https://portal.mercyhealth.org/patient/88231904/labs',
      },
      {
        text: 'see www.janedoe-recovery.com/blog/2021',
        value: 'www.janedoe-recovery.com/blog/2021',
      },
      {
        text: 'Open http://10.12.4.20/chart?doc=8812034 now.',
        value: 'http://10.12.4.20/chart?doc=8812034',
        why: 'an IP host and a long number; the full stop is left out',
      },
      {
        text: '(https://drive.google.com/file/d/1aB2cD3eF4gH5iJ6kL7mN8oP/view)',
        value: 'https://drive.google.com/file/d/1aB2cD3eF4gH5iJ6kL7mN8oP/view',
        why: 'a long opaque token',
      },
      {
        text: 'link: https://www.facebook.com/profile.php?id=1000123456',
        value: 'https://www.facebook.com/profile.php?id=1000123456',
      },
      {
        text: 'HTTPS://MYCHART.CLINIC.ORG/VISIT/77120',
        value: 'HTTPS://MYCHART.CLINIC.ORG/VISIT/77120',
        why: 'upper case',
      },
      {
        text: 'Your chart: https://mychart.example-health.com/records/john-smith',
        value: 'https://mychart.example-health.com/records/john-smith',
        why: 'a name in the path, raised by the chart word',
      },
      {
        text: '<https://calendly.com/dr-patel/followup?pid=55>',
        value: 'https://calendly.com/dr-patel/followup?pid=55',
      },
      {
        text: 'https://user:pw@files.host.net/scan-0412.pdf',
        value: 'https://user:pw@files.host.net/scan-0412.pdf',
      },
      {
        text: 'Upload at https://box.com/s/x7f3k9q2m1z8w4v6t0r5',
        value: 'https://box.com/s/x7f3k9q2m1z8w4v6t0r5',
      },
    ],
    negative: [
      { text: 'Guidance at https://www.cdc.gov', why: 'a home page points at no one' },
      { text: 'visit www.hhs.gov/', why: 'a site root' },
      {
        text: 'Unsubscribe: https://list.news.com/unsubscribe?u=a81bc9e2f4',
        why: 'an unsubscribe link',
      },
      { text: 'see https://example.com/patient/12345', why: 'a reserved documentation domain' },
      { text: 'dev server http://localhost:3000/api/1234', why: 'the local machine' },
      { text: 'http:// is the scheme', why: 'a scheme with no host' },
      { text: 'www. alone', why: 'no host after www' },
      { text: 'https://intranet/records/4412', why: 'a host without a top-level domain' },
      { text: 'Privacy policy: https://www.bank.com/privacy/2024', why: 'a policy link' },
      { text: 'read https://en.wikipedia.org/wiki/Pacemaker', why: 'a path with no identifier' },
    ],
  },
};
