/**
 * `runSpeedBenchmark`: every speed measurement of issue 7 and 8 in one run, on inputs made
 * from the same seed, with the peers on the same text. It returns numbers only: counts,
 * sizes, times and tool names, never a value found or generated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createGuard } from 'phiguard';
import { buildMailSet, plainMessage } from '../corpus/mail.js';
import { BENCH_OUT, buildSpeedCorpus, corpusPrefix, DOCUMENT_SEPARATOR } from '../corpus/text.js';
import { measurePeer, PEERS, type PeerResult } from '../peers/npm.js';
import { measureRipgrep, type RipgrepResult } from '../peers/ripgrep.js';
import type { ProgressSink } from '../report/progress.js';
import { type EngineResult, measureEngine } from './engine.js';
import { type MemoryResult, measureMemory } from './memory.js';
import { measurePipeline, measureSizes, type PipelineResult, type SizePoint } from './pipeline.js';
import { type LatencySummary, type Throughput, utf8Bytes } from './stats.js';
import { measureScaling, type ScalingResult } from './workers.js';

export interface SpeedOptions {
  /** Size of the engine corpus in MB; 20 unless set (2 with `quick`). */
  readonly sizeMB?: number;
  /** Smaller inputs and fewer runs: a look in about a minute, not a measurement. */
  readonly quick?: boolean;
  readonly seed?: number;
  /** Timed runs of each measurement, after a warm-up; the median is reported. 3 unless set. */
  readonly runs?: number;
  /** Generated messages whose text makes the engine corpus; 300 unless set. */
  readonly poolMessages?: number;
  /** Generated messages for the pipeline benchmark; 200 unless set. */
  readonly messages?: number;
  /**
   * MB of the corpus the npm peers scan (openredaction runs at well under 1 MB/s), with
   * phiguard timed on the same prefix for the ratio; 0.5 unless set.
   */
  readonly peerSampleMB?: number;
  /** Message sizes in bytes for the size curve; 1 KB to 10 MB unless set. */
  readonly messageSizes?: readonly number[];
  /** Input sizes in MB for the memory curve; 1, 5, 10 and the corpus size unless set. */
  readonly memorySizesMB?: readonly number[];
  /** Inspections of the typical 50 KB message; 300 unless set (50 with `quick`). */
  readonly typicalIterations?: number;
  /** Worker counts for the scaling measurement; 1 and the number of cores unless set. */
  readonly workerCounts?: readonly number[];
  /** Where inputs are cached; `.bench-out/` unless set, `false` to build them in memory. */
  readonly cacheDir?: string | false;
  /** Where ripgrep's pattern file and an uncached corpus file go; `.bench-out/` unless set. */
  readonly workDir?: string;
  /** Told how many steps there are, then of each step as it ends: for a progress bar. */
  readonly progress?: ProgressSink;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGB: number;
  readonly node: string;
  readonly platform: string;
}

/** phiguard's engine over a peer's, both on the same text in the same run. */
export interface Ratio {
  readonly peer: string;
  readonly peerMBps: number;
  readonly phiguardMBps: number;
  /** phiguard / peer: above 1, phiguard is faster. */
  readonly ratio: number;
  readonly text: string;
}

export interface SpeedReport {
  readonly kind: 'phiguard-speed-report';
  readonly date: string;
  readonly machine: Machine;
  readonly settings: {
    readonly seed: number;
    readonly sizeMB: number;
    readonly runs: number;
    readonly quick: boolean;
    readonly peerSampleBytes: number;
  };
  readonly corpus: {
    readonly bytes: number;
    readonly documents: number;
    readonly poolMessages: number;
  };
  readonly engine: EngineResult;
  readonly scaling: ScalingResult;
  readonly pipeline: PipelineResult;
  readonly typical: {
    readonly bytes: number;
    readonly latency: LatencySummary;
    readonly iterations: number;
  };
  readonly sizes: readonly SizePoint[];
  /** Peak RSS scanning the corpus document by document. */
  readonly memory: MemoryResult;
  /** Peak RSS scanning the corpus as one text streamed from disk. */
  readonly streamMemory: MemoryResult;
  readonly peers: {
    readonly sampleBytes: number;
    readonly phiguard: Throughput;
    readonly results: readonly PeerResult[];
    readonly ripgrep: RipgrepResult;
  };
  readonly ratios: readonly Ratio[];
  /** This process's peak RSS at the end of the run (pipeline, peers and all), in bytes. */
  readonly processPeakRssBytes: number;
}

