import type { Inspection } from 'phiguard';
import { explainDecision } from 'phiguard';
import { type FileReport, type FindingReport, SCAN_REPORT_SCHEMA } from './schema.js';

/** Turns an inspection into the report for one path; values only when `showValues`. */
export function toFileReport(
  path: string,
  kind: FileReport['kind'],
  inspection: Inspection,
  options: { withDecision: boolean; showValues: boolean },
): FileReport {
  const findings: FindingReport[] = inspection.findings.map((f) => {
    const text = options.showValues ? inspection.segments[f.segment]?.text : undefined;
    return {
      detector: f.detector,
      class: f.class,
      location: f.location,
      area: f.area,
      start: f.start,
      end: f.end,
      confidence: f.confidence,
      level: f.level,
      masked: f.masked,
      fingerprint: f.fingerprint,
      ...(f.role ? { role: f.role } : {}),
      ...(text !== undefined ? { value: text.slice(f.start, f.end) } : {}),
    };
  });
  const decision = inspection.decision;
  return {
    schema: SCAN_REPORT_SCHEMA,
    path,
    kind,
    size: inspection.size,
    phi: inspection.assessment.phi,
    identifierClasses: [...inspection.assessment.identifierClasses],
    healthInformation: inspection.assessment.healthInformation,
    findings,
    unscannable: inspection.unscannable.map((u) => ({
      location: u.location,
      reason: u.reason,
      detail: u.detail,
    })),
    ...(options.withDecision
      ? {
          decision: {
            action: decision.action,
            mode: decision.mode,
            ...(decision.strength ? { strength: decision.strength } : {}),
            reasons: decision.reasons.map((r) => ({
              code: r.code,
              ...(r.rule ? { rule: r.rule } : {}),
              action: r.action,
            })),
            explanation: explainDecision(decision),
          },
        }
      : {}),
  };
}

/** A report for a path that could not be inspected at all. */
export function failedFileReport(path: string, problem: string): FileReport {
  return {
    schema: SCAN_REPORT_SCHEMA,
    path,
    kind: 'file',
    size: 0,
    phi: false,
    identifierClasses: [],
    healthInformation: false,
    findings: [],
    unscannable: [{ location: 'file', reason: 'extractor_failed', detail: problem }],
    error: problem,
  };
}
