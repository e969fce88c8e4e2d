import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccuracyCommand } from '../../benchmarks/accuracy/command.js';
import { runCaptured } from '../../packages/cli/src/testing/capture.js';
import { configurePdf } from '../../packages/extract/src/index.js';
import {
  canonicalForm,
  createGuardPool,
  explainDecision,
  type GuardLogger,
  type Inspection,
  loadPolicy,
} from '../../packages/phiguard/src/index.js';
import { createSmtpFilter } from '../../packages/smtp-filter/src/index.js';
import { createClient, startSink } from '../../packages/smtp-filter/src/testing/loopback.js';
import {
  buildMail,
  docx,
  EXTERNAL_RECIPIENT,
  GOLD,
  hardenedGuard,
  INTERNAL,
  singlePart,
  textPdf,
  wCommentedPara,
  wPara,
  zip,
} from './helpers.js';

// Leaks: the whole pipeline runs, debug logging on, over messages whose PHI is known (the
// labelled values of fixtures/examples and messages built here), and every output is
// searched for those values: inspections, decisions and audit records, the Guard's and the
// SMTP filter's debug events, SMTP replies and stamped headers, errors and unscannable
// details, `phiguard scan` (table, json, jsonl) and `phiguard hook` on stdout and stderr, and
// the accuracy benchmark's Markdown, HTML and JSON reports.
//
// A value counts as leaked in any of four forms: as written (any case), its letters and
// digits run together (`elias farmer` as `EliasFarmer`), its digits with separators taken
// out (`371-42-8856` as `371 42 8856` or `371428856`), and its base64 at each alignment. The
// sanity test proves the search finds values where they are meant to be shown
// (`--show-values`), so the other tests cannot pass by searching for nothing. Failure
// messages name a value by its number, never the value itself.
//
// The second block pins what makes fingerprints safe to show: they are HMACs under a secret
// key, so enumerating the SSN space reverses them only for whoever holds the key.

const EXAMPLES = fileURLToPath(new URL('../../fixtures/examples', import.meta.url));

/** Values of the messages built below, besides the shared GOLD ones. */
const BUILT = {
  phone: '(508) 867-2291',
  email: 'elias.farmer1961@gmail.com',
  dob: '03/14/1961',
  ssn2: '512-38-4907',
  mbi: '1EG4-TE5-MK73',
  street: '4417 Birchwood Court',
  csvName: 'Rosalind Quigley',
  csvSsn: '623-19-4470',
} as const;

/** Attachment file names that are PHI themselves. */
const FILE_NAMES = {
  csv: `Farmer_Elias_${GOLD.ssnDigits}.csv`,
  docx: 'Elias_Farmer_referral.docx',
  pdf: `Quigley Rosalind ${BUILT.csvSsn}.pdf`,
  cut: `Elias_Farmer_${GOLD.ssn}.pdf`,
  zip: `Farmer_MRN${GOLD.mrn}.zip`,
  entry: `Elias Farmer ${BUILT.ssn2}.txt`,
  unknown: `Elias Farmer DOB ${BUILT.dob.replaceAll('/', '-')}.bin`,
} as const;

interface Message {
  readonly file: string;
  readonly raw: string;
  /** Labelled spans for the benchmark's gold file. */
  readonly spans: ReadonlyArray<{ class: string; location: string; value: string }>;
}

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

