import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARAKA_CODES } from './index.js';
import {
  HARAKA_BIN,
  type HarakaInstance,
  type Sink,
  startHaraka,
  startSink,
} from './testing/haraka.js';

// A real Haraka from npm, started as a child process on loopback with this plugin and
// queue/smtp_forward, in front of a receiving server that stands in for the next hop.

const examples = fileURLToPath(new URL('../../../fixtures/examples', import.meta.url));
const fixture = (name: string) => readFileSync(join(examples, name), 'latin1');
const INTERNAL = 'example-hospital.org';
const EXTERNAL = 'partner-clinic.test';

/** The body of a message: everything after the blank line that ends the headers. */
function bodyOf(raw: string): string {
  const normalized = raw.replace(/\r?\n/g, '\r\n');
  return normalized.slice(normalized.indexOf('\r\n\r\n') + 4);
}

/** The values of every header called `name` in a message's header block. */
function headerValues(raw: string, name: string): string[] {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const pattern = new RegExp(`^${name}:[ \\t]*(.*)$`, 'gim');
  return [...head.matchAll(pattern)].map((match) => match[1]!.trim());
}

interface Setup {
  sink: Sink;
  haraka: HarakaInstance;
  client: Transporter;
  /** Sends a message to an external recipient; resolves with the reply code and text. */
  send(raw: string, to?: string): Promise<{ code: number; response: string }>;
}

async function setUp(phiguard: Record<string, string>): Promise<Setup> {
  const sink = await startSink();
  const haraka = await startHaraka({ forwardPort: sink.port, phiguard }).catch(async (error) => {
    await sink.close();
    throw error;
  });
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: haraka.port,
    secure: false,
    ignoreTLS: true,
  });
  const send = async (raw: string, to = `referrals@${EXTERNAL}`) => {
    try {
      const info = await client.sendMail({
        envelope: { from: `sender@${INTERNAL}`, to: [to] },
        raw,
      });
      return { code: Number(String(info.response).slice(0, 3)), response: String(info.response) };
    } catch (error) {
      const { responseCode, response } = error as { responseCode?: number; response?: string };
      return { code: responseCode ?? 0, response: String(response ?? error) };
    }
  };
  return { sink, haraka, client, send };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  setup?.client.close();
  await setup?.haraka.stop();
  await setup?.sink.close();
}

/** What the plugin itself logged: Haraka's prefix up to the plugin's name is cut off. */
function pluginLog(haraka: HarakaInstance): string[] {
  const tag = '[@phiguard/haraka] ';
  return haraka
    .output()
    .split('\n')
    .filter((line) => line.includes(tag))
    .map((line) => line.slice(line.indexOf(tag) + tag.length));
}

describe('Haraka with the phiguard plugin, default settings', () => {
  let env: Setup;
  beforeAll(async () => {
    env = await setUp({ internal_domains: INTERNAL });
  }, 30_000);
  afterAll(() => tearDown(env));

  it('delivers clean mail unchanged apart from the headers Haraka and the plugin add', async () => {
    const raw = fixture('clean-newsletter.eml');
    const reply = await env.send(raw, `newsletter@${EXTERNAL}`);
    expect(reply.code).toBe(250);
    expect(env.sink.received).toHaveLength(1);
    const delivered = env.sink.received[0]!;
    expect(delivered.to).toEqual([`newsletter@${EXTERNAL}`]);
    expect(delivered.raw.startsWith('X-Phiguard-Action: allow\r\n')).toBe(true);
    expect(bodyOf(delivered.raw)).toBe(bodyOf(raw));
    expect(headerValues(delivered.raw, 'Subject')).toEqual(headerValues(raw, 'Subject'));
  });

  it('rejects a spreadsheet of SSNs with 550 naming reason codes only, and delivers nothing', async () => {
    const reply = await env.send(fixture('ssn-spreadsheet.eml'), `billing@${EXTERNAL}`);
    expect(reply.code).toBe(550);
    expect(reply.response).toMatch(/^550 5\.7\.1 message blocked by policy: .*bulk_identifiers/);
    expect(reply.response).not.toMatch(/@|\d{3}-\d{2}-\d{4}|eligibility|xlsx/);
    expect(env.sink.received.filter((m) => m.raw.includes('Patient roster'))).toHaveLength(0);
  });

  it('delivers a referral stamped for encryption and drops a forged allow', async () => {
    const forged = `X-Phiguard-Action: allow\r\nX-PHIGUARD-Reasons: none\r\n${fixture('referral-with-pdf.eml')}`;
    const reply = await env.send(forged);
    expect(reply.code).toBe(250);
    const delivered = env.sink.received.find((m) => m.raw.includes('Cardiology consult'));
    expect(delivered).toBeDefined();
    expect(headerValues(delivered!.raw, 'X-Phiguard-Action')).toEqual(['encrypt']);
    expect(headerValues(delivered!.raw, 'X-Phiguard-Reasons')).toEqual([
      'phi_to_external, identifier_to_external',
    ]);
    expect(headerValues(delivered!.raw, 'X-Phiguard-Encryption')).toEqual(['end-to-end']);
  });

  it('delivers a message with an unreadable archive stamped for quarantine', async () => {
    const reply = await env.send(fixture('encrypted-records.eml'), `records@${EXTERNAL}`);
    expect(reply.code).toBe(250);
    const delivered = env.sink.received.find((m) => m.raw.includes('Records request'));
    expect(headerValues(delivered?.raw ?? '', 'X-Phiguard-Action')).toEqual(['quarantine']);
    expect(headerValues(delivered?.raw ?? '', 'X-Phiguard-Reasons')).toEqual([
      'unscannable_content',
    ]);
  });

  it('lost nothing, and logged one line of codes per message with no addresses or names', () => {
    // Four sent: three accepted and delivered once each, one refused.
    expect(env.sink.received).toHaveLength(3);
    const decisions = pluginLog(env.haraka).filter((line) => line.includes('phiguard action='));
    expect(decisions.map((line) => /action=(\w+)/.exec(line)?.[1]).sort()).toEqual([
      'allow',
      'block',
      'encrypt',
      'quarantine',
    ]);
    expect(pluginLog(env.haraka).join('\n')).not.toMatch(/@|\.pdf|\.zip|\.xlsx|Farmer/);
  });
});

