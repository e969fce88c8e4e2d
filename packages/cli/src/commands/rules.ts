import { runPolicyTests } from '@phiguard/policy';
import { createGuard, sniffType } from 'phiguard';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadPolicyArgument, PolicyFileError } from '../policy-file.js';
import { listFiles } from '../walk.js';

/** `phiguard rules check FILE`: loads a policy and reports the first error, located. */
export async function rulesCheckCommand(
  file: string,
  io: { out: (text: string) => void },
): Promise<ExitCode> {
  try {
    const policy = await loadPolicyArgument(file);
    io.out(`ok: ${file} (${policy.rules.length} rules)\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    io.out(`${error.message}\n`);
    return EXIT.found;
  }
}

/**
 * `phiguard rules test FILE FIXTURES...`: runs every fixture through the whole pipeline
 * and checks the action (and rules) each one declares with `X-Phiguard-Expect`.
 */
export async function rulesTestCommand(
  file: string,
  fixtures: readonly string[],
  options: { internalDomain: readonly string[] },
  io: { out: (text: string) => void },
): Promise<ExitCode> {
  let policy: Awaited<ReturnType<typeof loadPolicyArgument>>;
  try {
    policy = await loadPolicyArgument(file);
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    io.out(`${error.message}\n`);
    return EXIT.usage;
  }
  const guard = createGuard({ policy, internalDomains: options.internalDomain });
  const files = await listFiles(fixtures);
  const report = await runPolicyTests(policy, files, async (path, bytes) => {
    const isMessage = (await sniffType(bytes, path)) === 'message';
    const inspection = isMessage
      ? await guard.inspectMessage(Buffer.from(bytes))
      : await guard.inspectFile(bytes, { filename: path });
    return {
      scan: {
        findings: inspection.findings,
        unscannable: inspection.unscannable,
        attachments: inspection.attachments,
        assessment: inspection.assessment,
        size: inspection.size,
      },
      context: inspection.context,
    };
  });
  for (const result of report.results) {
    const status = result.passed ? 'pass' : 'FAIL';
    const detail = result.passed
      ? (result.actual ?? '')
      : `${result.problem}: expected ${result.expected?.action ?? '?'}, got ${result.actual ?? '?'}${result.missing?.length ? `; rules not fired: ${result.missing.join(', ')}` : ''}`;
    io.out(`${status}  ${result.file}  ${detail}\n`);
  }
  io.out(`${report.passed} passed, ${report.failed} failed\n`);
  return report.failed === 0 ? EXIT.ok : EXIT.found;
}
