/**
 * What chatrun knows about each local repository it reads in place: that
 * the path is a repository (bare, or the top of a working tree, not merely
 * a directory some other repository would claim), where its git directory
 * and shared ("common") directory are, and whether its refs are plain
 * files chatrun can read itself.
 *
 * Finding that out takes two git processes, so it is done once per path
 * and kept; a refusal is not kept (the path may become a repository).
 * Callers `forget` a path when reading it went wrong in a way that may mean
 * it changed (deleted, re-created), so the next `find` looks again.
 * Concurrent `find`s of one path share one probe.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GitResult } from '../../ports/git.js';
import type { RunGit } from './git-command.js';
import type { RefLayout } from './ref-files.js';

export interface LocalRepository extends RefLayout {
  /** The path git commands run in (`git -C root …`). */
  readonly root: string;
  /** False for a reftable repository or an unusual layout: ask git for refs. */
  readonly refFilesReadable: boolean;
}

export class LocalRepositories {
  private readonly known = new Map<string, Promise<GitResult<LocalRepository>>>();

  constructor(private readonly run: RunGit) {}

  /** `path` must already be absolute (see localRepositoryPath). */
  find(path: string): Promise<GitResult<LocalRepository>> {
    const cached = this.known.get(path);
    if (cached !== undefined) return cached;
    const probing = probe(path, this.run);
    this.known.set(path, probing);
    probing.then(
      (result) => {
        if (!result.ok && this.known.get(path) === probing) this.known.delete(path);
      },
      () => {
        if (this.known.get(path) === probing) this.known.delete(path);
      },
    );
    return probing;
  }

  forget(path: string): void {
    this.known.delete(path);
  }
}

async function probe(path: string, run: RunGit): Promise<GitResult<LocalRepository>> {
  const refused: GitResult<LocalRepository> = {
    ok: false,
    error: { kind: 'repository_unreadable', message: `cannot read repository ${path}: not a git repository` },
  };
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return refused;
  }
  const bare = await run(['-C', path, 'rev-parse', '--is-bare-repository', '--absolute-git-dir']);
  if (!bare.ok) return refused;
  const [isBare, gitDir = ''] = bare.stdout.toString('utf8').trim().split('\n');
  if (isBare === 'true') {
    if (gitDir !== real) return refused;
  } else {
    const top = await run(['-C', path, 'rev-parse', '--show-toplevel']);
    if (!top.ok || top.stdout.toString('utf8').trim() !== real) return refused;
  }
  const commonDir = await commonDirOf(gitDir);
  const refFilesReadable = commonDir !== undefined && !(await exists(`${commonDir}/reftable`));
  return { ok: true, value: { root: path, gitDir, commonDir: commonDir ?? gitDir, refFilesReadable } };
}

/** A linked worktree's git dir names the shared one in its `commondir` file; undefined when that file is unreadable. */
async function commonDirOf(gitDir: string): Promise<string | undefined> {
  try {
    return resolve(gitDir, (await readFile(`${gitDir}/commondir`, 'utf8')).trim());
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return code === 'ENOENT' ? gitDir : undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
