import { runCli } from '../program.js';

/** What one in-process run of the CLI printed, and its exit code. */
export interface CapturedRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs the CLI in this process as a non-interactive terminal would, with `stdin` as its
 * input, and returns stdout and stderr as text. For tests; not part of the build.
 */
export async function runCaptured(
  argv: readonly string[],
  stdin: Buffer | string = '',
): Promise<CapturedRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdin: (async function* () {
      if (stdin.length > 0) yield typeof stdin === 'string' ? Buffer.from(stdin) : stdin;
    })(),
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    interactive: false,
  });
  return { code, out, err };
}
