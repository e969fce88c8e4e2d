/**
 * One memory measurement in a fresh process. Prints one JSON line: RSS before the scan and
 * the peak after, so the growth is what scanning N bytes added.
 *
 * - `documents`: read the corpus, keep its first N bytes, scan document by document (the
 *   text is in memory before the baseline is taken).
 * - `stream`: the first N bytes of the corpus file as one text, read from disk in 64 KB
 *   pieces through `Scanner.scanStream`; findings are counted as they come and dropped.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createScanner } from '@phiguard/core';
import { corpusPrefix, DOCUMENT_SEPARATOR } from '../corpus/text.js';

const [path, bytesArg, mode = 'documents'] = process.argv.slice(2);
const bytes = Number(bytesArg);
const scanner = createScanner();
scanner.scan(readFileSync(path!, 'utf8').slice(0, 20_000));

let input = 0;
let findings = 0;
let before = 0;
let baselinePeak = 0;
function takeBaseline(): void {
  // maxRSS is the process's peak so far, in KB.
  before = process.memoryUsage().rss;
  baselinePeak = process.resourceUsage().maxRSS * 1024;
}

if (mode === 'stream') {
  takeBaseline();
  const source = createReadStream(path!, { end: bytes - 1, highWaterMark: 64 * 1024 });
  for await (const part of scanner.scanStream(source)) findings += part.findings.length;
  input = Math.min(bytes, source.bytesRead);
} else {
  const documents = corpusPrefix(readFileSync(path!, 'utf8').split(DOCUMENT_SEPARATOR), bytes);
  takeBaseline();
  for (const d of documents) findings += scanner.scan(d).findings.length;
  input = documents.reduce((n, d) => n + Buffer.byteLength(d), 0);
}
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ input, before, baselinePeak, peak, findings }));
