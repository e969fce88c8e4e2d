/**
 * Peak RSS against input size. Each size runs in its own process, because a process's
 * peak never goes down: measuring sizes one after another in one process would show only
 * the largest.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CHILD = new URL('./memory-child.ts', import.meta.url).pathname;

export interface MemoryPoint {
  /** UTF-8 bytes of text scanned. */
  readonly input: number;
  /** RSS after loading the text and building the scanner, before the scan. */
  readonly baselineBytes: number;
  readonly peakBytes: number;
  /** Peak minus the larger of the baseline RSS and the peak before scanning. */
  readonly growthBytes: number;
}

/**
 * How the text is given: `documents` scans the corpus document by document from memory;
 * `stream` reads its first N bytes from disk as one text through `Scanner.scanStream`.
 */
export type MemoryMode = 'documents' | 'stream';

export interface MemoryResult {
  readonly mode: MemoryMode;
  readonly points: readonly MemoryPoint[];
  /** Extra RSS per extra MB of input between the smallest and the largest size (MB/MB). */
  readonly growthPerInputMB: number;
}

export function measureMemory(
  corpusPath: string,
  sizes: readonly number[],
  mode: MemoryMode,
  onPoint?: () => void,
): MemoryResult {
  const tsx = require.resolve('tsx/cli');
  const points: MemoryPoint[] = [];
  for (const bytes of sizes) {
    const out = execFileSync(
      process.execPath,
      [tsx, '--conditions=source', CHILD, corpusPath, String(bytes), mode],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const line = JSON.parse(out.trim().split('\n').pop()!) as {
      input: number;
      before: number;
      baselinePeak: number;
      peak: number;
    };
    const baseline = Math.max(line.before, line.baselinePeak);
    points.push({
      input: line.input,
      baselineBytes: line.before,
      peakBytes: line.peak,
      growthBytes: Math.max(0, line.peak - baseline),
    });
    onPoint?.();
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const growthPerInputMB =
    last.input > first.input
      ? (last.growthBytes - first.growthBytes) / (last.input - first.input)
      : 0;
  return { mode, points, growthPerInputMB };
}
