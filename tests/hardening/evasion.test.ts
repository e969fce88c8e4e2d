import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../packages/phiguard/src/index.js';
import {
  base64Lines,
  buildMail,
  docx,
  GOLD,
  hardenedGuard,
  singlePart,
  summary,
  textPdf,
  wCommentedPara,
  wPara,
  xlsx,
  zip,
} from './helpers.js';
import { renderScan } from './scan-image.js';

// Each case hides a labelled value the way a sender (or their software) might, and the whole
// pipeline must still find it at the right place and must not allow the message to an
// external recipient. Cases the pipeline misses are not here: they are listed in
// docs/security.md under "known gaps" with the reason.
//
// Findings carry reduced locations: a file or sheet name can itself be PHI, so the pipeline
// shows `attachment[0]:*.docx#comment=0` where extraction said `attachment[0]:letter.docx#...`
// (see packages/policy/src/locations.ts). The expected locations below are written that way.

const guard = hardenedGuard();

interface EvasionCase {
  /** What the sender did. */
  readonly name: string;
  readonly raw: () => string | Promise<string>;
  readonly klass: string;
  /** The location the finding must carry: exact prefix or a pattern. */
  readonly location: string | RegExp;
}

const fullWidth = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, '\uff0d');
const arabicIndic = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const entities = (s: string) => [...s].map((c) => `&#${c.charCodeAt(0)};`).join('');

/** A message with one DOCX attachment, `letter.docx`. */
const docxLetter = (bytes: Buffer) =>
  buildMail({
    attachments: [
      {
        filename: 'letter.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes,
      },
    ],
  });

const CDA_NS = 'urn:hl7-org:v3';
const innerCda =
  `<?xml version="1.0"?><ClinicalDocument xmlns="${CDA_NS}"><recordTarget><patientRole>` +
  `<id root="2.16.840.1.113883.4.1" extension="${GOLD.ssn}"/>` +
  `<patient><name><given>Elias</given><family>Farmer</family></name></patient>` +
  `</patientRole></recordTarget><component><structuredBody><component><section>` +
  `<text>Patient SSN: ${GOLD.ssn}</text></section></component></structuredBody></component>` +
  '</ClinicalDocument>';
// A CDA header whose SSN is only in an attribute, with every element under the prefix
// `a:` and no XML declaration, so that it opens like an HTML link.
const prefixedCda =
  `<a:ClinicalDocument xmlns:a="${CDA_NS}"><a:recordTarget><a:patientRole>` +
  `<a:id root="2.16.840.1.113883.4.1" extension="${GOLD.ssn}"/>` +
  '<a:patient><a:name><a:given>Elias</a:given><a:family>Farmer</a:family></a:name>' +
  '</a:patient></a:patientRole></a:recordTarget></a:ClinicalDocument>';
const outerCda = (embedded: string, compression?: 'DF') =>
  `<?xml version="1.0"?><ClinicalDocument xmlns="${CDA_NS}"><title>Referral packet</title>` +
  '<component><nonXMLBody><text mediaType="text/xml" representation="B64"' +
  `${compression ? ` compression="${compression}"` : ''}>` +
  `${embedded}</text></nonXMLBody></component></ClinicalDocument>`;

// A real AcroForm: the text field (object 6, merged with its widget) is listed in the
// catalog's /AcroForm and on the page. The field is flagged hidden and the note hidden and
// no-view (/F 2, /F 34): a viewer shows neither, and the page's text layer holds no SSN.
const formPdf = (hide: 'field' | 'note') =>
  textPdf(
    'Referral form',
    hide === 'field' ? '/Annots [6 0 R]' : '/Annots [7 0 R]',
    [
      `<< /Type /Annot /Subtype /Widget /F 2 /FT /Tx /T (patient_ssn) /V (${hide === 'field' ? GOLD.ssn : ''}) /Rect [72 600 300 620] /P 3 0 R >>`,
      `<< /Type /Annot /Subtype /Text /F 34 /Contents (Check SSN ${GOLD.ssn} before sending) /Rect [72 500 90 520] /P 3 0 R >>`,
    ],
    '/AcroForm << /Fields [6 0 R] >>',
  );

