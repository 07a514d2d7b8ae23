/**
 * Prepares a job's working copy the way GitLab Runner's `fetch` strategy
 * does: the directory is a git repository created on first use and reused
 * by later jobs; each job force-checks-out its commit (detached) and
 * removes every untracked and ignored file, so it starts from exactly the
 * commit however the previous job left the directory.
 *
 * A reused working copy that already holds the commit is not fetched into
 * (a commit is named by its content, so the one in hand is the one asked
 * for): the usual job start is `checkout` and `clean`, two git processes.
 * Its remote-tracking branches then stay as the last fetch left them. A
 * fetch happens only when the commit is missing, and the trace says so.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitResult, PrepareWorkingCopyRequest, SourceLine } from '../../ports/git.js';
import { gitFailure } from './git-failure.js';
import type { RunGit } from './git-command.js';
import { outputLines } from './git-command.js';
import type { LocalRepositories } from './local-repositories.js';
import { localRepositoryPath, readableRepository } from './repository-mirror.js';

const REFSPECS = ['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'];
// Left behind when a previous job was killed in the middle of a git command.
const STALE_LOCKS = ['index.lock', 'shallow.lock', 'HEAD.lock', 'config.lock'];

/** How the working copy reaches git: the adapter's known local repositories and its way of running git. */
export interface WorkingCopyTools {
  readonly locals: LocalRepositories;
  readonly run: RunGit;
}

export async function prepareWorkingCopy(
  request: PrepareWorkingCopyRequest,
  tools: WorkingCopyTools,
): Promise<GitResult<{ lines: SourceLine[] }>> {
  const { locals, run } = tools;
  const { repository, sha, ref, dir } = request;
  const lines: SourceLine[] = [];
  const output = (text: string): void => {
    for (const line of outputLines(text)) lines.push({ kind: 'output', text: line });
  };

  const reused = await isCheckout(dir);
  if (reused) {
    // A local repository that has gone away fails the job, as a fetch would have.
    const source = await readableLocally(repository, request.cacheDir, tools);
    if (source !== undefined && !source.ok) return source;
    for (const lock of STALE_LOCKS) await rm(join(dir, '.git', lock), { force: true });
    lines.push({ kind: 'notice', text: `Reusing existing Git repository in ${join(dir, '.git')}/` });
  } else {
    lines.push({ kind: 'notice', text: 'Fetching changes...' });
    const source = await readableRepository(repository, request.cacheDir, locals, run);
    if (!source.ok) return source;
    await mkdir(dir, { recursive: true });
    const init = await run(['init', dir]);
    if (!init.ok) return { ok: false, error: gitFailure(dir, init.stderr) };
    output(init.stdout.toString('utf8'));
    lines.push({ kind: 'notice', text: 'Created fresh repository.' });
  }

  if (reused && (await hasCommit(dir, sha, run))) {
    lines.push({ kind: 'notice', text: `Commit ${sha.slice(0, 8)} is already in the working copy: skipping fetch` });
  } else {
    if (reused) lines.push({ kind: 'notice', text: 'Fetching changes...' });
    const source = await readableRepository(repository, request.cacheDir, locals, run);
    if (!source.ok) return source;
    const fetched = await run(['-C', dir, 'fetch', '--prune', '--force', '--end-of-options', source.value, ...REFSPECS]);
    if (!fetched.ok) return { ok: false, error: gitFailure(repository, fetched.stderr, 'repository_unreadable') };
    output(fetched.stderr);
    if (!(await hasCommit(dir, sha, run))) {
      // Not on any branch or tag (e.g. a commit only a pipeline ref points at).
      await run(['-C', dir, 'fetch', '--quiet', '--end-of-options', source.value, sha]);
      if (!(await hasCommit(dir, sha, run))) {
        return { ok: false, error: { kind: 'commit_not_found', message: `commit ${sha} not found in ${repository}` } };
      }
    }
  }

  lines.push({ kind: 'notice', text: `Checking out ${sha.slice(0, 8)} as detached HEAD (ref is ${ref})...` });
  const checkout = await run(['-C', dir, '-c', 'advice.detachedHead=false', 'checkout', '-f', '-q', '--detach', sha]);
  if (!checkout.ok) return { ok: false, error: gitFailure(repository, checkout.stderr) };
  const clean = await run(['-C', dir, 'clean', '-ffdx']);
  if (!clean.ok) return { ok: false, error: gitFailure(repository, clean.stderr) };
  output(clean.stdout.toString('utf8'));
  lines.push({ kind: 'notice', text: 'Skipping Git submodules setup' });
  return { ok: true, value: { lines } };
}

/** The slot already is a working copy of its own: `.git` is a directory with HEAD and objects. */
async function isCheckout(dir: string): Promise<boolean> {
  try {
    const [head, objects] = await Promise.all([stat(join(dir, '.git', 'HEAD')), stat(join(dir, '.git', 'objects'))]);
    return head.isFile() && objects.isDirectory();
  } catch {
    return false;
  }
}

/**
 * For a local path, whether it is still a readable repository (checked once
 * per path, no process after that); undefined for a remote, which is not
 * contacted when the commit is in hand. Git's own rule tells them apart: a
 * colon before the first slash means `host:path`.
 */
async function readableLocally(
  repository: string,
  cacheDir: string,
  tools: WorkingCopyTools,
): Promise<GitResult<string> | undefined> {
  if (localRepositoryPath(repository) !== undefined) return readableRepository(repository, cacheDir, tools.locals, tools.run);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repository) || /^[^/]*:/.test(repository)) return undefined;
  return { ok: false, error: { kind: 'repository_unreadable', message: `cannot read repository ${repository}: no such directory` } };
}

/**
 * A loose object file proves the commit is there without a process (the
 * SHA was resolved as a commit by the server, and names one content);
 * otherwise `cat-file` looks in the packs.
 */
async function hasCommit(dir: string, sha: string, run: RunGit): Promise<boolean> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return false;
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
    try {
      if ((await stat(join(dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)))).isFile()) return true;
    } catch {
      // Not loose: packed, or absent.
    }
  }
  return (await run(['-C', dir, 'cat-file', '-e', `${sha}^{commit}`])).ok;
}
