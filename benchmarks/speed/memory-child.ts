/**
 * One memory measurement in a fresh process: read the corpus, keep its first N bytes,
 * build a scanner, then scan document by document. Prints one JSON line: RSS before the
 * scan and the peak after, so the growth is what scanning N bytes added.
 */
import { readFileSync } from 'node:fs';
import { createScanner } from '@phiguard/core';
import { corpusPrefix, DOCUMENT_SEPARATOR } from '../corpus/text.js';

const [path, bytesArg] = process.argv.slice(2);
const documents = corpusPrefix(
  readFileSync(path!, 'utf8').split(DOCUMENT_SEPARATOR),
  Number(bytesArg),
);
const scanner = createScanner();
scanner.scan(documents[0] ?? '');
// maxRSS is the process's peak so far, in KB; the corpus file read is part of the baseline.
const before = process.memoryUsage().rss;
const baselinePeak = process.resourceUsage().maxRSS * 1024;
let findings = 0;
for (const d of documents) findings += scanner.scan(d).findings.length;
const peak = process.resourceUsage().maxRSS * 1024;
const input = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
console.log(JSON.stringify({ input, before, baselinePeak, peak, findings }));
