import { readFile } from 'node:fs/promises';
import { createGuard, type Guard, type GuardLogger, sniffType } from 'phiguard';
import { loadPolicyArgument } from '../policy-file.js';
import { failedFileReport, toFileReport } from '../report/file-report.js';
import type { FileReport } from '../report/schema.js';

/** What a scan needs to inspect one file: plain data, so it can be sent to a worker. */
export interface InspectSettings {
  /** A policy file or pack name; no decision without one. */
  readonly policy: string | undefined;
  readonly internalDomains: readonly string[];
  readonly showValues: boolean;
  /** One key for every guard of a scan, so fingerprints agree across workers. */
  readonly fingerprintKey: Uint8Array;
}

/** The guard a scan inspects files with; throws on a policy that does not load. */
export async function guardFor(settings: InspectSettings, logger?: GuardLogger): Promise<Guard> {
  const policy = settings.policy ? await loadPolicyArgument(settings.policy) : undefined;
  return createGuard({
    policy,
    internalDomains: settings.internalDomains,
    includeSegmentText: settings.showValues,
    fingerprintKey: settings.fingerprintKey,
    logger,
  });
}

/** Reads and inspects one file; a file that cannot be read or inspected is reported so. */
export async function inspectPath(
  guard: Guard,
  path: string,
  settings: InspectSettings,
): Promise<FileReport> {
  try {
    const bytes = await readFile(path);
    const type = await sniffType(bytes, path);
    const kind = type === 'message' ? 'message' : 'file';
    const inspection =
      kind === 'message'
        ? await guard.inspectMessage(bytes)
        : await guard.inspectFile(bytes, { filename: path });
    return toFileReport(path, kind, inspection, {
      withDecision: settings.policy !== undefined,
      showValues: settings.showValues,
    });
  } catch (error) {
    // Read errors and internal failures are reported per file; the file counts as unreadable.
    const code = (error as NodeJS.ErrnoException).code;
    return failedFileReport(
      path,
      code ? `cannot read the file (${code})` : 'the file could not be inspected',
    );
  }
}
