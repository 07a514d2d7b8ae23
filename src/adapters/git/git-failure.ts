/**
 * Turns what git printed on failure into one of the port's error kinds, so
 * the user reads "repository unreadable" rather than git's exit status.
 */
import type { GitError, GitErrorKind } from '../../ports/git.js';

const UNREADABLE = [
  'not a git repository',
  'does not appear to be a git repository',
  'could not read from remote repository',
  'repository not found',
  'no such file or directory',
  'unable to access',
  'could not resolve host',
  'authentication failed',
  'terminal prompts disabled',
];

export function gitFailure(repository: string, stderr: string, fallback: GitErrorKind = 'git_failed'): GitError {
  const lower = stderr.toLowerCase();
  const detail = firstLine(stderr);
  if (UNREADABLE.some((s) => lower.includes(s))) {
    return { kind: 'repository_unreadable', message: `cannot read repository ${repository}: ${detail}` };
  }
  return { kind: fallback, message: detail === '' ? `git failed on ${repository}` : detail };
}

function firstLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /^(fatal|error):/i.test(l)) ?? lines[0] ?? '';
}