/** Messages with PHI in every place a message has: subject, bodies, names and attachments. */
function builtMessages(): Message[] {
  const everywhere = buildMail({
    messageId: '<leaks-1@example-hospital.org>',
    subject: `Referral for ${GOLD.name}, SSN ${GOLD.ssn}`,
    text:
      `Patient: ${GOLD.name}\r\nDOB: ${BUILT.dob}\r\nMRN: ${GOLD.mrn}\r\n` +
      `SSN: ${BUILT.ssn2}\r\nMedicare: ${BUILT.mbi}\r\nPhone: ${BUILT.phone}\r\n` +
      `Email: ${BUILT.email}\r\nAddress: ${BUILT.street}, Worcester, MA 01609\r\n` +
      'Diagnosis: I21.4 acute myocardial infarction, type 2 diabetes.\r\n',
    html:
      `<table><tr><td>SSN</td><td>${GOLD.ssn}</td></tr></table>` +
      `<img src="cid:chart" alt="Chart for ${GOLD.name}, MRN ${GOLD.mrn}">` +
      `<!-- patient phone ${BUILT.phone} -->`,
    attachments: [
      {
        filename: FILE_NAMES.csv,
        contentType: 'text/csv',
        bytes: `Name,SSN,DOB\n${BUILT.csvName},${BUILT.csvSsn},${BUILT.dob}\n`,
      },
      {
        filename: FILE_NAMES.docx,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: docx({
          body: wCommentedPara(`Referral for ${GOLD.name}, MRN ${GOLD.mrn}.`, 0),
          comments: `<w:comment w:id="0" w:author="A">${wPara(`SSN ${BUILT.ssn2}`)}</w:comment>`,
        }),
      },
      {
        filename: FILE_NAMES.pdf,
        contentType: 'application/pdf',
        bytes: textPdf(`Patient ${BUILT.csvName} SSN ${BUILT.csvSsn} diabetes`),
      },
    ],
  });
  // Parts that cannot be read, each under a name that is PHI: the error paths.
  const unreadable = buildMail({
    messageId: '<leaks-2@example-hospital.org>',
    subject: encodedWord(`Records of ${GOLD.name} (${BUILT.ssn2})`),
    text: `Records for ${GOLD.name}, MRN ${GOLD.mrn}, attached.`,
    attachments: [
      {
        filename: FILE_NAMES.cut,
        contentType: 'application/pdf',
        bytes: textPdf(`Patient ${GOLD.name} SSN ${GOLD.ssn}`).subarray(0, 300),
      },
      {
        filename: FILE_NAMES.zip,
        contentType: 'application/zip',
        bytes: zip([
          [FILE_NAMES.entry, `SSN ${BUILT.ssn2}\n`],
          ['inner.zip', zip([['deeper.zip', zip([['notes.txt', `MRN ${GOLD.mrn}`]])]])],
        ]),
      },
      { filename: FILE_NAMES.unknown, contentType: 'application/octet-stream', bytes: '\x00\x01' },
    ],
  });
  // A declared base64 body that is not base64, and an SSN hidden with zero-width spaces.
  const malformed = singlePart(
    [
      'Message-ID: <leaks-3@example-hospital.org>',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: base64',
    ],
    `Patient ${GOLD.name} SSN 371\u200b-42-8856 phone ${BUILT.phone} !!`,
    `Follow-up ${BUILT.email}`,
  );
  return [
    {
      file: 'm1.eml',
      raw: everywhere,
      spans: [
        { class: 'name', location: 'subject', value: GOLD.name },
        { class: 'ssn', location: 'subject', value: GOLD.ssn },
        { class: 'date', location: 'body:text', value: BUILT.dob },
        { class: 'mrn', location: 'body:text', value: GOLD.mrn },
        { class: 'ssn', location: 'body:text', value: BUILT.ssn2 },
        { class: 'health_plan_id', location: 'body:text', value: BUILT.mbi },
        { class: 'phone', location: 'body:text', value: BUILT.phone },
        { class: 'email', location: 'body:text', value: BUILT.email },
        { class: 'location', location: 'body:text', value: BUILT.street },
        { class: 'ssn', location: 'body:html', value: GOLD.ssn },
        { class: 'name', location: 'attachment[0]:*.csv', value: BUILT.csvName },
        { class: 'ssn', location: 'attachment[0]:*.csv', value: BUILT.csvSsn },
      ],
    },
    {
      file: 'm2.eml',
      raw: unreadable,
      spans: [
        { class: 'name', location: 'body:text', value: GOLD.name },
        { class: 'mrn', location: 'body:text', value: GOLD.mrn },
      ],
    },
    {
      file: 'm3.eml',
      raw: malformed,
      spans: [{ class: 'email', location: 'subject', value: BUILT.email }],
    },
  ];
}

