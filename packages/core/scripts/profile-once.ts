/**
 * Scans the cached 2 MB speed corpus twice with the default scanner, for a CPU profile:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=source --import tsx \
 *     packages/core/scripts/profile-once.ts
 */
import { readFileSync } from 'node:fs';
import { createScanner } from '../src/index.js';

const path = new URL('../../../.bench-out/corpus/speed-s1-p300-2MB.txt', import.meta.url);
const documents = readFileSync(path, 'utf8').split('\f\n');
const scanner = createScanner();
for (let round = 0; round < 2; round++) for (const document of documents) scanner.scan(document);
