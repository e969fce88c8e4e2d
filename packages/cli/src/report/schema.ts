import { CLINICAL_CLASSES, SAFE_HARBOR_CLASSES } from 'phiguard';
import { z } from 'zod';

/** Version of the JSON and JSONL output; it changes only when a field changes meaning. */
export const SCAN_REPORT_SCHEMA = 'phiguard.scan/v1';

const findingClass = z.enum([...SAFE_HARBOR_CLASSES, ...CLINICAL_CLASSES]);

/** One finding as the CLI prints it. `value` is present only with `--show-values`. */
export const findingReportSchema = z.object({
  detector: z.string(),
  class: findingClass,
  location: z.string(),
  area: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1),
  level: z.enum(['low', 'medium', 'high']),
  masked: z.string(),
  fingerprint: z.string(),
  role: z.string().optional(),
  value: z.string().optional(),
});

export const unscannableReportSchema = z.object({
  location: z.string(),
  reason: z.string(),
  detail: z.string(),
});

export const decisionReportSchema = z.object({
  action: z.enum(['allow', 'encrypt', 'quarantine', 'block']),
  mode: z.enum(['enforce', 'audit']),
  strength: z.enum(['transport', 'end-to-end']).optional(),
  reasons: z.array(z.object({ code: z.string(), rule: z.string().optional(), action: z.string() })),
  explanation: z.string(),
});

/** The report for one scanned path. */
export const fileReportSchema = z.object({
  schema: z.literal(SCAN_REPORT_SCHEMA),
  path: z.string(),
  kind: z.enum(['message', 'file']),
  size: z.number().int().nonnegative(),
  phi: z.boolean(),
  identifierClasses: z.array(z.string()),
  healthInformation: z.boolean(),
  findings: z.array(findingReportSchema),
  unscannable: z.array(unscannableReportSchema),
  decision: decisionReportSchema.optional(),
  /** Set when the path could not be inspected at all. */
  error: z.string().optional(),
});

/** `--format json`: every file and a summary. */
export const scanReportSchema = z.object({
  schema: z.literal(SCAN_REPORT_SCHEMA),
  files: z.array(fileReportSchema),
  summary: z.object({
    files: z.number().int(),
    withPhi: z.number().int(),
    withUnscannable: z.number().int(),
    findings: z.number().int(),
  }),
});

export type FindingReport = z.infer<typeof findingReportSchema>;
export type FileReport = z.infer<typeof fileReportSchema>;
export type ScanReport = z.infer<typeof scanReportSchema>;

/** Version of the JSON `phiguard hook` prints. */
export const HOOK_REPORT_SCHEMA = 'phiguard.hook/v1';

/** What `phiguard hook` prints: the decision, its reasons, and the PHI-free audit record. */
export const hookReportSchema = z.union([
  z.object({
    schema: z.literal(HOOK_REPORT_SCHEMA),
    action: z.enum(['allow', 'encrypt', 'quarantine', 'block']),
    mode: z.enum(['enforce', 'audit']),
    strength: z.enum(['transport', 'end-to-end']).optional(),
    override: z.enum(['none', 'with_justification']),
    reasons: z.array(
      z.object({ code: z.string(), rule: z.string().optional(), action: z.string() }),
    ),
    explanation: z.string(),
    /** The audit record, as `@phiguard/policy` defines it (version 1). */
    audit: z.looseObject({ version: z.literal(1), decidedAt: z.string() }),
  }),
  z.object({
    schema: z.literal(HOOK_REPORT_SCHEMA),
    action: z.literal('failed'),
    reasons: z.array(z.object({ code: z.literal('scanner_failed') })),
  }),
]);

export type HookReport = z.infer<typeof hookReportSchema>;