interface Known {
  /** `value#n`: how a failure names the value without showing it. */
  readonly id: string;
  readonly value: string;
}

/** Every labelled value of fixtures/examples, and the attachment names in its locations. */
function exampleValues(): string[] {
  const values: string[] = [];
  for (const line of readFileSync(join(EXAMPLES, 'gold.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { spans: { value?: string; location: string }[] };
    for (const span of record.spans) {
      if (span.value) values.push(span.value);
      const name = /^attachment\[\d+\]:([^#/]+)/.exec(span.location)?.[1];
      if (name) values.push(name);
    }
  }
  return values;
}

const KNOWN: readonly Known[] = (() => {
  const values = [
    ...exampleValues(),
    ...Object.values(GOLD),
    ...Object.values(BUILT),
    ...Object.values(FILE_NAMES),
  ];
  const seen = new Set<string>();
  const known: Known[] = [];
  for (const value of values) {
    // why: shorter values (`Vu`, `M06.9`, ZIP codes) match counts and words by chance.
    if (value.length < 6 || seen.has(value)) continue;
    seen.add(value);
    known.push({ id: `value#${known.length}`, value });
  }
  return known;
})();

/** Letters and digits only, lower case. */
const compact = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Each run of digits joined by up to two separators, as digits only: `(508) 867-2291`. */
const digitRuns = (text: string) =>
  (text.match(/\p{Nd}(?:[\s\-./()]{0,2}\p{Nd})*/gu) ?? []).map((run) => run.replace(/\D/g, ''));

/** The value's base64 at each of the three alignments, cut to the stable middle. */
function base64Forms(value: string): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from(`${'x'.repeat(shift)}${value}`).toString('base64');
    const middle = encoded.slice(shift === 0 ? 0 : 4, -4);
    if (middle.length >= 8) forms.push(middle);
  }
  return forms;
}

/** Known values found in `text`, as `id (form)`. */
function leaksIn(text: string): string[] {
  const lower = text.toLowerCase();
  const letters = compact(text);
  const digits = digitRuns(text).join(' ');
  const found: string[] = [];
  for (const { id, value } of KNOWN) {
    const valueDigits = value.replace(/\D/g, '');
    const valueCompact = compact(value);
    if (lower.includes(value.toLowerCase())) found.push(`${id} (as written)`);
    else if (
      /\p{L}/u.test(valueCompact) &&
      valueCompact.length >= 8 &&
      letters.includes(valueCompact)
    )
      found.push(`${id} (letters and digits)`);
    else if (valueDigits.length >= 8 && digits.includes(valueDigits)) found.push(`${id} (digits)`);
    else if (base64Forms(value).some((form) => text.includes(form))) found.push(`${id} (base64)`);
  }
  return found;
}

/** Everything one part of the pipeline wrote, by where it came from. */
type Outputs = Array<readonly [where: string, text: string]>;

function expectNoLeaks(outputs: Outputs): void {
  expect(outputs.length).toBeGreaterThan(0);
  const leaks = outputs.flatMap(([where, text]) => leaksIn(text).map((l) => `${where}: ${l}`));
  expect(leaks).toEqual([]);
}

/** A logger that keeps every event, whatever its level. */
function recorder(): { events: string[]; logger: GuardLogger } {
  const events: string[] = [];
  return {
    events,
    logger: {
      log: (level, event, fields) => events.push(JSON.stringify({ level, event, fields })),
    },
  };
}

/** An inspection as JSON without its context: that is the caller's own envelope, echoed. */
const inspectionJson = (inspection: Inspection) =>
  JSON.stringify({ ...inspection, context: undefined });

const cli = runCaptured;

/** Keeps what a call threw: its name and message. */
async function thrown(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  throw new Error('expected the call to throw');
}

// A policy whose allow list names a detector that does not exist: the rendered error shows
// the allow line, with its values starred.
const BAD_POLICY =
  'policy leaky extends hipaa-baseline\n' +
  `allow values ssn "${GOLD.ssn}", "${BUILT.ssn2}"\n` +
  `allow values ssn_typo "${BUILT.csvSsn}"\n`;

/** Allow lists written wrong in the ways an error would show as written, if not starred. */
const MISWRITTEN_ALLOW_LISTS = [
  // why: a misspelt keyword, so the line is not a well-formed allow statement.
  `allow value ssn "${GOLD.ssn}"`,
  `alow values ssn "${GOLD.ssn}"`,
  // why: the error is on the second line of a list that spans lines.
  `allow values ssn "${BUILT.ssn2}",\n  "${GOLD.ssn}" oops`,
  // why: a string left open is not a string to the lexer.
  `allow values ssn "${GOLD.ssn}`,
  // why: unquoted values are tokens the problem text would name.
  `allow values ssn ${GOLD.ssnDigits}`,
  `allow values name ${GOLD.name}`,
].map((lines) => `policy leaky extends hipaa-baseline\n${lines}\n`);

const messages = builtMessages();
let dir: string;
let mailDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phiguard-leaks-'));
  mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  for (const m of messages) writeFileSync(join(mailDir, m.file), m.raw);
  const gold = messages.map((m, i) =>
    JSON.stringify({ id: `leaks-${i}`, file: m.file, phi: true, spans: m.spans }),
  );
  writeFileSync(join(mailDir, 'gold.jsonl'), `${gold.join('\n')}\n`);
  writeFileSync(join(dir, 'policy.phg'), BAD_POLICY);
});

