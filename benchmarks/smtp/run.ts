import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { closeOcr } from '@phiguard/extract';
import { generateMessage } from '@phiguard/fixtures';
import { createSmtpFilter } from '@phiguard/smtp-filter';
import nodemailer from 'nodemailer';
import { createGuard, createGuardPool } from 'phiguard';
import { SMTPServer } from 'smtp-server';
import { formatBytes } from '../report/markdown.js';
import { describeMachine, type Machine } from '../speed/benchmark.js';
import { type LatencySummary, summarise } from '../speed/stats.js';
import { BenchUsageError } from '../usage.js';

/**
 * Messages per second and latency through the SMTP filter: a client sends generated mail
 * to the filter over loopback with a number of connections, the filter decides each with
 * the whole pipeline and hands allowed mail to a sink. Latency is the client's, from the
 * start of the send to the filter's final reply, so it includes the decision.
 *
 *   pnpm bench:smtp [--messages 400] [--connections 8] [--seed 7] [--workers 0]
 *
 * With `--workers N` the filter decides on a `GuardPool` of N worker threads, as
 * `phiguard-smtp-filter --workers N` does; 0 (the default) decides in the filter's thread.
 *
 * Sends that the filter refuses (a block answered with a 5xx, a deferral with a 4xx) are
 * timed too: the reply is the filter's decision. A send that ends without any reply (a
 * dropped connection) is not a decision, so it stops the run. Only counts and times are
 * printed.
 */

export interface SmtpBenchmarkOptions {
  readonly messages: number;
  readonly connections: number;
  readonly seed?: number;
  /** Guard worker threads; 0 or absent decides in this thread. */
  readonly workers?: number;
}

export interface SmtpBenchmarkResult {
  readonly date: string;
  readonly machine: Machine;
  readonly messages: number;
  readonly bytes: number;
  readonly connections: number;
  /** Guard worker threads; 0 when the filter decided in its own thread. */
  readonly workers: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** The filter's own time per message, from the end of DATA to its reply (whole ms). */
  readonly filter: LatencySummary;
  /** Actions the filter reported, by name. */
  readonly outcomes: Record<string, number>;
  /** Sends answered with a 4xx or 5xx reply (blocked or deferred): decisions, not errors. */
  readonly refused: number;
}

/** A send ended without an SMTP reply: the run measured a broken connection, not the filter. */
export class SmtpBenchError extends Error {
  override readonly name = 'SmtpBenchError';
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

  const workers = options.workers ?? 0;
  const guard =
    workers > 0
      ? createGuardPool({ internalDomains: ['example-hospital.org'], workers })
      : createGuard({ internalDomains: ['example-hospital.org'] });
  const outcomes: Record<string, number> = {};
  const filterMs: number[] = [];
  const filter = createSmtpFilter({
    inspect: (message, envelope) =>
      guard.verdict(message, { sender: envelope.mailFrom, recipients: envelope.rcptTo }),
    reinject: { host: '127.0.0.1', port: sinkPort },
    onOutcome: (o) => {
      outcomes[o.action] = (outcomes[o.action] ?? 0) + 1;
      filterMs.push(o.milliseconds);
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

  // Warm-up messages so compiling detectors and the policy is not counted (one per worker).
  await Promise.all(
    Array.from({ length: Math.max(1, workers) }, () => guard.verdict(Buffer.from(inputs[0]!.eml))),
  );
  const latencies: number[] = [];
  let refused = 0;
  let broken: unknown;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < inputs.length && broken === undefined) {
      const input = inputs[next++]!;
      const t = performance.now();
      try {
        await client.sendMail({
          envelope: { from: 'bench@example-hospital.org', to: ['someone@partner-clinic.test'] },
          raw: Buffer.from(input.eml),
        });
      } catch (error) {
        // A reply code means the filter answered: a block or a deferral, timed like the rest.
        if (typeof (error as { responseCode?: unknown }).responseCode === 'number') refused++;
        else broken = error;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  client.close();
  await filter.close();
  if ('close' in guard) await guard.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  if (broken !== undefined) {
    const code = (broken as { code?: string }).code ?? (broken as Error).name;
    throw new SmtpBenchError(
      `a send to the filter ended without a reply (${code}); nothing was measured. Check ` +
        'that loopback connections are allowed, then run with fewer --connections',
    );
  }

  const latency = summarise(latencies);
  return {
    date: new Date().toISOString(),
    machine: describeMachine(),
    messages: inputs.length,
    bytes: inputs.reduce((n, i) => n + Buffer.byteLength(i.eml), 0),
    connections: options.connections,
    workers,
    seconds,
    messagesPerSecond: inputs.length / seconds,
    p50Ms: latency.p50Ms,
    p95Ms: latency.p95Ms,
    p99Ms: latency.p99Ms,
    filter: summarise(filterMs),
    outcomes,
    refused,
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
      workers: { type: 'string', default: '0' },
    },
    strict: true,
  });
  const whole = (flag: 'messages' | 'connections' | 'seed' | 'workers', min: number): number => {
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
    workers: whole('workers', 0),
  };
}

export function renderSmtpMarkdown(result: SmtpBenchmarkResult, command?: string): string {
  const m = result.machine;
  const outcomes = Object.entries(result.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const ms = (v: number) => v.toFixed(1);
  return [
    '## phiguard SMTP filter benchmark',
    '',
    `${result.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ` +
      `${m.platform}. ${result.messages} generated messages (${formatBytes(result.bytes)}) ` +
      `sent over loopback on ${result.connections} connections, decided ` +
      `${result.workers > 0 ? `on ${result.workers} guard workers` : "in the filter's thread"}; ` +
      `${result.refused} answered ` +
      'with a refusal (block or deferral), which is the decision and is timed like the rest.',
    ...(command ? ['', `Command: \`${command}\``] : []),
    '',
    '| messages | connections | msg/s | p50 ms | p95 ms | p99 ms | filter p50 ms | filter p99 ms | outcomes |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    `| ${result.messages} | ${result.connections} | ${result.messagesPerSecond.toFixed(1)} | ` +
      `${ms(result.p50Ms)} | ${ms(result.p95Ms)} | ${ms(result.p99Ms)} | ` +
      `${ms(result.filter.p50Ms)} | ${ms(result.filter.p99Ms)} | ${outcomes} |`,
    '',
    "p50/p95/p99: the client's time from the start of a send to the filter's final reply. " +
      "Filter: the filter's own time from the end of the message to its reply (the decision, " +
      'and for mail it lets through, the hand-on to the next hop).',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { restartWithSource, runEntry } = await import('../source.js');
  restartWithSource();
  await runEntry('usage: bench:smtp [--messages 400] [--connections 8] [--seed 7]', async () => {
    try {
      const argv = process.argv.slice(2);
      const result = await runSmtpBenchmark(parseSmtpArgs(argv));
      process.stdout.write(renderSmtpMarkdown(result, `pnpm bench:smtp ${argv.join(' ')}`.trim()));
    } catch (error) {
      if (!(error instanceof SmtpBenchError)) throw error;
      process.stderr.write(`bench:smtp: ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await closeOcr().catch(() => undefined);
    }
  });
}