const MB = 1_000_000;

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGB: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Runs every speed measurement and returns the numbers. Takes minutes at full size. */
export async function runSpeedBenchmark(options: SpeedOptions = {}): Promise<SpeedReport> {
  const quick = options.quick ?? false;
  const seed = options.seed ?? 1;
  const sizeMB = options.sizeMB ?? (quick ? 2 : 20);
  const runs = options.runs ?? (quick ? 1 : 3);
  const messageCount = options.messages ?? (quick ? 40 : 200);
  const peerSampleMB = Math.min(options.peerSampleMB ?? (quick ? 0.1 : 0.5), sizeMB);
  const messageSizes =
    options.messageSizes ?? (quick ? [1e3, 1e4, 1e5, 1e6] : [1e3, 1e4, 1e5, 1e6, 1e7]);
  const memorySizesMB = options.memorySizesMB ?? [
    ...new Set([1, 5, 10, sizeMB].filter((s) => s <= sizeMB)),
  ];
  const workDir = options.workDir ?? BENCH_OUT;
  const progress = options.progress;
  const warmupBytes = Math.min(MB, sizeMB * MB * 0.1);

  const workerCounts = options.workerCounts ?? [
    ...new Set([1, Math.max(2, availableParallelism())]),
  ];
  const peerSteps = PEERS.length * runs + 1 + runs;
  progress?.start(
    3 +
      runs +
      workerCounts.length * runs +
      1 +
      messageSizes.length +
      2 * memorySizesMB.length +
      peerSteps,
  );
  const step = (label: string) => progress?.step(label);

  // Inputs: the text corpus, the generated messages, the plain messages of chosen sizes.
  const corpus = await buildSpeedCorpus({
    sizeMB,
    seed,
    poolMessages: options.poolMessages,
    cacheDir:
      options.cacheDir === false ? false : options.cacheDir && join(options.cacheDir, 'corpus'),
  });
  step('text corpus');
  let corpusPath = corpus.path;
  if (!corpusPath) {
    mkdirSync(workDir, { recursive: true });
    corpusPath = join(workDir, `speed-corpus-${process.pid}.txt`);
    writeFileSync(corpusPath, corpus.documents.join(DOCUMENT_SEPARATOR));
  }
  const messages = await buildMailSet({
    seed,
    count: messageCount,
    cacheDir:
      options.cacheDir === false ? false : options.cacheDir && join(options.cacheDir, 'mail'),
  });
  step('generated mail');

  // (a) The engine alone, in this thread, then spread over workers.
  const engine = await measureEngine(corpus.documents, {
    runs,
    warmupBytes,
    onRun: () => step('engine'),
  });
  const scaling = await measureScaling(corpus.documents, {
    runs,
    warmupBytes,
    workerCounts,
    onRun: () => step('workers'),
  });

  // (b) to (d): the whole pipeline, on generated mail, a typical message and growing sizes.
  const guard = createGuard({ internalDomains: ['example-hospital.org'] });
  const pipeline = await measurePipeline(messages, {
    runs,
    warmupRuns: 1,
    guard,
    onRun: () => step('pipeline'),
  });
  const typicalMessage = plainMessage(corpus.documents, 50_000, 'typical-50k');
  const typicalIterations = options.typicalIterations ?? (quick ? 50 : 300);
  const [typicalPoint] = await measureSizes([typicalMessage], {
    budgetBytes: 0,
    minIterations: typicalIterations,
    maxIterations: typicalIterations,
    guard,
  });
  step('50 KB message');
  const sized = messageSizes.map((bytes) => plainMessage(corpus.documents, bytes, `size-${bytes}`));
  const sizes = await measureSizes(sized, {
    budgetBytes: quick ? 2e5 : 2e6,
    minIterations: 3,
    maxIterations: quick ? 30 : 200,
    guard,
    onPoint: () => step('message sizes'),
  });

  // (e) Memory against input size, each size in a fresh process.
  const memorySizes = memorySizesMB.map((s) => Math.round(s * MB));
  const memory = measureMemory(corpusPath, memorySizes, 'documents', () => step('memory'));
  const streamMemory = measureMemory(corpusPath, memorySizes, 'stream', () => step('memory'));

  // Peers on the same prefix of the corpus, phiguard timed on it too for the ratios.
  const sample = corpusPrefix(corpus.documents, peerSampleMB * MB);
  const sampleBytes = utf8Bytes(sample);
  const peerWarmup = Math.min(20_000, sampleBytes);
  const phiguardOnSample = await measureEngine(sample, {
    runs,
    warmupBytes: peerWarmup,
    onRun: () => step('phiguard on peer sample'),
  });
  const results: PeerResult[] = [];
  for (const peer of PEERS) {
    results.push(
      await measurePeer(peer, sample, {
        runs,
        warmupBytes: peerWarmup,
        onRun: () => step(peer.name),
      }),
    );
  }
  const ripgrep = measureRipgrep(corpusPath, corpus.bytes, runs, workDir);
  step('ripgrep');

  const ratios: Ratio[] = [];
  for (const r of results) {
    if (!r.throughput) continue;
    ratios.push({
      peer: `${r.name} ${r.version}`,
      peerMBps: r.throughput.medianMBps,
      phiguardMBps: phiguardOnSample.medianMBps,
      ratio: phiguardOnSample.medianMBps / r.throughput.medianMBps,
      text: `first ${(sampleBytes / MB).toFixed(2)} MB of the corpus`,
    });
  }
  for (const [mode, figures] of [
    ['rg -c', ripgrep.countLines],
    ['rg --count-matches', ripgrep.countMatches],
  ] as const) {
    if (!figures) continue;
    ratios.push({
      peer: `ripgrep (${mode}, 1 thread)`,
      peerMBps: figures.mbPerSecond,
      phiguardMBps: engine.medianMBps,
      ratio: engine.medianMBps / figures.mbPerSecond,
      text: `whole corpus, ${(corpus.bytes / MB).toFixed(1)} MB`,
    });
  }
  progress?.stop();

  return {
    kind: 'phiguard-speed-report',
    date: new Date().toISOString(),
    machine: describeMachine(),
    settings: { seed, sizeMB, runs, quick, peerSampleBytes: sampleBytes },
    corpus: {
      bytes: corpus.bytes,
      documents: corpus.documents.length,
      poolMessages: corpus.poolMessages,
    },
    engine,
    scaling,
    pipeline,
    typical: {
      bytes: typicalMessage.eml.length,
      latency: typicalPoint!.latency,
      iterations: typicalIterations,
    },
    sizes,
    memory,
    streamMemory,
    peers: { sampleBytes, phiguard: phiguardOnSample, results, ripgrep },
    ratios,
    processPeakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