afterAll(() => {
  configurePdf({});
  rmSync(dir, { recursive: true, force: true });
});

const allRaw = () => [
  ...['referral-with-pdf', 'lab-result-to-patient', 'ssn-spreadsheet', 'clean-newsletter'].map(
    (name) => readFileSync(join(EXAMPLES, `${name}.eml`), 'latin1'),
  ),
  ...messages.map((m) => m.raw),
];

describe('leaks: no known value leaves the pipeline in clear', () => {
  it('finds the values where they are meant to be shown, in every form it searches', async () => {
    expect(KNOWN.length).toBeGreaterThan(60);
    // Each form of the search catches what it is for.
    expect(leaksIn(`ssn ${GOLD.ssn}`)).toContain(`${idOf(GOLD.ssn)} (as written)`);
    expect(leaksIn('SSN 371 42 8856')).toContain(`${idOf(GOLD.ssn)} (digits)`);
    expect(leaksIn('ELIAS-FARMER')).toContain(`${idOf(GOLD.name)} (letters and digits)`);
    expect(leaksIn(encodedWord(`To ${GOLD.name} now`))).toContain(`${idOf(GOLD.name)} (base64)`);
    expect(leaksIn('hmac:9f3a0b71 ***-**-8856 MRN ****2913 bytes=4096 | 72 | 0.90 |')).toEqual([]);

    // --show-values is the one output meant to hold values: the search must see them there.
    const shown = await cli([
      'scan',
      '--format',
      'json',
      '--show-values',
      '--exit-zero',
      EXAMPLES,
      mailDir,
    ]);
    const hits = new Set(leaksIn(shown.out).map((l) => l.split(' ')[0]));
    for (const value of [GOLD.ssn, BUILT.ssn2, BUILT.csvSsn, BUILT.phone, '170-80-0528']) {
      expect(hits, idOf(value)).toContain(idOf(value));
    }
    expect(hits.size).toBeGreaterThan(25);
  });

  it('Guard: inspections, decisions, audit records, explanations and debug events', async () => {
    const { events, logger } = recorder();
    const guard = hardenedGuard({ logger });
    // Small limits put the same messages through the limit paths.
    const limited = [
      hardenedGuard({ logger, limits: { maxInputBytes: 4_096 } }),
      hardenedGuard({ logger, limits: { maxParts: 2 } }),
      hardenedGuard({ logger, limits: { maxDepth: 1 } }),
    ];
    const outputs: Outputs = [];
    const reasons = new Set<string>();
    let findings = 0;
    const keep = (where: string, inspection: Inspection) => {
      for (const u of inspection.unscannable) reasons.add(u.reason);
      findings += inspection.findings.length;
      outputs.push([`${where} inspection`, inspectionJson(inspection)]);
      outputs.push([`${where} explanation`, explainDecision(inspection.decision)]);
    };
    for (const [i, raw] of allRaw().entries()) {
      for (const [g, each] of [guard, ...limited].entries()) {
        keep(`message ${i} guard ${g}`, await each.inspectMessage(raw));
      }
      outputs.push([`message ${i} verdict`, JSON.stringify(await guard.verdict(raw))]);
    }
    // Files outside mail, under names that are PHI.
    const pdf = textPdf(`Patient ${GOLD.name} SSN ${GOLD.ssn}`);
    const files = [
      [FILE_NAMES.pdf, pdf],
      [FILE_NAMES.cut, pdf.subarray(0, 200)],
      [FILE_NAMES.csv, Buffer.from(`SSN\n${GOLD.ssn}\n`)],
    ] as const;
    for (const [i, [filename, bytes]] of files.entries()) {
      keep(`file ${i}`, await guard.inspectFile(new Uint8Array(bytes), { filename }));
    }
    outputs.push(...events.map((e, i) => [`guard event ${i}`, e] as const));

    // The paths searched were really taken: findings, each kind of unreadable part, events.
    expect(findings).toBeGreaterThan(200);
    for (const reason of ['too_large', 'too_many_parts', 'too_deep', 'malformed']) {
      expect(reasons).toContain(reason);
    }
    expect(events.length).toBeGreaterThan(40);
    expectNoLeaks(outputs);
  });

  it('GuardPool: inspections, verdicts, debug events and errors that come from workers', async () => {
    const { events, logger } = recorder();
    const pool = createGuardPool({ internalDomains: [INTERNAL], workers: 2, logger });
    const outputs: Outputs = [];
    try {
      let findings = 0;
      for (const [i, raw] of allRaw().entries()) {
        const inspection = await pool.inspectMessage(raw);
        findings += inspection.findings.length;
        outputs.push([`pool message ${i} inspection`, inspectionJson(inspection)]);
        outputs.push([`pool message ${i} verdict`, JSON.stringify(await pool.verdict(raw))]);
      }
      expect(findings).toBeGreaterThan(50);
    } finally {
      await pool.close();
    }
    // A worker stopped past its time and one killed under a message: what their errors say.
    const slow = createGuardPool({ workers: 1, timeoutMs: 1 });
    const big = Buffer.from(`Patient ${GOLD.name}, SSN ${GOLD.ssn}. `.repeat(50_000));
    try {
      const error = await slow.inspectFile(big, { filename: FILE_NAMES.csv }).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      outputs.push(['pool timeout error', `${String(error)} ${JSON.stringify(error)}`]);
    } finally {
      await slow.close();
    }
    outputs.push(...events.map((e, i) => [`pool event ${i}`, e] as const));
    expect(events.length).toBeGreaterThan(10);
    expectNoLeaks(outputs);
  }, 60_000);

  it('errors: reader exceptions that quote content, and a malformed policy', async () => {
    const outputs: Outputs = [];
    // A PDF reader whose error message quotes the document, as parsers do.
    configurePdf({
      createParser: () => {
        throw new Error(`bad object near "${GOLD.name} ${GOLD.ssn}"`);
      },
    });
    try {
      const inspection = await hardenedGuard().inspectMessage(messages[0]!.raw);
      expect(inspection.unscannable.map((u) => u.reason)).toContain('extractor_failed');
      outputs.push(['reader exception', inspectionJson(inspection)]);
    } finally {
      configurePdf({});
    }

    const policyError = await thrown(() => loadPolicy(BAD_POLICY, { name: 'leaky.phg' }));
    // The allow line itself is shown, its value starred.
    expect(policyError).toContain('allow values ssn_typo "***-**-****"');
    outputs.push(['policy error', policyError]);
    for (const [i, text] of MISWRITTEN_ALLOW_LISTS.entries()) {
      const error = await thrown(() => loadPolicy(text, { name: 'leaky.phg' }));
      expect(error).toMatch(/^PolicyError: .*\n {2}at leaky\.phg:[23]:/);
      outputs.push([`miswritten allow list ${i}`, error]);
      writeFileSync(join(dir, `allow-${i}.phg`), text);
      const checked = await cli(['rules', 'check', join(dir, `allow-${i}.phg`)]);
      expect(checked.code).not.toBe(0);
      outputs.push([`rules check ${i}`, checked.out + checked.err]);
    }
    for (const argv of [
      ['rules', 'check', join(dir, 'policy.phg')],
      ['scan', '--policy', join(dir, 'policy.phg'), mailDir],
      ['--log-level', 'debug', 'hook', '--policy', join(dir, 'policy.phg')],
    ]) {
      const { code, out, err } = await cli(argv, messages[0]!.raw);
      expect(code).not.toBe(0);
      outputs.push([`${argv.join(' ')} stdout`, out], [`${argv.join(' ')} stderr`, err]);
    }
    expectNoLeaks(outputs);
  });

  it('SMTP filter: debug events, outcomes, replies and stamped headers', async () => {
    const { events, logger } = recorder();
    const guard = hardenedGuard({ logger });
    const stamped: string[] = [];
    const sink = await startSink(({ raw }) => {
      const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
      stamped.push(
        head
          .split(/\r?\n/)
          .filter((l) => /^X-Phiguard-/i.test(l))
          .join('\n'),
      );
    });
    const outcomes: string[] = [];
    const filter = createSmtpFilter({
      // A failing inspection whose error quotes the message: the filter must not repeat it.
      inspect: (raw, envelope) =>
        raw.includes('leaks-3@')
          ? Promise.reject(new Error(`cannot decide on ${GOLD.name} ${GOLD.ssn}`))
          : guard.verdict(raw, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
      reinject: { host: '127.0.0.1', port: sink.port },
      maxMessageBytes: 200_000,
      logger,
      onOutcome: (o) => outcomes.push(JSON.stringify(o)),
    });
    const address = await filter.listen(0);
    const client = createClient(address.port, 4);
    const replies: string[] = [];
    try {
      const raws = [...allRaw(), `${messages[1]!.raw}${'x'.repeat(250_000)}`];
      const results = await Promise.all(
        raws.map((raw) => client.send(`clerk@${INTERNAL}`, [EXTERNAL_RECIPIENT], raw)),
      );
      for (const r of results) replies.push(`${r.code} ${r.response}`);
    } finally {
      client.close();
      await filter.close();
      await sink.close();
    }
    // Delivered, blocked, deferred and refused for size: every reply path was taken.
    const codes = replies.map((r) => r.slice(0, 3));
    for (const code of ['250', '550', '451', '552']) expect(codes).toContain(code);
    expect(events.some((e) => e.includes('"deferred"'))).toBe(true);
    expectNoLeaks([
      ...events.map((e, i) => [`filter event ${i}`, e] as const),
      ...outcomes.map((o, i) => [`outcome ${i}`, o] as const),
      ...replies.map((r, i) => [`reply ${i}`, r] as const),
      ...stamped.map((s, i) => [`stamped headers ${i}`, s] as const),
    ]);
  });

  it('CLI: scan as table, json and jsonl, and hook, with debug logs on stderr', async () => {
    const outputs: Outputs = [];
    const common = ['--policy', 'hipaa-baseline', '--internal-domain', INTERNAL];
    for (const format of ['table', 'json', 'jsonl']) {
      const argv = ['--log-level', 'debug', 'scan', '--format', format, ...common];
      const { out, err } = await cli([
        ...argv,
        '--min-level',
        'low',
        '--max-rows',
        '0',
        EXAMPLES,
        mailDir,
      ]);
      expect(err).toContain('phiguard debug extracted');
      outputs.push([`scan ${format} stdout`, out], [`scan ${format} stderr`, err]);
    }
    // The same on worker threads, whose debug events come back to this process.
    const pooled = await cli([
      '--log-level',
      'debug',
      'scan',
      '--jobs',
      '2',
      '--format',
      'jsonl',
      ...common,
      EXAMPLES,
      mailDir,
    ]);
    expect(pooled.err).toContain('phiguard debug extracted');
    outputs.push(['scan --jobs 2 stdout', pooled.out], ['scan --jobs 2 stderr', pooled.err]);
    // A file given on its own, cut short, in a folder of its own.
    const files = join(dir, 'files');
    mkdirSync(files, { recursive: true });
    writeFileSync(
      join(files, 'a.pdf'),
      textPdf(`Patient ${GOLD.name} SSN ${GOLD.ssn}`).subarray(0, 250),
    );
    const single = await cli(['--log-level', 'debug', 'scan', '--format', 'json', files]);
    outputs.push(['scan file stdout', single.out], ['scan file stderr', single.err]);

    for (const [i, raw] of allRaw().entries()) {
      const { code, out, err } = await cli(['--log-level', 'debug', 'hook', ...common], raw);
      expect(err).toContain('phiguard debug decided');
      expect(out).toContain('phiguard.hook');
      expect(code).not.toBe(13);
      outputs.push([`hook ${i} stdout`, out], [`hook ${i} stderr`, err]);
    }
    expectNoLeaks(outputs);
  });

  it('benchmark: the accuracy reports in Markdown, HTML and JSON', async () => {
    let markdown = '';
    const result = await runAccuracyCommand(
      {
        corpora: [EXAMPLES, mailDir],
        minLevel: 'low',
        out: join(dir, 'bench', 'accuracy.html'),
        json: join(dir, 'bench', 'accuracy.json'),
        progress: false,
      },
      (text) => {
        markdown += text;
      },
    );
    // The benchmark compared values, so it held them: it scored both corpora.
    expect(result.results).toHaveLength(2);
    expect(markdown).toContain('|');
    const reports: Outputs = [
      ['markdown', markdown],
      ['html', readFileSync(result.htmlPath, 'utf8')],
      ['json', readFileSync(result.jsonPath, 'utf8')],
    ];
    expectNoLeaks(reports);
    // why: the benchmark's fingerprint key is written in its source, so a fingerprint in a
    // report could be reversed by enumeration; reports carry none.
    for (const [, text] of reports) expect(text).not.toMatch(/[0-9a-f]{32}/);
  });
});

/** The id a failure names `value` by. */
function idOf(value: string): string {
  const known = KNOWN.find((k) => k.value === value);
  if (!known) throw new Error('a value the test relies on is not among the known values');
  return known.id;
}

describe('fingerprints are keyed', () => {
  const KEY_A = 'leak-test-fingerprint-key-a-0001';
  const KEY_B = 'leak-test-fingerprint-key-b-0002';

  /** The fingerprint of the one SSN in a short note, from a guard with `key`. */
  async function ssnFingerprint(key?: string): Promise<string> {
    const guard = hardenedGuard(key === undefined ? {} : { fingerprintKey: key });
    const text = `Patient SSN: ${GOLD.ssn}`;
    const inspection = await guard.inspectFile(Buffer.from(text), { filename: 'note.txt' });
    const ssn = inspection.findings.filter((f) => f.class === 'ssn');
    expect(ssn).toHaveLength(1);
    return ssn[0]!.fingerprint;
  }

  const hmac = (key: string, canonical: string) =>
    createHmac('sha256', key).update('ssn').update('\u0000').update(canonical).digest('hex');

  it('gives one SSN different fingerprints under two keys, and one fingerprint under one key', async () => {
    const [a, b, again] = await Promise.all([
      ssnFingerprint(KEY_A),
      ssnFingerprint(KEY_B),
      ssnFingerprint(KEY_A),
    ]);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
    expect(again).toBe(a);
  });

  it('makes a random key for each guard built without one', async () => {
    expect(await ssnFingerprint()).not.toBe(await ssnFingerprint());
  });

  it('is HMAC-SHA256 of the class and the canonical value under the key, not a plain hash', async () => {
    const fingerprint = await ssnFingerprint(KEY_A);
    const canonical = canonicalForm(GOLD.ssn);
    expect(canonical).toBe(GOLD.ssnDigits);
    expect(fingerprint).toBe(hmac(KEY_A, canonical).slice(0, 32));
    // None of the unkeyed hashes an attacker could compute holds it, at any offset.
    for (const input of [GOLD.ssn, canonical, `ssn\u0000${canonical}`, `ssn${canonical}`]) {
      for (const algorithm of ['sha256', 'sha1', 'md5', 'sha512']) {
        const digest = createHash(algorithm).update(input).digest('hex');
        expect(digest).not.toContain(fingerprint.slice(0, 16));
      }
    }
  });

  it('can be reversed by enumerating SSNs only with the key: keep the key secret', async () => {
    const fingerprint = await ssnFingerprint(KEY_A);
    // One area and group of the SSN space, 10^4 of its 10^9 values: cheap with the key.
    const serials = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, '0'));
    const enumerate = (key: string) =>
      serials.filter((serial) => hmac(key, `37142${serial}`).startsWith(fingerprint));
    expect(enumerate(KEY_A)).toEqual(['8856']);
    expect(enumerate(KEY_B)).toEqual([]);
  });

  it('refuses fingerprint and audit keys shorter than 16 bytes', async () => {
    expect(await thrown(() => hardenedGuard({ fingerprintKey: 'short-key' }))).toMatch(
      /^FingerprintKeyError: fingerprint key has 9 bytes/,
    );
    // why: an empty PHIGUARD_AUDIT_KEY would otherwise hash addresses under no secret at all.
    expect(await thrown(() => hardenedGuard({ auditKey: '' }))).toMatch(
      /^AuditKeyError: audit key has 0 bytes/,
    );
    expect(() => hardenedGuard({ auditKey: new Uint8Array(16) })).not.toThrow();
  });

  it('hashes audit addresses under the audit key: one per process unless given', async () => {
    const raw = messages[0]!.raw;
    const hashed = async (auditKey?: string) =>
      (await hardenedGuard(auditKey ? { auditKey } : {}).inspectMessage(raw)).decision.audit
        .recipients.hashed;
    const [a, b, none1, none2] = await Promise.all([
      hashed(KEY_A),
      hashed(KEY_B),
      hashed(),
      hashed(),
    ]);
    expect(a[0]).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(a[0]).toBe(
      `hmac:${createHmac('sha256', KEY_A).update(EXTERNAL_RECIPIENT).digest('hex')}`,
    );
    expect(a).not.toEqual(b);
    expect(none1).toEqual(none2);
    expect(none1).not.toEqual(a);
  });
});
