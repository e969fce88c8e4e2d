import { createGuard, type Decision, explainDecision } from 'phiguard';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Logger } from '../logger.js';
import { loadPolicyArgument } from '../policy-file.js';
import { HOOK_REPORT_SCHEMA, type HookReport } from '../report/schema.js';

/** Largest message read from stdin; a larger one fails closed rather than filling memory. */
export const MAX_HOOK_INPUT_BYTES = 100 * 1024 * 1024;

export interface HookCommandOptions {
  readonly policy?: string;
  readonly internalDomain: readonly string[];
  readonly sender?: string;
  readonly recipient: readonly string[];
}

const EXIT_BY_ACTION: Record<Decision['action'], ExitCode> = {
  allow: EXIT.ok,
  encrypt: EXIT.encrypt,
  quarantine: EXIT.quarantine,
  block: EXIT.block,
};

/**
 * `phiguard hook`: reads one message on stdin, decides, prints the decision as JSON on
 * stdout and exits with the action's code. Any failure exits `failed` (13), never 0: a
 * message that could not be checked must not be sent as it is.
 */
export async function hookCommand(
  input: AsyncIterable<Buffer | string>,
  options: HookCommandOptions,
  io: { out: (text: string) => void; logger: Logger },
): Promise<ExitCode> {
  try {
    const message = await readBounded(input, MAX_HOOK_INPUT_BYTES);
    const policy = options.policy ? await loadPolicyArgument(options.policy) : undefined;
    const guard = createGuard({
      policy,
      internalDomains: options.internalDomain,
      logger: io.logger,
    });
    const envelope = {
      ...(options.sender ? { sender: options.sender } : {}),
      ...(options.recipient.length > 0 ? { recipients: options.recipient } : {}),
    };
    const { decision } = await guard.inspectMessage(message, envelope);
    const report: HookReport = {
      schema: HOOK_REPORT_SCHEMA,
      action: decision.action,
      mode: decision.mode,
      ...(decision.strength ? { strength: decision.strength } : {}),
      override: decision.override,
      reasons: decision.reasons.map((r) => ({ code: r.code, rule: r.rule, action: r.action })),
      explanation: explainDecision(decision),
      audit: { ...decision.audit },
    };
    io.out(`${JSON.stringify(report)}\n`);
    io.logger.log('info', 'hook_decided', {
      action: decision.action,
      reasons: decision.reasons.map((r) => r.code).join(','),
    });
    return EXIT_BY_ACTION[decision.action];
  } catch (error) {
    const kind = error instanceof Error ? error.name : 'unknown';
    io.logger.log('error', 'hook_failed', { error: kind, action: 'fail_closed' });
    io.out(
      `${JSON.stringify({ schema: HOOK_REPORT_SCHEMA, action: 'failed', reasons: [{ code: 'scanner_failed' }] })}\n`,
    );
    return EXIT.failed;
  }
}

/** Reads all of `input`, refusing more than `limit` bytes. */
async function readBounded(input: AsyncIterable<Buffer | string>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > limit) throw new RangeError(`message over ${limit} bytes`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
