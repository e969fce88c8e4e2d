/**
 * One worker of the scaling benchmark: its own scanner, its own share of the documents.
 * It warms up when it starts, then scans its share each time the main thread says `go`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from '@phiguard/core';

interface Data {
  readonly documents: readonly string[];
  readonly warmupBytes: number;
}

const { documents, warmupBytes } = workerData as Data;
const scanner = createScanner();
let warmed = 0;
for (const d of documents) {
  if (warmed >= warmupBytes) break;
  scanner.scan(d);
  warmed += Buffer.byteLength(d);
}
parentPort!.postMessage({ type: 'ready' });
parentPort!.on('message', (message: { type: string }) => {
  if (message.type !== 'go') return;
  for (const d of documents) scanner.scan(d);
  parentPort!.postMessage({ type: 'done' });
});
