import type { DetectorDefinition } from '../../detector/types.js';

/**
 * Domains reserved for documentation and testing (RFC 2606, RFC 6761). Mail to them
 * reaches nobody, but they are what people write when they try a scanner or fill a form
 * with sample data, so an address there is still reported, at medium rather than high.
 */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;

/** File names with a resolution suffix (`logo@2x.png`) look like addresses to a pattern. */
const FILE_SUFFIX = /\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|ico|pdf|js|css)$/i;

/** A character that, just before the match, shows the local part was cut short. */
const CUT_LOCAL_PART = /[=+%._\-/]/;

/** RFC 5321 limits: 64 characters before the `@`, 254 in all. */
const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;

/**
 * The local part allows the characters people use (letters, digits, `.`, `_`, `%`, `+`,
 * `-`), not the quoted forms RFC 5322 also allows. The domain is dot-separated labels
 * ending in a top-level domain of letters.
 */
const LOCAL = "[A-Za-z0-9](?:[A-Za-z0-9._%+'\\-]{0,62}[A-Za-z0-9_%+\\-])?";
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}';

const RESERVED_CONFIDENCE = 0.6;

/**
 * Mailboxes of a function rather than a person (RFC 2142 and common practice): they name
 * an organisation, not an individual, and stay low.
 */
const ROLE_ACCOUNT = new RegExp(
  '^(?:no-?reply|do-?not-?reply|postmaster|mailer-daemon|abuse|webmaster|hostmaster|info|' +
    'support|help|sales|billing|privacy|security|admin|newsletter|notifications?|alerts?|' +
    'marketing|unsubscribe)$',
  'i',
);
const ROLE_CONFIDENCE = 0.35;

export const email: DetectorDefinition = {
  id: 'email',
  class: 'email',
  authority: 'IETF',
  summary: 'Email addresses in the dot-atom form of RFC 5321, such as jane.doe+clinic@mail.org.',
  limitations:
    'Quoted local parts, addresses with an IP literal domain, and addresses written to dodge ' +
    'harvesters ("jane at mail dot org") are not found; message ids with a plain local part ' +
    'read as addresses.',
  patterns: [{ name: 'address', regex: `\\b(?P<value>${LOCAL}@${DOMAIN})\\b`, confidence: 0.85 }],
  validate: (value, facts) => {
    const at = value.lastIndexOf('@');
    const local = value.slice(0, at);
    const domain = value.slice(at + 1);
    if (local.length > MAX_LOCAL || value.length > MAX_ADDRESS) return false;
    if (local.includes('..') || FILE_SUFFIX.test(domain)) return false;
    if (CUT_LOCAL_PART.test(facts.text[facts.start - 1] ?? '')) return false;
    // Credentials inside a URL (`https://user:pw@host`) belong to the URL finding.
    if (/:\/\/\S*$/.test(facts.text.slice(Math.max(0, facts.start - 200), facts.start)))
      return false;
    // `@` right after the domain means a longer token such as a message id or a route.
    if (facts.text[facts.end] === '@') return false;
    if (ROLE_ACCOUNT.test(local)) return ROLE_CONFIDENCE;
    return RESERVED_DOMAIN.test(domain) ? RESERVED_CONFIDENCE : true;
  },
  canonical: (value) => value.toLowerCase(),
  context: [
    {
      words: ['email', 'e mail', 'mail', 'contact', 'address', 'reach', 'write to', 'mailto'],
      effect: 'raise',
      weight: 0.1,
    },
    {
      words: ['message id', 'in reply to', 'references', 'content id', 'cid'],
      effect: 'lower',
      weight: 0.5,
    },
  ],
  samples: {
    positive: [
      { text: 'Email: jane.doe@gmail.com', value: 'jane.doe@gmail.com' },
      {
        text: 'write to j.r.smith+clinic@mail.hospital.org today',
        value: 'j.r.smith+clinic@mail.hospital.org',
      },
      {
        text: '<maria_lopez42@yahoo.co.uk>',
        value: 'maria_lopez42@yahoo.co.uk',
        why: 'in brackets',
      },
      { text: 'mailto:pt.records@stmarys.health', value: 'pt.records@stmarys.health' },
      { text: 'contact KEVIN.O-BRIEN@Outlook.COM now', value: 'KEVIN.O-BRIEN@Outlook.COM' },
      {
        text: 'reply to d_obrien@va.gov.',
        value: 'd_obrien@va.gov',
        why: 'full stop ends the sentence',
      },
      { text: "o'connor.mary@aol.com sent it", value: "o'connor.mary@aol.com", why: 'apostrophe' },
      { text: '(sam%ops@host.io)', value: 'sam%ops@host.io' },
      { text: 'Patient email jdoe1987@proton.me', value: 'jdoe1987@proton.me' },
      { text: 'cc: a@b.co', value: 'a@b.co', why: 'the shortest practical address' },
      {
        text: 'his email is john.doe@example.com',
        value: 'john.doe@example.com',
        why: 'a documentation domain is still reported, at medium',
      },
      {
        text: 'Ｅmail: ｊａｎｅ@ｍａｉｌ.ｏｒｇ',
        value: 'ｊａｎｅ@ｍａｉｌ.ｏｒｇ',
        why: 'full-width letters',
      },
    ],
    negative: [
      { text: 'logo@2x.png in the footer', why: 'an image name with a resolution suffix' },
      { text: 'see user@localhost for tests', why: 'no top-level domain' },
      { text: 'Sent by noreply@mercyhealth.org', why: 'a role mailbox, not a person' },
      { text: 'Questions: privacy@hospital.org', why: 'a role mailbox, not a person' },
      {
        text: 'Content-ID: <image001.png@01D9A2B3.C4D5E6F0>',
        why: 'a content id with a hex domain',
      },
      { text: 'mention @janedoe on the forum', why: 'a handle, no local part' },
      { text: 'jane..doe@gmail.com', why: 'two dots in a row in the local part' },
      { text: 'name@domain.c', why: 'one-letter top-level domain' },
      { text: 'jane@@mail.org', why: 'two at signs' },
      { text: 'version v1.2@3.4 released', why: 'numbers around an at sign' },
      { text: 'price 3 @ 4.50 each', why: 'at as a price sign' },
      { text: 'jane at mail dot org', why: 'spelled out addresses are not covered' },
    ],
  },
};
