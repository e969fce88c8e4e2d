#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createGuard, createGuardPool, loadPolicyText } from 'phiguard';
import { createSmtpFilter } from './filter.js';

/** How long a message may take to decide; the filter answers 451 past it. */
const INSPECT_TIMEOUT_MS = 120_000;

const USAGE = `usage: phiguard-smtp-filter --listen PORT --reinject PORT [options]

  --listen PORT            port the filter accepts mail on (127.0.0.1)
  --reinject PORT          Postfix port that takes filtered mail back
  --reinject-host HOST     host of that port (127.0.0.1)
  --policy FILE            policy file (.phg or .json); hipaa-baseline when absent
  --internal-domain D      the organisation's domain (repeatable)
  --max-bytes N            largest message accepted (52428800)
  --workers N              inspect on N worker threads (0: in this thread, the default);
                           for servers with several cores

The filter answers 550 for blocked mail, 451 when it cannot decide (the MTA retries),
and hands everything else back stamped X-Phiguard-Action: allow|encrypt|quarantine.
Keys for fingerprints and audit hashes come from PHIGUARD_FINGERPRINT_KEY and
PHIGUARD_AUDIT_KEY.`;

const { values } = parseArgs({
  options: {
    listen: { type: 'string' },
    reinject: { type: 'string' },
    'reinject-host': { type: 'string', default: '127.0.0.1' },
    policy: { type: 'string' },
    'internal-domain': { type: 'string', multiple: true, default: [] },
    'max-bytes': { type: 'string' },
    workers: { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.listen || !values.reinject) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}

const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
  process.stderr.write(`--workers must be a whole number from 0 to 256\n${USAGE}\n`);
  process.exit(2);
}
const policyText = values.policy ? readFileSync(values.policy, 'utf8') : undefined;
const keys = {
  internalDomains: values['internal-domain'],
  fingerprintKey: process.env.PHIGUARD_FINGERPRINT_KEY,
  auditKey: process.env.PHIGUARD_AUDIT_KEY,
};
// With workers the message waits for a free one; past the filter's own time limit the
// worker is stopped, so a message that outruns it does not keep a core busy.
const guard =
  workers > 0
    ? createGuardPool({
        ...keys,
        workers,
        policyText,
        policyName: values.policy,
        timeoutMs: INSPECT_TIMEOUT_MS,
      })
    : createGuard({
        ...keys,
        policy:
          policyText === undefined
            ? undefined
            : loadPolicyText(policyText, { name: values.policy }),
      });
const filter = createSmtpFilter({
  inspect: (message, envelope) =>
    guard.verdict(message, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
  reinject: { host: values['reinject-host']!, port: Number(values.reinject) },
  inspectTimeoutMs: INSPECT_TIMEOUT_MS,
  maxMessageBytes: values['max-bytes'] ? Number(values['max-bytes']) : undefined,
  onOutcome: (o) =>
    process.stderr.write(
      `phiguard-smtp-filter ${o.action} reasons=${o.reasons.join(',') || '-'} bytes=${o.bytes} recipients=${o.recipients} ms=${o.milliseconds}\n`,
    ),
});
const address = await filter.listen(Number(values.listen));
process.stderr.write(`phiguard-smtp-filter listening on ${address.address}:${address.port}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void filter.close().then(() => process.exit(0)));
}
