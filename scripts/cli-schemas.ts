import { z } from 'zod';
import { hookReportSchema, scanReportSchema } from '../packages/cli/src/report/schema.js';

/** The JSON Schemas of the CLI's versioned outputs, rendered from their zod definitions. */
export function renderCliSchemas(): Record<string, string> {
  return {
    'scan-report.v1.json': `${JSON.stringify(z.toJSONSchema(scanReportSchema), null, 2)}\n`,
    'hook-report.v1.json': `${JSON.stringify(z.toJSONSchema(hookReportSchema), null, 2)}\n`,
  };
}
