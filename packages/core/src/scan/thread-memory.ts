/**
 * Space for short-lived objects, in MB, that suits a thread whose work is scanning: pass
 * it as `resourceLimits.maxYoungGenerationSizeMb` to a worker that scans (`GuardPool`
 * does), or start a process that scans in its main thread with
 * `NODE_OPTIONS=--max-semi-space-size=32`, the same size (V8's young generation is three
 * semi-spaces).
 *
 * A scan makes many strings and small objects that live for one chunk only. V8's default
 * young generation (48 MB) fills every few hundred kilobytes of text. At 96 MB two
 * workers on two cores scanned about a fifth more per second, because the collector's
 * helper threads took less CPU from them, and one thread used about a sixth less CPU;
 * 192 MB gained nothing more (docs/performance.md#young-generation). The price is up to
 * about 50 MB more resident memory per thread, the same for any input size.
 */
export const SCAN_YOUNG_GENERATION_MB = 96;
