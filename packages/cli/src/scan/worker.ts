/**
 * One worker of a parallel scan: its own guard, built from the scan's settings, inspects
 * one file at a time and sends back its report. Reports and log events carry what the
 * single-threaded scan would print, no more.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { guardFor, type InspectSettings, inspectPath } from './inspect-path.js';
import type { FromWorker, ToWorker } from './pool.js';

const port = parentPort!;
const settings = workerData as InspectSettings;
const send = (message: FromWorker): void => port.postMessage(message);

const guard = await guardFor(settings, {
  log: (_level, event, fields) => send({ kind: 'log', event, fields }),
});
port.on('message', async (task: ToWorker) => {
  send({ kind: 'report', id: task.id, report: await inspectPath(guard, task.path, settings) });
});
send({ kind: 'ready' });
