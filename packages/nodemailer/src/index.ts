export {
  type EncryptRequest,
  type Envelope,
  PhiguardEncryptionRequiredError,
  type PhiguardPluginOptions,
  PhiguardRejectedError,
  PhiguardScanError,
  PhiguardSendError,
  phiguardPlugin,
  type Verdict,
} from './plugin.js';
