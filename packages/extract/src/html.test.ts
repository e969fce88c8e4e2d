import { describe, expect, it } from 'vitest';
import { htmlToText } from './html.js';

describe('htmlToText', () => {
  // Each row: what is hidden or encoded in the HTML, and the text that must come out.
  const kept: [string, string, string][] = [
    ['a value split across inline tags', '<p>SSN 123-45-<b>6789</b></p>', '123-45-6789'],
    ['text hidden with display:none', '<div style="display:none">MRN 445566</div>', 'MRN 445566'],
    [
      'text with a zero font size',
      '<span style="font-size:0">DOB 01/02/1960</span>',
      'DOB 01/02/1960',
    ],
    [
      'white text on white',
      '<font color="#fff" style="background:#fff">Jane Roe</font>',
      'Jane Roe',
    ],
    [
      'image alt text',
      '<img alt="scan of card 123-45-6789" src="cid:x">',
      'scan of card 123-45-6789',
    ],
    ['title attributes', '<a title="patient John Doe" href="#">x</a>', 'patient John Doe'],
    [
      'numeric and named entities',
      '<p>&#49;&#50;3&#x2D;45&ndash;6789&nbsp;ok</p>',
      '123-45\u20136789\u00a0ok',
    ],
    ['a comment', '<p>hi</p><!-- MRN 998877 -->', 'MRN 998877'],
    ['a tel: link target', '<a href="tel:+1-555-010-9999">call</a>', 'tel:+1-555-010-9999'],
    ['a JSON script', '<script type="application/ld+json">{"id":"A1"}</script>', '{"id":"A1"}'],
    ['a data- attribute', '<span data-patient-ssn="123-45-6789">x</span>', '123-45-6789'],
    ['meta content', '<meta name="patient" content="Jane Roe">', 'Jane Roe'],
    ['CSS content', '<style>p::before{content:"SSN 123-45-6789"}</style>', 'SSN 123-45-6789'],
    ['content in a style left open', '<p>x</p><style>i::after{content:"MRN 445566"}', 'MRN 445566'],
    ['CSS escapes in content', "<style>b::after{content:'MRN \\34 45566'}</style>", 'MRN 445566'],
  ];
  for (const [why, html, expected] of kept) {
    it(`keeps ${why}`, () => {
      expect(htmlToText(html).text).toContain(expected);
    });
  }

  it('skips script and style bodies', () => {
    const { text } = htmlToText(
      '<style>.a{color:#123456}</style><script>var x=1234567;</script>ok',
    );
    expect(text).toBe('ok');
  });

  it('puts table cells on one line and rows on their own', () => {
    const { text } = htmlToText(
      '<table><tr><td>SSN</td><td>123-45-6789</td></tr><tr><td>x</td></tr></table>',
    );
    expect(text.split('\n').filter(Boolean)).toEqual(['\tSSN\t123-45-6789', '\tx']);
  });

  it('locates each comment by offsets', () => {
    const result = htmlToText('<p>a</p><!--one--><p>b</p><!--two-->');
    expect(result.comments.map((c) => result.text.slice(c.start, c.end))).toEqual(['one', 'two']);
  });

  it('survives deeply nested markup without recursion', () => {
    const html = `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`;
    expect(htmlToText(html).text).toContain('deep');
  });
});
