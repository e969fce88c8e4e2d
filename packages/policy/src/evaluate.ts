import { atLeast, type FindingClass, isClinicalClass, SAFE_HARBOR_CLASSES } from '@phiguard/core';
import type { Comparison, Condition, RecipientTarget, Selector } from '@phiguard/rules';
import type { AttachmentFact, ScanFinding, UnscannablePart } from './input.js';

/** A recipient or sender, classified once per decision. */
export interface Party {
  readonly address: string;
  readonly external: boolean;
}

/** Everything conditions are evaluated against, prepared once per message. */
export interface Facts {
  readonly findings: readonly ScanFinding[];
  readonly unscannable: readonly UnscannablePart[];
  readonly attachments: readonly AttachmentFact[];
  readonly phi: boolean;
  readonly size: number | undefined;
  readonly recipients: readonly Party[];
  readonly sender: Party | undefined;
}

/** What made a condition true: the findings and unscannable parts it looked at. */
export interface Collected {
  readonly findings: Set<ScanFinding>;
  readonly unscannable: Set<UnscannablePart>;
}

/** The level a selector counts from when it names none: low findings are mostly noise. */
export const DEFAULT_LEVEL = 'medium';

const safeHarbor = new Set<string>(SAFE_HARBOR_CLASSES);

/**
 * Evaluates `condition`. Findings and parts that make a true condition true are added to
 * `out`; under `not`, nothing is collected, since what is absent is no evidence.
 */
export function evaluate(condition: Condition, facts: Facts, out: Collected): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.of.every((c) => evaluate(c, facts, out));
    case 'or': {
      // Every branch is evaluated so each true one adds its evidence.
      let any = false;
      for (const c of condition.of) any = evaluate(c, facts, out) || any;
      return any;
    }
    case 'not':
      return !evaluate(condition.of, facts, emptyCollected());
    case 'found': {
      const found = select(facts.findings, condition.select);
      for (const f of found) out.findings.add(f);
      return found.length > 0;
    }
    case 'count': {
      const found = select(facts.findings, condition.select);
      const n = condition.distinct ? new Set(found.map((f) => f.fingerprint)).size : found.length;
      const ok = compare(n, condition.op, condition.value);
      if (ok) for (const f of found) out.findings.add(f);
      return ok;
    }
    case 'near':
      return near(condition, facts, out);
    case 'phi':
      // The identifiers and health information that make the message PHI are its evidence.
      if (facts.phi) {
        for (const f of select(facts.findings, { ref: 'identifier' })) out.findings.add(f);
        for (const f of select(facts.findings, { ref: 'health_information' })) out.findings.add(f);
      }
      return facts.phi;
    case 'recipients': {
      const test = (p: Party) => partyMatches(p, condition.target);
      return condition.quantifier === 'any'
        ? facts.recipients.some(test)
        : facts.recipients.every(test);
    }
    case 'sender':
      return facts.sender !== undefined && partyMatches(facts.sender, condition.target);
    case 'tally': {
      const n = {
        recipients: facts.recipients.length,
        attachments: facts.attachments.length,
        unscannable: facts.unscannable.length,
      }[condition.of];
      const ok = compare(n, condition.op, condition.value);
      if (ok && condition.of === 'unscannable')
        for (const u of facts.unscannable) out.unscannable.add(u);
      return ok;
    }
    case 'attachment_type': {
      const wanted = new Set(condition.types.map((t) => t.toLowerCase()));
      return facts.attachments.some((a) => wanted.has(a.detectedType.toLowerCase()));
    }
    case 'unscannable': {
      const parts = facts.unscannable.filter(
        (u) => condition.reasons.length === 0 || condition.reasons.includes(u.reason),
      );
      for (const u of parts) out.unscannable.add(u);
      return parts.length > 0;
    }
    case 'message_size':
      // An unknown size cannot be compared; the condition is false rather than a guess.
      return facts.size !== undefined && compare(facts.size, condition.op, condition.bytes);
  }
}

/** A collector that starts empty. */
export function emptyCollected(): Collected {
  return { findings: new Set(), unscannable: new Set() };
}

/** The findings a selector picks: by detector id, class or group, level and area. */
export function select(findings: readonly ScanFinding[], selector: Selector): ScanFinding[] {
  const level = selector.level ?? DEFAULT_LEVEL;
  return findings.filter(
    (f) =>
      refers(selector.ref, f) &&
      atLeast(f.level, level) &&
      (selector.areas === undefined || selector.areas.includes((f.area ?? 'text') as never)),
  );
}

function refers(ref: string, f: ScanFinding): boolean {
  switch (ref) {
    case 'any_finding':
      return true;
    case 'identifier':
      return safeHarbor.has(f.class);
    case 'health_information':
      return isClinicalClass(f.class as FindingClass);
    default:
      return f.detector === ref || f.class === ref;
  }
}

/** Two findings in the same segment within `within` characters, in the order asked. */
function near(
  condition: Extract<Condition, { kind: 'near' }>,
  facts: Facts,
  out: Collected,
): boolean {
  const firsts = select(facts.findings, condition.first);
  const seconds = select(facts.findings, condition.second);
  let any = false;
  for (const a of firsts) {
    for (const b of seconds) {
      if (a === b || (a.segment ?? 0) !== (b.segment ?? 0)) continue;
      const gap =
        condition.order === 'before'
          ? b.start >= a.end
            ? b.start - a.end
            : -1
          : condition.order === 'after'
            ? a.start >= b.end
              ? a.start - b.end
              : -1
            : Math.max(0, b.start - a.end, a.start - b.end);
      if (gap < 0 || gap > condition.within) continue;
      out.findings.add(a);
      out.findings.add(b);
      any = true;
    }
  }
  return any;
}

function partyMatches(party: Party, target: RecipientTarget): boolean {
  if (target === 'external') return party.external;
  if (target === 'internal') return !party.external;
  return target.in.some((pattern) => addressMatches(party.address, pattern));
}

/** `name@example.org` matches itself; `*@example.org` matches every address at that domain. */
export function addressMatches(address: string, pattern: string): boolean {
  const a = address.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith('*@') ? domainOf(a) === p.slice(2) : a === p;
}

/** The lower-cased domain of an address: what follows its last `@`. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function compare(n: number, op: Comparison, value: number): boolean {
  switch (op) {
    case '>=':
      return n >= value;
    case '>':
      return n > value;
    case '<=':
      return n <= value;
    case '<':
      return n < value;
    case '=':
      return n === value;
    case '!=':
      return n !== value;
  }
}
