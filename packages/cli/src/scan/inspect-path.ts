import { readFile } from 'node:fs/promises';
import {
  createGuard,
  createGuardPool,
  type GuardLogger,
  GuardWorkerError,
  type Inspection,
  PolicyError,
  sniffType,
} from 'phiguard';
import { loadPolicyArgument, PolicyFileError, readPolicyArgument } from '../policy-file.js';
import { failedFileReport, toFileReport } from '../report/file-report.js';
import type { FileReport } from '../report/schema.js';

/** What a scan needs to inspect files. */
export interface InspectSettings {
  /** A policy file or pack name; no decision without one. */
  readonly policy: string | undefined;
  readonly internalDomains: readonly string[];
  readonly showValues: boolean;
}

/** A guard in this thread or a pool of them on worker threads: both inspect alike. */
export interface Inspector {
  inspectMessage(bytes: Uint8Array): Promise<Inspection>;
  inspectFile(bytes: Uint8Array, file: { filename?: string }): Promise<Inspection>;
  close?(): Promise<void>;
}

/**
 * The guard a scan inspects files with: in this thread for one job, a `GuardPool` of
 * `jobs` workers otherwise, which takes at most `2 * jobs` files at a time. Throws
 * `PolicyFileError` on a policy that does not load.
 */
export async function inspectorFor(
  settings: InspectSettings,
  jobs: number,
  logger: GuardLogger,
): Promise<Inspector> {
  const common = {
    internalDomains: settings.internalDomains,
    includeSegmentText: settings.showValues,
    logger,
  };
  if (jobs <= 1) {
    const policy = settings.policy ? await loadPolicyArgument(settings.policy) : undefined;
    return createGuard({ ...common, policy });
  }
  const policyText = settings.policy ? await readPolicyArgument(settings.policy) : undefined;
  try {
    return createGuardPool({
      ...common,
      policyText,
      policyName: settings.policy,
      workers: jobs,
      maxWaiting: 2 * jobs,
    });
  } catch (error) {
    // The pool compiles the policy before it starts a worker; a bad one is a usage error.
    if (error instanceof PolicyError) throw new PolicyFileError(error.message);
    throw error;
  }
}

/** Reads and inspects one file; a file that cannot be read or inspected is reported so. */
export async function inspectPath(
  inspector: Inspector,
  path: string,
  settings: InspectSettings,
): Promise<FileReport> {
  try {
    const bytes = await readFile(path);
    const type = await sniffType(bytes, path);
    const kind = type === 'message' ? 'message' : 'file';
    const inspection =
      kind === 'message'
        ? await inspector.inspectMessage(bytes)
        : await inspector.inspectFile(bytes, { filename: path });
    return toFileReport(path, kind, inspection, {
      withDecision: settings.policy !== undefined,
      showValues: settings.showValues,
    });
  } catch (error) {
    // Read errors and internal failures are reported per file; the file counts as unreadable.
    if (error instanceof GuardWorkerError) {
      return failedFileReport(path, 'the file could not be inspected (its worker stopped)');
    }
    const code = (error as NodeJS.ErrnoException).code;
    return failedFileReport(
      path,
      code ? `cannot read the file (${code})` : 'the file could not be inspected',
    );
  }
}
