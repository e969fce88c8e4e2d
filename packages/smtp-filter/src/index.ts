export {
  createSmtpFilter,
  type Destination,
  type FilterLogger,
  type FilterOutcome,
  type SmtpFilter,
  type SmtpFilterOptions,
} from './filter.js';
export { HEADER_PREFIX, stampHeaders } from './headers.js';
export type { Envelope, FilterAction, Inspect, Verdict } from './verdict.js';
