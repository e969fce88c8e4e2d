import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { closeOcr } from '../../packages/extract/src/index.js';
import {
  type Inspection,
  loadPolicy,
  loadPolicyJson,
  PACKS,
  PolicyError,
} from '../../packages/phiguard/src/index.js';
import { parsePolicy } from '../../packages/rules/src/index.js';
import {
  expectFailClosed,
  fixture,
  fuzzParameters,
  fuzzRuns,
  fuzzTimeout,
  mutated,
} from './fuzz-support.js';
import { buildMail, GOLD, hardenedGuard, zip } from './helpers.js';

// Fuzzing through the public API: random and mutated inputs (real fixture files with bytes
// truncated, flipped, inserted, deleted or spliced) must never escape as an exception from
// Guard.inspectMessage, Guard.inspectFile or the policy loaders, and a decision over
// anything unreadable must never be `allow`. OCR is kept to one page per input and short
// timeouts keep a case that hits a slow path from spending the run.

const guard = hardenedGuard({
  limits: { maxOcrPages: 1, ocrTimeoutMs: 5_000, attachmentTimeoutMs: 8_000 },
});
const encoder = new TextEncoder();
afterAll(closeOcr);

/**
 * A document reader must say something about every non-empty file: text, or why there is
 * none. Only for documents that always hold text: an image OCR finds nothing in, an HTML
 * page cut before its body and a TNEF stream cut after its version attribute are readings
 * that found no text, not failures.
 */
const MUST_SAY_SOMETHING = new Set(['PDF', 'DOCX', 'XLSX', 'CDA/XML', 'FHIR JSON', 'HL7 v2']);
const BLANKS_ONLY = /^[ \t\r\n\f\v]*$/;

function expectNotSilent(inspection: Inspection, bytes: Uint8Array): void {
  const content = inspection.segments.filter((s) => s.area !== 'filename');
  const empty = inspection.attachments.every((a) => a.detectedType === 'empty');
  // A mutation can leave only blanks (a file of one space): there is nothing to read.
  if (empty || BLANKS_ONLY.test(Buffer.from(bytes).toString('latin1'))) return;
  expect(
    content.length + inspection.unscannable.length,
    `nothing read and nothing reported: ${inspection.attachments.map((a) => a.detectedType)}`,
  ).toBeGreaterThan(0);
}

const FHIR = encoder.encode(
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'Patient',
          identifier: [
            { system: 'http://hl7.org/fhir/sid/us-ssn', value: GOLD.ssn },
            { type: { coding: [{ code: 'MR' }] }, value: GOLD.mrn },
          ],
          name: [{ family: 'Farmer', given: ['Elias'] }],
          birthDate: '1961-04-01',
          telecom: [{ system: 'phone', value: '(614) 555-0142' }],
        },
      },
    ],
  }),
);
const HL7 = encoder.encode(
  [
    'MSH|^~\\&|LAB|HOSP|EHR|HOSP|202612031000||ORU^R01|MSG0001|P|2.5',
    `PID|1||${GOLD.mrn}^^^HOSP^MR||Farmer^Elias||19610401|M|||12 Elm St^^Columbus^OH^43004||(614)555-0142|||||ACCT42|${GOLD.ssnDigits}`,
    'OBX|1|TX|11502-2^Lab report^LN||Hemoglobin A1c 9.1 %, diabetes follow-up',
  ].join('\r'),
);
const HTML = encoder.encode(
  `<!doctype html><html><body><table><tr><td>Patient</td><td>${GOLD.name}</td></tr>` +
    `<tr><td>SSN</td><td><span>${GOLD.ssn.slice(0, 6)}</span>${GOLD.ssn.slice(6)}</td></tr></table>` +
    `<!-- MRN ${GOLD.mrn} --><img alt="diagnosis E11.9" src="cid:x"></body></html>`,
);
const CSV = encoder.encode(
  `Name,SSN,MRN,Diagnosis\n${GOLD.name},${GOLD.ssn},${GOLD.mrn},E11.9\n"Ada, Lovelace",219-09-9999,00482914,I10\n`,
);
const ZIP = new Uint8Array(
  zip([
    ['notes/referral.txt', `Patient ${GOLD.name}, SSN ${GOLD.ssn}, diabetes.`],
    ['inner.zip', zip([['labs.csv', CSV]])],
  ]),
);

