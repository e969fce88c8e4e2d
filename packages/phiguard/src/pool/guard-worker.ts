/**
 * A worker of a `GuardPool`: one guard, built from the pool's settings, inspecting one
 * message or file at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicyText } from '@phiguard/rules';
import { Guard } from '../guard.js';
import type { Reply, Request, WorkerSettings } from './protocol.js';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const send = (reply: Reply): void => port.postMessage(reply);

const guard = new Guard({
  policy:
    settings.policyText === undefined
      ? undefined
      : loadPolicyText(settings.policyText, { name: settings.policyName }),
  internalDomains: settings.internalDomains,
  fingerprintKey: settings.fingerprintKey,
  auditKey: settings.auditKey,
  limits: settings.limits,
  includeSegmentText: settings.includeSegmentText,
  logger: settings.logs
    ? { log: (_level, event, fields) => send({ kind: 'log', event, fields }) }
    : undefined,
});

port.on('message', async (request: Request) => {
  try {
    if (request.kind === 'message' && request.verdictOnly) {
      send({
        kind: 'verdict',
        id: request.id,
        verdict: await guard.verdict(request.bytes, request.envelope),
      });
      return;
    }
    const inspection =
      request.kind === 'message'
        ? await guard.inspectMessage(request.bytes, request.envelope)
        : await guard.inspectFile(request.bytes, { filename: request.filename }, request.envelope);
    send({ kind: 'done', id: request.id, inspection });
  } catch (error) {
    send({ kind: 'failed', id: request.id, name: error instanceof Error ? error.name : 'unknown' });
  }
});
send({ kind: 'ready' });
