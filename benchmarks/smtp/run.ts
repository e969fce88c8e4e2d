import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { closeOcr } from '@phiguard/extract';
import { generateMessage } from '@phiguard/fixtures';
import { createSmtpFilter } from '@phiguard/smtp-filter';
import nodemailer from 'nodemailer';
import { createGuard } from 'phiguard';
import { SMTPServer } from 'smtp-server';
import { summarise } from '../speed/stats.js';
import { BenchUsageError } from '../usage.js';

/**
 * Messages per second and latency through the SMTP filter: a client sends generated mail
 * to the filter over loopback with a number of connections, the filter decides each with
 * the whole pipeline and hands allowed mail to a sink. Latency is the client's, from the
 * start of the send to the filter's final reply, so it includes the decision.
 *
 *   pnpm bench:smtp [--messages 400] [--connections 8] [--seed 7]
 *
 * Sends that the filter refuses (a block or quarantine answered with a 5xx) are timed too:
 * the reply is the filter's decision. Only counts and times are printed.
 */

export interface SmtpBenchmarkOptions {
  readonly messages: number;
  readonly connections: number;
  readonly seed?: number;
}

export interface SmtpBenchmarkResult {
  readonly messages: number;
  readonly connections: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly outcomes: Record<string, number>;
}

export async function runSmtpBenchmark(
  options: SmtpBenchmarkOptions,
): Promise<SmtpBenchmarkResult> {
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkPort = (sink.server.address() as { port: number }).port;

  const guard = createGuard({ internalDomains: ['example-hospital.org'] });
  const outcomes: Record<string, number> = {};
  const filter = createSmtpFilter({
    inspect: (message, envelope) =>
      guard.verdict(message, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
    reinject: { host: '127.0.0.1', port: sinkPort },
    onOutcome: (o) => {
      outcomes[o.action] = (outcomes[o.action] ?? 0) + 1;
    },
  });
  const address = await filter.listen(0);

  const inputs = await Promise.all(
    Array.from({ length: options.messages }, (_, i) =>
      generateMessage({ seed: options.seed ?? 7 }, i),
    ),
  );
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: address.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: options.connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });

  // One warm-up message so compiling detectors and the policy is not counted.
  await guard.verdict(Buffer.from(inputs[0]!.eml));
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      const t = performance.now();
      await client
        .sendMail({
          envelope: { from: 'bench@example-hospital.org', to: ['someone@partner-clinic.test'] },
          raw: Buffer.from(input.eml),
        })
        .catch(() => undefined);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  client.close();
  await filter.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));

  const latency = summarise(latencies);
  return {
    messages: inputs.length,
    connections: options.connections,
    seconds,
    messagesPerSecond: inputs.length / seconds,
    p50Ms: latency.p50Ms,
    p95Ms: latency.p95Ms,
    p99Ms: latency.p99Ms,
    outcomes,
  };
}

/** Flags to options: whole numbers of at least 1, or a sentence saying what to write. */
export function parseSmtpArgs(argv: readonly string[]): SmtpBenchmarkOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      messages: { type: 'string', default: '400' },
      connections: { type: 'string', default: '8' },
      seed: { type: 'string', default: '7' },
    },
    strict: true,
  });
  const whole = (flag: 'messages' | 'connections' | 'seed', min: number): number => {
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n < min) {
      throw new BenchUsageError(
        `--${flag} must be a whole number of at least ${min}, got '${values[flag]}'; ` +
          `write --${flag} ${Math.max(1, min)}`,
      );
    }
    return n;
  };
  return {
    messages: whole('messages', 1),
    connections: whole('connections', 1),
    seed: whole('seed', 0),
  };
}

export function renderSmtpMarkdown(result: SmtpBenchmarkResult): string {
  const outcomes = Object.entries(result.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    '| messages | connections | msg/s | p50 ms | p95 ms | p99 ms | outcomes |',
    '|---:|---:|---:|---:|---:|---:|---|',
    `| ${result.messages} | ${result.connections} | ${result.messagesPerSecond.toFixed(1)} | ` +
      `${result.p50Ms.toFixed(1)} | ${result.p95Ms.toFixed(1)} | ${result.p99Ms.toFixed(1)} | ` +
      `${outcomes} |`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { restartWithSource, runEntry } = await import('../source.js');
  restartWithSource();
  await runEntry('usage: bench:smtp [--messages 400] [--connections 8] [--seed 7]', async () => {
    try {
      const result = await runSmtpBenchmark(parseSmtpArgs(process.argv.slice(2)));
      process.stdout.write(renderSmtpMarkdown(result));
    } finally {
      await closeOcr().catch(() => undefined);
    }
  });
}
