'use strict';

// Haraka's entry point. Haraka loads plugins with require(); the plugin itself is an ES
// module, so it is imported when Haraka registers the plugin and each hook waits for it.
// Install this package in Haraka's folder and list `@phiguard/haraka` in config/plugins.

/** Haraka's DENYSOFT (haraka-constants): the client keeps the message and retries. */
const DENYSOFT = 903;

exports.register = function register() {
  this.phiguard = import('@phiguard/haraka').then((module) => module.createHarakaPlugin(this));
  this.phiguard.then(undefined, (error) => {
    // Fail closed: a plugin that did not load defers every message rather than passing it.
    this.logerror(`phiguard failed to load, deferring all mail: ${describe(error)}`);
  });
};

exports.hook_data_post = function hook_data_post(next, connection) {
  this.phiguard.then(
    (plugin) => plugin.dataPost(next, connection),
    () => next(DENYSOFT, '4.3.0 content check unavailable (plugin_not_loaded), try again later'),
  );
};

/** The error's name and, for a settings error, its message: the setting, never mail content. */
function describe(error) {
  if (error?.name === 'SettingsError') return error.message;
  if (error?.name === 'PolicyError') return 'PolicyError (run phiguard rules check)';
  // A system error's code (ENOENT, EACCES) says what went wrong without naming the path.
  const code = typeof error?.code === 'string' ? ` ${error.code}` : '';
  return error?.name ? `${error.name}${code}` : typeof error;
}
