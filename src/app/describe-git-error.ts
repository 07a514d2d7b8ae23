/**
 * A git failure in words for the audit log. Clone URLs may carry
 * credentials (`https://user:token@host/…`); those never reach the log.
 */
import type { GitError } from '../ports/git.js';

export function describeGitError(error: GitError): string {
  return `${error.kind}: ${error.message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@')}`;
}