const CASES: EvasionCase[] = [
  {
    name: 'zero-width characters inside an SSN',
    raw: () => buildMail({ text: 'SSN: 371\u200b-42\u200c-88\u200d56\ufeff' }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'full-width digits and dashes',
    raw: () => buildMail({ text: `SSN: ${fullWidth(GOLD.ssn)}` }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'Arabic-Indic digits',
    raw: () => buildMail({ text: `SSN: ${arabicIndic(GOLD.ssn)}` }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'Cyrillic look-alike letters in the patient name',
    raw: () =>
      buildMail({ text: 'Patient: \u0415lias F\u0430rmer, seen for type 2 diabetes and I21.4.' }),
    klass: 'name',
    location: 'body:text',
  },
  {
    name: 'a Cyrillic look-alike letter in the SSN label',
    raw: () => buildMail({ text: `Patient \u0405SN: ${GOLD.ssn}` }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'spaces inside the number',
    raw: () => buildMail({ text: 'SSN: 371 42 8856' }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'dots inside the number',
    raw: () => buildMail({ text: 'SSN: 371.42.8856' }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'a line break inside the number',
    raw: () => buildMail({ text: 'SSN: 371-42-\r\n8856 as discussed' }),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'HTML numeric entities',
    raw: () => buildMail({ html: `<p>SSN: ${entities(GOLD.ssn)}</p>` }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'split across inline HTML tags',
    raw: () => buildMail({ html: '<p>SSN: <b>371</b>-<i>42</i>-<span>88</span>56</p>' }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'label and value in adjacent table cells',
    raw: () => buildMail({ html: `<table><tr><td>SSN</td><td>${GOLD.ssn}</td></tr></table>` }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'an HTML comment',
    raw: () => buildMail({ html: `<p>Hello</p><!-- patient SSN ${GOLD.ssn} -->` }),
    klass: 'ssn',
    location: 'body:html#comment=1',
  },
  {
    name: 'an HTML data- attribute',
    raw: () => buildMail({ html: `<p>Hello</p><span data-ref="SSN ${GOLD.ssn}"></span>` }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'text shown by a CSS content rule',
    raw: () =>
      buildMail({
        html: `<style>p.n::after { content: "SSN ${GOLD.ssn}"; }</style><p class="n">Note</p>`,
      }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'text hidden with display:none',
    raw: () => buildMail({ html: `<p>Hi</p><div style="display:none">SSN ${GOLD.ssn}</div>` }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'white text on white at font size 1px',
    raw: () =>
      buildMail({
        html: `<p style="color:#fff;background:#fff;font-size:1px">SSN ${GOLD.ssn}</p>`,
      }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'image alt text',
    raw: () => buildMail({ html: `<img src="cid:chart" alt="Chart for SSN ${GOLD.ssn}">` }),
    klass: 'ssn',
    location: 'body:html',
  },
  {
    name: 'a base64 text body with no charset',
    raw: () =>
      singlePart(
        ['Content-Type: text/plain', 'Content-Transfer-Encoding: base64'],
        base64Lines(`Patient SSN: ${GOLD.ssn}\r\n`),
      ),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'a quoted-printable body with no charset, soft break and escapes inside the SSN',
    raw: () =>
      singlePart(
        ['Content-Type: text/plain', 'Content-Transfer-Encoding: quoted-printable'],
        'Patient SSN: =33=37=31-42-=\r\n8856\r\n',
      ),
    klass: 'ssn',
    location: 'body:text',
  },
  {
    name: 'the attachment file name',
    raw: () =>
      buildMail({
        text: 'see attached',
        attachments: [
          { filename: `SSN ${GOLD.ssn}.txt`, contentType: 'text/plain', bytes: 'nothing here' },
        ],
      }),
    klass: 'ssn',
    location: /^attachment\[0\]/,
  },
  {
    name: 'a DOCX comment',
    raw: () =>
      docxLetter(
        docx({
          body: wCommentedPara('Dear colleague, see my note.', 0),
          comments: `<w:comment w:id="0" w:author="A">${wPara(`SSN ${GOLD.ssn}`)}</w:comment>`,
        }),
      ),
    klass: 'ssn',
    location: 'attachment[0]:*.docx#comment=0',
  },
  {
    name: 'DOCX text formatted hidden',
    raw: () =>
      docxLetter(
        docx({
          body:
            wPara('Referral attached.') +
            `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>SSN ${GOLD.ssn}</w:t></w:r></w:p>`,
        }),
      ),
    klass: 'ssn',
    location: 'attachment[0]:*.docx',
  },
  {
    name: 'an XML comment',
    raw: () =>
      buildMail({
        attachments: [
          {
            filename: 'export.xml',
            contentType: 'text/xml',
            bytes: `<?xml version="1.0"?><Export><!-- SSN ${GOLD.ssn} --><row/></Export>`,
          },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.xml#xpath=/Export/comment()',
  },
  {
    name: 'a DOCX tracked deletion',
    raw: () =>
      docxLetter(
        docx({
          body:
            '<w:p><w:r><w:t xml:space="preserve">Patient </w:t></w:r>' +
            `<w:del w:id="1" w:author="A"><w:r><w:delText>SSN ${GOLD.ssn}</w:delText></w:r></w:del></w:p>`,
        }),
      ),
    klass: 'ssn',
    location: /^attachment\[0\]:\*\.docx#deleted=\d+$/,
  },
  {
    name: 'a hidden XLSX sheet',
    raw: () =>
      buildMail({
        attachments: [
          {
            filename: 'claims.xlsx',
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes: xlsx([
              { name: 'Summary', rows: [['Total'], ['12']] },
              { name: 'Patients', hidden: true, rows: [['SSN'], [GOLD.ssn]] },
            ]),
          },
        ],
      }),
    klass: 'ssn',
    // why: sheet names are reduced to `*`; only the hidden sheet holds an SSN, in its A2.
    location: 'attachment[0]:*.xlsx#sheet=*!A2',
  },
  {
    name: 'a hidden XLSX row',
    raw: () =>
      buildMail({
        attachments: [
          {
            filename: 'claims.xlsx',
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes: xlsx([
              {
                name: 'Claims',
                hiddenRows: [2],
                rows: [
                  ['SSN', 'Amount'],
                  [GOLD.ssn, '120.00'],
                ],
              },
            ]),
          },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.xlsx#sheet=*!A2',
  },
  {
    name: 'a hidden PDF form field value',
    raw: () =>
      buildMail({
        attachments: [
          { filename: 'form.pdf', contentType: 'application/pdf', bytes: formPdf('field') },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.pdf#page=1',
  },
  {
    name: 'a hidden, no-view PDF annotation',
    raw: () =>
      buildMail({
        attachments: [
          { filename: 'form.pdf', contentType: 'application/pdf', bytes: formPdf('note') },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.pdf#page=1',
  },
  {
    name: 'a CDA whose elements carry a namespace prefix that is also an HTML tag',
    raw: () =>
      buildMail({
        attachments: [{ filename: 'summary.xml', contentType: 'text/xml', bytes: prefixedCda }],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.xml',
  },
  {
    name: 'a CDA embedded in base64 inside another CDA',
    raw: () =>
      buildMail({
        attachments: [
          {
            filename: 'packet.xml',
            contentType: 'text/xml',
            bytes: outerCda(Buffer.from(innerCda).toString('base64')),
          },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.xml/part[0]#xpath=/ClinicalDocument/recordTarget',
  },
  {
    name: 'a deflated CDA embedded in base64 inside another CDA',
    raw: () =>
      buildMail({
        attachments: [
          {
            filename: 'packet.xml',
            contentType: 'text/xml',
            bytes: outerCda(deflateRawSync(innerCda).toString('base64'), 'DF'),
          },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.xml/part[0]#xpath=/ClinicalDocument/recordTarget',
  },
  {
    name: 'a ZIP inside a ZIP',
    raw: () =>
      buildMail({
        attachments: [
          {
            filename: 'outer.zip',
            contentType: 'application/zip',
            bytes: zip([['inner.zip', zip([['notes.txt', `Patient SSN: ${GOLD.ssn}\n`]])]]),
          },
        ],
      }),
    klass: 'ssn',
    location: 'attachment[0]:*.zip/entry[0]:*.zip/entry[0]:*.txt',
  },
  {
    name: 'an MRN beside a name and a diagnosis in the body',
    raw: () =>
      buildMail({
        text: `Patient: ${GOLD.name}\r\nMRN: ${GOLD.mrn}\r\nDiagnosis: I21.4 acute MI\r\n`,
      }),
    klass: 'mrn',
    location: 'body:text',
  },
  {
    name: 'a patient name, MRN and diagnosis in a DOCX comment',
    raw: () =>
      docxLetter(
        docx({
          body: wCommentedPara('Follow-up visit summary.', 0),
          comments: `<w:comment w:id="0" w:author="A">${wPara(`Patient: ${GOLD.name}, MRN: ${GOLD.mrn}, diagnosis I21.4`)}</w:comment>`,
        }),
      ),
    klass: 'name',
    location: 'attachment[0]:*.docx#comment=0',
  },
];

function expectCaught(inspection: Inspection, klass: string, location: string | RegExp) {
  const hit = inspection.findings.find(
    (f) =>
      f.class === klass &&
      (typeof location === 'string' ? f.location.startsWith(location) : location.test(f.location)),
  );
  expect(hit, JSON.stringify(summary(inspection))).toBeDefined();
  expect(inspection.decision.action).not.toBe('allow');
}

describe('evasion: PHI hidden from a casual reader is still found', () => {
  it.each(CASES)('finds the value hidden in $name', async ({ raw, klass, location }) => {
    const inspection = await guard.inspectMessage(await raw());
    expectCaught(inspection, klass, location);
  });

  it('finds an SSN in a rotated, low-contrast scan (OCR)', async () => {
    const png = await renderScan(`Patient SSN: ${GOLD.ssn}`, { angleDegrees: 4, ink: 150 });
    const inspection = await guard.inspectMessage(
      buildMail({ attachments: [{ filename: 'scan.png', contentType: 'image/png', bytes: png }] }),
    );
    expectCaught(inspection, 'ssn', 'attachment[0]:*.png');
  }, 60_000);
});