describe('Haraka with the phiguard plugin, quarantine held and encrypt deferred', () => {
  let env: Setup;
  beforeAll(async () => {
    env = await setUp({ internal_domains: INTERNAL, quarantine: 'hold', encrypt: 'defer' });
  }, 30_000);
  afterAll(() => tearDown(env));

  it('stores a quarantined message with queue/quarantine and does not pass it on', async () => {
    const reply = await env.send(fixture('encrypted-records.eml'));
    expect(reply.response).toMatch(/^250 2\.0\.0 held for review: unscannable_content \(/);
    const held = env.haraka.quarantined();
    expect(held).toHaveLength(1);
    expect(held[0]).toContain('Records request');
    expect(headerValues(held[0]!, 'X-Phiguard-Action')).toEqual(['quarantine']);
    expect(env.sink.received).toHaveLength(0);
  });

  it('answers 4xx for encrypt, and still delivers clean mail', async () => {
    const encrypted = await env.send(fixture('referral-with-pdf.eml'));
    expect(encrypted.code).toBeGreaterThanOrEqual(400);
    expect(encrypted.code).toBeLessThan(500);
    expect(encrypted.response).toMatch(
      /^4\d\d 4\.7\.1 message held for encryption by policy: phi_to_external/,
    );

    expect((await env.send(fixture('clean-newsletter.eml'))).code).toBe(250);
    expect(env.sink.received).toHaveLength(1);
    expect(headerValues(env.sink.received[0]!.raw, 'X-Phiguard-Action')).toEqual(['allow']);
    expect(env.haraka.quarantined()).toHaveLength(1);
  });
});

describe('Haraka with a phiguard plugin that cannot load', () => {
  let env: Setup;
  beforeAll(async () => {
    env = await setUp({ policy: '/nonexistent/phiguard/outbound.phg' });
  }, 30_000);
  afterAll(() => tearDown(env));

  it('defers every message with 4xx rather than letting it through', async () => {
    const reply = await env.send(fixture('clean-newsletter.eml'));
    expect(reply.code).toBeGreaterThanOrEqual(400);
    expect(reply.code).toBeLessThan(500);
    expect(reply.response).toMatch(
      /^4\d\d 4\.3\.0 content check unavailable \(plugin_not_loaded\)/,
    );
    expect(env.sink.received).toHaveLength(0);
    // The log names the error's code, not the policy's path.
    expect(pluginLog(env.haraka).join('\n')).toMatch(/phiguard failed to load.*: Error ENOENT$/m);
    expect(pluginLog(env.haraka).join('\n')).not.toMatch(/nonexistent|outbound\.phg/);
  });
});

describe('Haraka with the phiguard plugin and a decision time it cannot meet', () => {
  let env: Setup;
  beforeAll(async () => {
    // One millisecond: the first PDF a fresh process reads takes far longer (its reader loads).
    env = await setUp({ internal_domains: INTERNAL, timeout: '0.001' });
  }, 30_000);
  afterAll(() => tearDown(env));

  it('defers the message with 4xx when the decision times out, and delivers nothing', async () => {
    const reply = await env.send(fixture('referral-with-pdf.eml'));
    expect(reply.code).toBeGreaterThanOrEqual(400);
    expect(reply.code).toBeLessThan(500);
    expect(reply.response).toMatch(/4\.3\.0 content check failed \(timeout\)/);
    expect(env.sink.received).toHaveLength(0);
    expect(pluginLog(env.haraka).join('\n')).toMatch(/action=deferred reasons=timeout/);
  });
});

describe("the plugin's Haraka codes", () => {
  it('match the haraka-constants that the installed Haraka uses', () => {
    const constants = createRequire(HARAKA_BIN)('haraka-constants') as Record<string, number>;
    expect(HARAKA_CODES).toEqual({
      DENY: constants.deny,
      DENYSOFT: constants.denysoft,
      OK: constants.ok,
    });
  });
});