// why: one row per reader, seeded with real files (fixtures/) where the project has them;
// the count is the CI budget, sized to a few seconds each on two cores.
const READERS: ReadonlyArray<readonly [string, string, readonly Uint8Array[], number]> = [
  [
    'PDF',
    'scan.pdf',
    [
      fixture('pdf/minimal-document.pdf'),
      fixture('pdf/annotated_pdf.pdf'),
      fixture('pdf/libreoffice-form.pdf'),
    ],
    30,
  ],
  ['DOCX', 'note.docx', [fixture('docx/comments.docx'), fixture('docx/tables.docx')], 40],
  ['XLSX', 'list.xlsx', [fixture('xlsx/comments.xlsx'), fixture('xlsx/gold.xlsx')], 40],
  [
    'image',
    'scan.png',
    [fixture('ocr/phototest.derived.png'), fixture('ocr/phototest.derived.webp')],
    8,
  ],
  [
    'CDA/XML',
    'ccd.xml',
    [
      fixture('cda/Masked Social Security Number.xml'),
      fixture('cda/Multiple Patient Identifiers (C-CDAR2.1).xml'),
    ],
    60,
  ],
  ['FHIR JSON', 'bundle.json', [FHIR], 80],
  ['HL7 v2', 'oru.hl7', [HL7], 80],
  ['ZIP', 'records.zip', [ZIP, fixture('docx/hello.zip')], 60],
  ['TNEF', 'winmail.dat', [fixture('tnef/examples/two-files.tnef')], 60],
  ['HTML', 'letter.html', [HTML], 80],
  ['CSV', 'export.csv', [CSV], 80],
];

describe('fuzz: mutated files never escape and never allow what was not read', () => {
  for (const [reader, filename, seeds, runs] of READERS) {
    it(
      `${reader}: Guard.inspectFile on ${fuzzRuns(runs)} mutated files`,
      async () => {
        let unreadable = 0;
        await fc.assert(
          fc.asyncProperty(mutated(seeds), async (bytes) => {
            const inspection = await guard.inspectFile(bytes, { filename });
            expectFailClosed(inspection);
            if (MUST_SAY_SOMETHING.has(reader)) expectNotSilent(inspection, bytes);
            if (inspection.unscannable.length > 0) unreadable++;
          }),
          fuzzParameters(runs),
        );
        // The mutations must reach the failure paths, or the property proves nothing.
        expect(unreadable).toBeGreaterThan(0);
      },
      fuzzTimeout(runs, 1_500),
    );
  }

  it(
    'every reader: Guard.inspectMessage on mutated files attached to a message',
    async () => {
      const cases = READERS.flatMap(([, filename, seeds]) =>
        seeds.map((seed) => ({ filename, seed })),
      );
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...cases)
            .chain(({ filename, seed }) => mutated([seed]).map((bytes) => ({ filename, bytes }))),
          async ({ filename, bytes }) => {
            const raw = buildMail({
              text: 'see attached',
              attachments: [{ filename, contentType: 'application/octet-stream', bytes }],
            });
            expectFailClosed(await guard.inspectMessage(raw));
          },
        ),
        fuzzParameters(40),
      );
    },
    fuzzTimeout(40, 1_500),
  );
});

