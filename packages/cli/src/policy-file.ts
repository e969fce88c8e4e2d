import { readFile } from 'node:fs/promises';
import { type CompiledPolicy, checkPolicy, PACKS } from 'phiguard';

/** A policy file that could not be loaded; the message is the rendered, located error. */
export class PolicyFileError extends Error {
  override readonly name = 'PolicyFileError';
}

/**
 * Loads `--policy`: the name of a built-in pack (`hipaa-baseline`), a policy file in the
 * rule language, or a `.json` policy.
 */
export async function loadPolicyArgument(argument: string): Promise<CompiledPolicy> {
  const text = await readPolicyArgument(argument);
  const checked = checkPolicy(text, { name: argument });
  if (!checked.ok) throw new PolicyFileError(checked.error.message);
  return checked.policy;
}

/** The text of `--policy`: a built-in pack's, or the file's. */
export async function readPolicyArgument(argument: string): Promise<string> {
  const text = PACKS[argument] ?? (await readFile(argument, 'utf8').catch(() => undefined));
  if (text === undefined) {
    throw new PolicyFileError(
      `cannot read policy '${argument}': give a policy file or a built-in pack (${Object.keys(PACKS).join(', ')})`,
    );
  }
  return text;
}
