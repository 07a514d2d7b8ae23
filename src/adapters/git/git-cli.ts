/**
 * The Git port on the `git` command line. Local repositories are read in
 * place; clone URLs through a mirror under `cacheDir` (see
 * ./repository-mirror.ts). Source trees are cached per commit.
 */
import type { SourceTree } from '../../domain/ci-config/source-tree.js';
import type { CommitInfo, Git, GitResult, PrepareWorkingCopyRequest, SourceLine } from '../../ports/git.js';
import { readCommitInfo } from './commit-info.js';
import { CommitSourceTree } from './commit-source-tree.js';
import { gitFailure } from './git-failure.js';
import { runGit } from './git-command.js';
import { readableRepository } from './repository-mirror.js';
import { prepareWorkingCopy } from './working-copy.js';

export interface GitCliOptions {
  /** Where mirrors of remote repositories are kept. */
  cacheDir: string;
  /** Source trees kept in memory (default 64). */
  treeCacheSize?: number;
}

export class GitCli implements Git {
  private readonly trees = new Map<string, SourceTree>();

  constructor(private readonly options: GitCliOptions) {}

  async resolveDefaultBranch(repository: string): Promise<GitResult<string>> {
    const listed = await runGit(['ls-remote', '--symref', '--end-of-options', repository, 'HEAD']);
    if (!listed.ok) return { ok: false, error: gitFailure(repository, listed.stderr, 'repository_unreadable') };
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(listed.stdout.toString('utf8'));
    if (!symref?.[1]) {
      return { ok: false, error: { kind: 'ref_not_found', message: `repository ${repository} has no HEAD branch` } };
    }
    return { ok: true, value: symref[1] };
  }

  async resolveCommit(repository: string, ref: string): Promise<GitResult<CommitInfo>> {
    const source = await readableRepository(repository, this.options.cacheDir);
    if (!source.ok) return source;
    const sha = await resolveRef(source.value, ref);
    if (sha === undefined) {
      return { ok: false, error: { kind: 'ref_not_found', message: `ref ${ref} not found in ${repository}` } };
    }
    return readCommitInfo(source.value, sha);
  }

  async sourceTreeAt(repository: string, sha: string): Promise<GitResult<SourceTree>> {
    const key = `${repository}\0${sha}`;
    const cached = this.trees.get(key);
    if (cached) return { ok: true, value: cached };
    const source = await readableRepository(repository, this.options.cacheDir);
    if (!source.ok) return source;
    const exists = await runGit(['-C', source.value, 'cat-file', '-e', `${sha}^{commit}`]);
    if (!/^[0-9a-f]{7,64}$/i.test(sha) || !exists.ok) {
      return { ok: false, error: { kind: 'commit_not_found', message: `commit ${sha} not found in ${repository}` } };
    }
    const tree = new CommitSourceTree(source.value, sha);
    this.trees.set(key, tree);
    if (this.trees.size > (this.options.treeCacheSize ?? 64)) {
      const oldest = this.trees.keys().next().value;
      if (oldest !== undefined) this.trees.delete(oldest);
    }
    return { ok: true, value: tree };
  }

  prepareWorkingCopy(request: PrepareWorkingCopyRequest): Promise<GitResult<{ lines: SourceLine[] }>> {
    return prepareWorkingCopy(request);
  }
}

/** Branches first (a chat pipeline runs for a branch), then tags, then anything git understands. */
async function resolveRef(gitDir: string, ref: string): Promise<string | undefined> {
  if (ref === '' || ref.startsWith('-')) return undefined;
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref];
  for (const candidate of candidates) {
    const parsed = await runGit(['-C', gitDir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`]);
    if (parsed.ok) return parsed.stdout.toString('utf8').trim();
  }
  return undefined;
}
