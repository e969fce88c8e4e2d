import type { Action } from '@phiguard/rules';
import type { Decision, Evidence, Reason } from './decision.js';

/**
 * The one place where reasons become English. Each code has a template; codes a policy
 * invents get the generic one. Templates use only what evidence holds (detector ids,
 * counts, reduced locations), so an explanation can never repeat a value.
 */
const TEMPLATES: Readonly<Record<string, (r: Reason) => string>> = {
  bulk_identifiers: (r) =>
    `${verb(r)}: the message holds ${distinctText(r.evidence)}, more than one message should ` +
    `carry.`,
  phi_to_external: (r) =>
    `${verb(r)}: identifiers and health information go to ` +
    `${recipientsText(r.evidence)}${whereText(r.evidence)}.`,
  phi_in_subject: (r) =>
    `${verb(r)}: the subject line holds ${findingsText(r.evidence)}, and subject lines are not ` +
    `encrypted.`,
  identifier_to_external: (r) =>
    `${verb(r)}: ${findingsText(r.evidence)} go to ` +
    `${recipientsText(r.evidence)}${whereText(r.evidence)}.`,
  unscannable_content: (r) =>
    `${verb(r)}: ${partsText(r.evidence)} could not be read, and what cannot be read is treated ` +
    `as PHI.`,
  unscannable_unhandled: (r) =>
    `${verb(r)}: ${partsText(r.evidence)} could not be read and no rule covers it; unread ` +
    `content is never allowed silently.`,
  evaluation_failed: (r) =>
    `${verb(r)}: ${r.rule ? `rule '${r.rule}'` : 'the policy'} could not be evaluated, so the ` +
    `message is held (fail closed).`,
};

/** English for one reason, in one sentence. */
export function explainReason(reason: Reason): string {
  const template = TEMPLATES[reason.code];
  if (template) return template(reason);
  const evidence =
    reason.evidence.detectors.length > 0
      ? `: ${findingsText(reason.evidence)}${whereText(reason.evidence)}`
      : '';
  const parts =
    reason.evidence.unscannable.length > 0
      ? `; ${partsText(reason.evidence)} could not be read`
      : '';
  return `${verb(reason)} by rule '${reason.rule ?? 'none'}' (${reason.code})${evidence}${parts}.`;
}

/** English for a whole decision: the outcome on the first line, then one line per reason. */
export function explainDecision(decision: Decision): string {
  const head =
    decision.reasons.length === 0
      ? 'Allow: no rule matched.'
      : `${actionText(decision.action, decision.strength)}${auditNote(decision)}.`;
  return [head, ...decision.reasons.map((r) => `- ${explainReason(r)}`)].join('\n');
}

function auditNote(decision: Decision): string {
  return decision.mode === 'audit' ? ` (audit rules would ${decision.auditAction})` : '';
}

function verb(reason: Reason): string {
  const text = actionText(reason.action, reason.strength);
  const audit = reason.mode === 'audit' ? ' (audit only, not enforced)' : '';
  const override =
    reason.override === 'with_justification' ? ' (a sender may override with a justification)' : '';
  return `${text}${audit}${override}`;
}

function actionText(action: Action, strength: Reason['strength']): string {
  const word = action[0]!.toUpperCase() + action.slice(1);
  return action === 'encrypt' ? `${word} (${strength ?? 'transport'})` : word;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function findingsText(e: Evidence): string {
  if (e.detectors.length === 0) return 'no findings';
  return e.detectors.map((d) => `${plural(d.count, `${d.detector} finding`)}`).join(', ');
}

function distinctText(e: Evidence): string {
  return (
    e.detectors.map((d) => `${plural(d.distinct, `distinct ${d.detector} value`)}`).join(', ') ||
    'many identifiers'
  );
}

function recipientsText(e: Evidence): string {
  return plural(e.externalRecipients, 'external recipient');
}

function whereText(e: Evidence): string {
  if (e.locations.length === 0) return '';
  const shown = e.locations.slice(0, 3).join(', ');
  const more = e.locations.length > 3 ? ` and ${e.locations.length - 3} more places` : '';
  return ` (in ${shown}${more})`;
}

function partsText(e: Evidence): string {
  if (e.unscannable.length === 0) return 'a part';
  const shown = e.unscannable
    .slice(0, 3)
    .map((u) => `${u.location} (${u.reason})`)
    .join(', ');
  return (
    `${plural(e.unscannable.length, 'part')}, ` +
    `${shown}${e.unscannable.length > 3 ? ' and more' : ''},`
  );
}
