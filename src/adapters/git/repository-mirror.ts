/**
 * Where git reads a repository from. A local path is read in place; a clone
 * URL is mirrored into a bare repository under a cache directory, refreshed
 * (`git fetch`) when asked for, so reads see the remote as it is now and
 * later fetches only move what changed. Callers that can tell the mirror
 * already holds what they need (see ./remote-refs.ts) skip the refresh.
 *
 * Concurrent refreshes of one mirror within this process are serialised;
 * between processes git's own ref locks keep the mirror consistent, and a
 * refresh that lost such a race is retried once.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GitResult } from '../../ports/git.js';
import { gitFailure } from './git-failure.js';
import type { RunGit } from './git-command.js';
import type { LocalRepositories } from './local-repositories.js';

const REFSPECS = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];
const refreshing = new Map<string, Promise<GitResult<string>>>();

/** A repository given as an existing directory is local; anything else is a URL. */
export function localRepositoryPath(repository: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repository)) return undefined;
  try {
    return statSync(repository).isDirectory() ? resolve(repository) : undefined;
  } catch {
    return undefined;
  }
}

export function mirrorPath(cacheDir: string, repository: string): string {
  const id = createHash('sha256').update(repository).digest('hex').slice(0, 24);
  return join(cacheDir, 'mirrors', `${id}.git`);
}

/**
 * A directory git can read the repository from: the path itself (checked
 * once per path, see ./local-repositories.ts), or a freshly fetched mirror.
 */
export async function readableRepository(
  repository: string,
  cacheDir: string,
  locals: LocalRepositories,
  run: RunGit,
): Promise<GitResult<string>> {
  const local = localRepositoryPath(repository);
  if (local !== undefined) {
    const found = await locals.find(local);
    if (found.ok) return { ok: true, value: found.value.root };
    return { ok: false, error: { kind: 'repository_unreadable', message: `cannot read repository ${repository}: not a git repository` } };
  }
  return refreshMirror(repository, cacheDir, run);
}

/** Fetches the remote into its mirror now; concurrent refreshes of one mirror share one fetch. */
export function refreshMirror(repository: string, cacheDir: string, run: RunGit): Promise<GitResult<string>> {
  const path = mirrorPath(cacheDir, repository);
  const running = refreshing.get(path);
  if (running) return running;
  const refresh = fetchIntoMirror(repository, path, run).finally(() => refreshing.delete(path));
  refreshing.set(path, refresh);
  return refresh;
}

async function fetchIntoMirror(repository: string, path: string, run: RunGit): Promise<GitResult<string>> {
  if (!(await isBareRepository(path))) {
    await mkdir(path, { recursive: true });
    const init = await run(['init', '--bare', '-q', path]);
    if (!init.ok) return { ok: false, error: gitFailure(repository, init.stderr) };
  }
  let fetched = await run(['-C', path, 'fetch', '--prune', '--force', '--quiet', '--end-of-options', repository, ...REFSPECS]);
  if (!fetched.ok) {
    fetched = await run(['-C', path, 'fetch', '--prune', '--force', '--quiet', '--end-of-options', repository, ...REFSPECS]);
  }
  if (!fetched.ok) return { ok: false, error: gitFailure(repository, fetched.stderr, 'repository_unreadable') };
  return { ok: true, value: path };
}

/** A mirror chatrun created before: `git init --bare` need not run again. */
async function isBareRepository(path: string): Promise<boolean> {
  try {
    const [head, objects] = await Promise.all([stat(join(path, 'HEAD')), stat(join(path, 'objects'))]);
    return head.isFile() && objects.isDirectory();
  } catch {
    return false;
  }
}
