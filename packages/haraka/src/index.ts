export {
  createHarakaPlugin,
  HARAKA_CODES,
  type HarakaConnection,
  type HarakaPluginHost,
  type HarakaTransaction,
  type Next,
  type PhiguardHarakaPlugin,
} from './plugin.js';
export { type Handling, readSettings, type Settings, SettingsError } from './settings.js';
