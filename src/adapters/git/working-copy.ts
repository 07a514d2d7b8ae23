/**
 * Prepares a job's working copy the way GitLab Runner's `fetch` strategy
 * does: the directory is a git repository created on first use and reused
 * by later jobs; each job fetches, force-checks-out its commit (detached)
 * and removes every untracked and ignored file, so it starts from exactly
 * the commit however the previous job left the directory.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitResult, PrepareWorkingCopyRequest, SourceLine } from '../../ports/git.js';
import { gitFailure } from './git-failure.js';
import { outputLines, runGit } from './git-command.js';
import { readableRepository } from './repository-mirror.js';

const REFSPECS = ['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'];
// Left behind when a previous job was killed in the middle of a git command.
const STALE_LOCKS = ['index.lock', 'shallow.lock', 'HEAD.lock', 'config.lock'];

export async function prepareWorkingCopy(request: PrepareWorkingCopyRequest): Promise<GitResult<{ lines: SourceLine[] }>> {
  const { repository, sha, ref, dir } = request;
  const lines: SourceLine[] = [{ kind: 'notice', text: 'Fetching changes...' }];
  const output = (text: string): void => {
    for (const line of outputLines(text)) lines.push({ kind: 'output', text: line });
  };

  const source = await readableRepository(repository, request.cacheDir);
  if (!source.ok) return source;

  await mkdir(dir, { recursive: true });
  const fresh = !(await isRepository(dir));
  for (const lock of STALE_LOCKS) await rm(join(dir, '.git', lock), { force: true });
  const init = await runGit(['init', dir]);
  if (!init.ok) return { ok: false, error: gitFailure(dir, init.stderr) };
  output(init.stdout.toString('utf8'));
  if (fresh) lines.push({ kind: 'notice', text: 'Created fresh repository.' });

  const fetched = await runGit(['-C', dir, 'fetch', '--prune', '--force', '--end-of-options', source.value, ...REFSPECS]);
  if (!fetched.ok) return { ok: false, error: gitFailure(repository, fetched.stderr, 'repository_unreadable') };
  output(fetched.stderr);
  if (!(await hasCommit(dir, sha))) {
    // Not on any branch or tag (e.g. a commit only a pipeline ref points at).
    await runGit(['-C', dir, 'fetch', '--quiet', '--end-of-options', source.value, sha]);
    if (!(await hasCommit(dir, sha))) {
      return { ok: false, error: { kind: 'commit_not_found', message: `commit ${sha} not found in ${repository}` } };
    }
  }

  lines.push({ kind: 'notice', text: `Checking out ${sha.slice(0, 8)} as detached HEAD (ref is ${ref})...` });
  const checkout = await runGit(['-C', dir, '-c', 'advice.detachedHead=false', 'checkout', '-f', '-q', '--detach', sha]);
  if (!checkout.ok) return { ok: false, error: gitFailure(repository, checkout.stderr) };
  const clean = await runGit(['-C', dir, 'clean', '-ffdx']);
  if (!clean.ok) return { ok: false, error: gitFailure(repository, clean.stderr) };
  output(clean.stdout.toString('utf8'));
  lines.push({ kind: 'notice', text: 'Skipping Git submodules setup' });
  return { ok: true, value: { lines } };
}

async function isRepository(dir: string): Promise<boolean> {
  const probe = await runGit(['-C', dir, 'rev-parse', '--git-dir']);
  return probe.ok && probe.stdout.toString('utf8').trim() === '.git';
}

async function hasCommit(dir: string, sha: string): Promise<boolean> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return false;
  return (await runGit(['-C', dir, 'cat-file', '-e', `${sha}^{commit}`])).ok;
}
