/**
 * Reads a commit's metadata (the CI_COMMIT_* facts) from a repository that
 * already holds the commit.
 */
import type { CommitInfo, GitResult } from '../../ports/git.js';
import type { RunGit } from './git-command.js';
import { runGit } from './git-command.js';

const FORMAT = '%H%x00%an%x00%ae%x00%cI%x00%B';

export async function readCommitInfo(gitDir: string, sha: string, run: RunGit = runGit): Promise<GitResult<CommitInfo>> {
  const shown = await run(['-C', gitDir, 'show', '-s', '--no-show-signature', `--format=${FORMAT}`, '--end-of-options', sha]);
  if (!shown.ok) return { ok: false, error: { kind: 'commit_not_found', message: `commit ${sha} not found` } };
  const [full = '', authorName = '', authorEmail = '', timestamp = '', ...rest] = shown.stdout.toString('utf8').split('\0');
  const message = rest.join('\0').replace(/\n+$/, '');
  return {
    ok: true,
    value: { sha: full.trim(), message, title: message.split('\n')[0] ?? '', authorName, authorEmail, timestamp },
  };
}
