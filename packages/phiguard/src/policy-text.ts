import { type CompiledPolicy, checkPolicy } from '@phiguard/rules';

/**
 * Compiles a policy from its text (the rule language, or JSON when `name` ends in
 * `.json`); undefined text means the default pack. Throws the `PolicyError` of a policy
 * that does not load.
 */
export function loadPolicyFromText(
  text: string | undefined,
  name: string | undefined,
): CompiledPolicy | undefined {
  if (text === undefined) return undefined;
  const checked = checkPolicy(text, { name });
  if (!checked.ok) throw checked.error;
  return checked.policy;
}
