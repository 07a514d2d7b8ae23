/**
 * Where git reads a repository from. A local path is read in place; a clone
 * URL is mirrored into a bare repository under a cache directory, refreshed
 * (`git fetch`) each time it is asked for, so reads see the remote as it is
 * now and later fetches only move what changed.
 *
 * Concurrent refreshes of one mirror within this process are serialised;
 * between processes git's own ref locks keep the mirror consistent, and a
 * refresh that lost such a race is retried once.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GitResult } from '../../ports/git.js';
import { gitFailure } from './git-failure.js';
import { runGit } from './git-command.js';

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

/** A directory git can read the repository from: the path itself, or a fresh mirror. */
export async function readableRepository(repository: string, cacheDir: string): Promise<GitResult<string>> {
  const local = localRepositoryPath(repository);
  if (local !== undefined) {
    if (await isRepositoryRoot(local)) return { ok: true, value: local };
    return { ok: false, error: { kind: 'repository_unreadable', message: `cannot read repository ${repository}: not a git repository` } };
  }
  const path = mirrorPath(cacheDir, repository);
  const running = refreshing.get(path);
  if (running) return running;
  const refresh = refreshMirror(repository, path).finally(() => refreshing.delete(path));
  refreshing.set(path, refresh);
  return refresh;
}

async function refreshMirror(repository: string, path: string): Promise<GitResult<string>> {
  await mkdir(path, { recursive: true });
  const init = await runGit(['init', '--bare', '-q', path]);
  if (!init.ok) return { ok: false, error: gitFailure(repository, init.stderr) };
  let fetched = await runGit(['-C', path, 'fetch', '--prune', '--force', '--quiet', '--end-of-options', repository, ...REFSPECS]);
  if (!fetched.ok) {
    fetched = await runGit(['-C', path, 'fetch', '--prune', '--force', '--quiet', '--end-of-options', repository, ...REFSPECS]);
  }
  if (!fetched.ok) return { ok: false, error: gitFailure(repository, fetched.stderr, 'repository_unreadable') };
  return { ok: true, value: path };
}

/**
 * The path itself is a repository (bare, or the top of a working tree), not
 * merely a directory inside some other repository that git would walk up to.
 */
async function isRepositoryRoot(path: string): Promise<boolean> {
  const real = await realpath(path);
  const bare = await runGit(['-C', path, 'rev-parse', '--is-bare-repository', '--absolute-git-dir']);
  if (!bare.ok) return false;
  const [isBare, gitDir] = bare.stdout.toString('utf8').trim().split('\n');
  if (isBare === 'true') return gitDir === real;
  const top = await runGit(['-C', path, 'rev-parse', '--show-toplevel']);
  return top.ok && top.stdout.toString('utf8').trim() === real;
}
