import type { DetectorDefinition } from './detector/types.js';
import { builtInDetectors } from './detectors/index.js';
import { Scanner, type ScanResult } from './scan/scanner.js';

export interface CreateScannerOptions {
  /** Replaces the built-in detectors entirely. */
  readonly detectors?: readonly DetectorDefinition[];
  /** Detectors added to the built-in (or given) ones, such as `userDetector(...)` results. */
  readonly extraDetectors?: readonly DetectorDefinition[];
  /** Detector ids or classes to leave out. */
  readonly exclude?: readonly string[];
  /** Secret key (16 bytes or more) for fingerprints comparable across runs. */
  readonly fingerprintKey?: string | Uint8Array;
  /** Findings below this confidence are dropped; 0.3 unless set. */
  readonly minConfidence?: number;
}

/**
 * Builds a scanner. Compiling the detectors is the expensive part: build one scanner and
 * reuse it for every message.
 *
 * @example
 * const scanner = createScanner({ fingerprintKey: process.env.PHIGUARD_KEY });
 * const { findings } = scanner.scan('SSN: 219-45-6789');
 * // findings[0].masked === '***-**-6789'
 */
export function createScanner(options: CreateScannerOptions = {}): Scanner {
  const excluded = new Set(options.exclude ?? []);
  const detectors = [
    ...(options.detectors ?? builtInDetectors),
    ...(options.extraDetectors ?? []),
  ].filter((d) => !excluded.has(d.id) && !excluded.has(d.class));
  return new Scanner({
    detectors,
    fingerprintKey: options.fingerprintKey,
    minConfidence: options.minConfidence,
  });
}

let shared: Scanner | undefined;

/**
 * Scans `text` with the built-in detectors and a random fingerprint key held for the life
 * of the process. Use `createScanner` to choose detectors or a key.
 */
export function scan(text: string): ScanResult {
  shared ??= createScanner();
  return shared.scan(text);
}