describe('fuzz: MIME', () => {
  const MESSAGES = [
    fixture('examples/referral-with-pdf.eml'),
    fixture('examples/ssn-spreadsheet.eml'),
    fixture('examples/lab-result-to-patient.eml'),
    fixture('mime/postal-mime/fixtures/mimetorture.eml'),
    fixture('mime/mailparser/fixtures/nested.eml'),
  ];

  it(
    'Guard.inspectMessage on mutated real messages',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutated(MESSAGES), async (bytes) => {
          expectFailClosed(await guard.inspectMessage(Buffer.from(bytes)));
        }),
        fuzzParameters(40),
      );
    },
    fuzzTimeout(40, 1_000),
  );

  it('Guard.inspectMessage on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 8_192 }), async (bytes) => {
        expectFailClosed(await guard.inspectMessage(Buffer.from(bytes)));
      }),
      fuzzParameters(100),
    );
  });

  it('Guard.inspectMessage on random MIME structure', async () => {
    const line = fc.constantFrom(
      'Content-Type: multipart/mixed; boundary=b\r\n',
      'Content-Type: multipart/alternative; boundary=c\r\n',
      'Content-Type: message/rfc822\r\n',
      'Content-Type: application/pdf; name=a.pdf\r\n',
      'Content-Type: application/zip\r\n',
      'Content-Type: text/html; charset=x-unknown\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      'Content-Transfer-Encoding: quoted-printable\r\n',
      "Content-Disposition: attachment; filename*=utf-8''a%2Fb.txt\r\n",
      `Subject: =?UTF-8?B?${Buffer.from(GOLD.ssn).toString('base64')}?=\r\n`,
      'To: a@partner-clinic.test\r\n',
      '\r\n',
      '--b\r\n',
      '--b--\r\n',
      '--c\r\n',
      '=3D=\r\n',
      'JVBERi0xLjcK\r\n',
      'UEsDBBQ\r\n',
      `SSN ${GOLD.ssn}\r\n`,
      ' folded\r\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 80 }), async (lines) => {
        expectFailClosed(await guard.inspectMessage(lines.join('')));
      }),
      fuzzParameters(100),
    );
  });
});

describe('fuzz: policy parser', () => {
  const BASELINE = PACKS['hipaa-baseline']!;
  const onlyPolicyErrors = (load: () => unknown) => {
    try {
      load();
      return true;
    } catch (error) {
      // A located PolicyError is the one way a bad policy may fail; anything else escapes.
      expect(error).toBeInstanceOf(PolicyError);
      return false;
    }
  };

  it('parsePolicy and loadPolicy throw only PolicyError on a mutated baseline pack', () => {
    fc.assert(
      fc.property(mutated([encoder.encode(BASELINE)]), (bytes) => {
        const text = Buffer.from(bytes).toString('utf8');
        onlyPolicyErrors(() => parsePolicy({ name: 'fuzz.phg', text }));
        onlyPolicyErrors(() => loadPolicy(text, { name: 'fuzz.phg' }));
      }),
      fuzzParameters(300),
    );
  });

  it('loadPolicyJson throws only PolicyError on mutated and random JSON', () => {
    // The baseline pack as the JSON document its text parses to: a valid seed to mutate.
    const document = parsePolicy({ name: 'hipaa-baseline', text: BASELINE }).document;
    const json = encoder.encode(JSON.stringify(document));
    expect(() => loadPolicyJson(JSON.stringify(document))).not.toThrow();
    fc.assert(
      fc.property(
        fc.oneof(
          mutated([json]).map((b) => Buffer.from(b).toString('utf8')),
          fc.json({ maxDepth: 6 }),
        ),
        (text) => {
          onlyPolicyErrors(() => loadPolicyJson(text, { name: 'fuzz.json' }));
        },
      ),
      fuzzParameters(300),
    );
  });

  it(
    'a mutated policy that loads still decides without throwing and fails closed',
    async () => {
      const message = buildMail({
        text: `Patient ${GOLD.name}, SSN ${GOLD.ssn}, MRN ${GOLD.mrn}, type 2 diabetes.`,
        attachments: [{ filename: 'x.bin', contentType: 'application/pdf', bytes: 'not a pdf' }],
      });
      await fc.assert(
        fc.asyncProperty(mutated([encoder.encode(BASELINE)]), async (bytes) => {
          let policy: ReturnType<typeof loadPolicy>;
          try {
            policy = loadPolicy(Buffer.from(bytes).toString('utf8'), { name: 'fuzz.phg' });
          } catch (error) {
            expect(error).toBeInstanceOf(PolicyError);
            return;
          }
          expectFailClosed(await hardenedGuard({ policy }).inspectMessage(message));
        }),
        fuzzParameters(25),
      );
    },
    fuzzTimeout(25, 1_000),
  );
});
