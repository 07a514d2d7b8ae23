import type { ConfigError, ConfigWarning } from './job-spec.js';

/**
 * Where validators put what they find. Validators never stop at the first
 * problem: they add to `errors` and carry on, so a user sees every mistake
 * of a file at once.
 */
export interface Findings {
  readonly errors: ConfigError[];
  readonly warnings: ConfigWarning[];
}

/**
 * A GitLab entry-validation message: `<location> <text>`, lower-cased as a
 * whole as GitLab does (`jobs:deploy:script config should be …`). The
 * `path` field keeps the original spelling for programs.
 */
export function entryError(path: string, text: string): ConfigError {
  return { path, message: `${path} ${text}`.toLowerCase() };
}

/** A logical (cross-entry) error: GitLab does not lower-case these. */
export function plainError(path: string, message: string): ConfigError {
  return { path, message };
}

/** `a, b` — how GitLab lists keys and values in its messages. */
export function listed(items: readonly string[]): string {
  return items.join(', ');
}
