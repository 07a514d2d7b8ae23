/**
 * The commit a working directory is at, for `chatrun exec` (its CI_COMMIT_*
 * variables). Undefined when the directory is not in a git repository or
 * the repository has no commit yet.
 */
import type { CommitInfo } from '../../ports/git.js';
import { readCommitInfo } from './commit-info.js';
import { runGit } from './git-command.js';

export async function readHeadCommit(dir: string): Promise<CommitInfo | undefined> {
  const head = await runGit(['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) return undefined;
  const info = await readCommitInfo(dir, head.stdout.toString('utf8').trim());
  return info.ok ? info.value : undefined;
}
