/**
 * The Git port on the `git` command line, built so that the steady state of
 * a busy chat channel starts no git process before the acknowledgement:
 *
 * - A local repository is checked once (./local-repositories.ts); its
 *   default branch and the head of a branch are read from the files of its
 *   git directory on every command (./ref-files.ts), exact at that moment;
 *   anything unusual is left to `git rev-parse`.
 * - A clone URL costs one `git ls-remote` per command (./remote-refs.ts:
 *   concurrent commands share one, the default branch is remembered for a
 *   short interval); the mirror under `cacheDir` is fetched only when it
 *   lacks the commit the remote names.
 * - Commit metadata is kept per commit (./commit-info-cache.ts), source
 *   trees per commit too; both are immutable.
 * - Git processes start from a thread of their own (./git-spawn-thread.ts)
 *   unless `spawnThread` is false; `close` ends that thread (it never keeps
 *   the process alive while idle, so closing is tidy, not required).
 */
import type { SourceTree } from '../../domain/ci-config/source-tree.js';
import type { CommitInfo, Git, GitError, GitResult, PrepareWorkingCopyRequest, SourceLine } from '../../ports/git.js';
import { CommitInfoCache, DEFAULT_COMMIT_INFO_CACHE_SIZE } from './commit-info-cache.js';
import { CommitSourceTree } from './commit-source-tree.js';
import { gitFailure } from './git-failure.js';
import type { RunGit } from './git-command.js';
import { runGit } from './git-command.js';
import { GitSpawnThread } from './git-spawn-thread.js';
import { LocalRepositories } from './local-repositories.js';
import { readHeadBranch, readRef } from './ref-files.js';
import { isPlainRefName } from './ref-name.js';
import { RemoteRefs } from './remote-refs.js';
import { localRepositoryPath, mirrorPath, readableRepository, refreshMirror } from './repository-mirror.js';
import { prepareWorkingCopy } from './working-copy.js';

export interface GitCliOptions {
  /** Where mirrors of remote repositories are kept. */
  cacheDir: string;
  /** Source trees kept in memory (default 64). */
  treeCacheSize?: number;
  /** Commits whose metadata is kept in memory (default 256). */
  commitInfoCacheSize?: number;
  /** How long a clone URL's default branch is trusted without listing it again (default 30 s). */
  defaultBranchRefreshMs?: number;
  /** A monotonic clock in milliseconds, for that interval. */
  now?: () => number;
  /** Start git from a worker thread, sparing the event loop (default true). */
  spawnThread?: boolean;
}

export class GitCli implements Git {
  private readonly trees = new Map<string, SourceTree>();
  private readonly thread: GitSpawnThread | undefined;
  private readonly run: RunGit;
  private readonly locals: LocalRepositories;
  private readonly commits: CommitInfoCache;
  private readonly remotes: RemoteRefs;

  constructor(private readonly options: GitCliOptions) {
    this.thread = options.spawnThread === false ? undefined : new GitSpawnThread();
    this.run = this.thread?.run ?? runGit;
    this.locals = new LocalRepositories(this.run);
    this.commits = new CommitInfoCache(this.run, options.commitInfoCacheSize ?? DEFAULT_COMMIT_INFO_CACHE_SIZE);
    this.remotes = new RemoteRefs({ run: this.run, refreshMs: options.defaultBranchRefreshMs, now: options.now });
  }

  /** Ends the spawn thread; git commands still running then fail. A later call starts it again. */
  async close(): Promise<void> {
    await this.thread?.close();
  }

  async resolveDefaultBranch(repository: string): Promise<GitResult<string>> {
    const path = localRepositoryPath(repository);
    if (path === undefined) return this.remotes.defaultBranch(repository);
    const found = await this.locals.find(path);
    if (!found.ok) return { ok: false, error: notARepository(repository) };
    if (found.value.refFilesReadable) {
      const head = await readHeadBranch(found.value.gitDir);
      if (head.kind === 'branch') return { ok: true, value: head.name };
    }
    return listDefaultBranch(repository, this.run);
  }

  resolveCommit(repository: string, ref: string): Promise<GitResult<CommitInfo>> {
    const path = localRepositoryPath(repository);
    return path === undefined ? this.resolveRemoteCommit(repository, ref) : this.resolveLocalCommit(repository, path, ref);
  }

  async sourceTreeAt(repository: string, sha: string): Promise<GitResult<SourceTree>> {
    const key = `${repository}\0${sha}`;
    const cached = this.trees.get(key);
    if (cached) return { ok: true, value: cached };
    const missing: GitResult<SourceTree> = {
      ok: false,
      error: { kind: 'commit_not_found', message: `commit ${sha} not found in ${repository}` },
    };
    if (!/^[0-9a-f]{7,64}$/i.test(sha)) return missing;
    const holder = await this.directoryHolding(repository, sha);
    if (!holder.ok) return holder;
    if (holder.value === undefined) return missing;
    const tree = new CommitSourceTree(holder.value, sha, this.run);
    this.trees.set(key, tree);
    if (this.trees.size > (this.options.treeCacheSize ?? 64)) {
      const oldest = this.trees.keys().next().value;
      if (oldest !== undefined) this.trees.delete(oldest);
    }
    return { ok: true, value: tree };
  }

  prepareWorkingCopy(request: PrepareWorkingCopyRequest): Promise<GitResult<{ lines: SourceLine[] }>> {
    return prepareWorkingCopy(request, { locals: this.locals, run: this.run });
  }

  private async resolveLocalCommit(repository: string, path: string, ref: string): Promise<GitResult<CommitInfo>> {
    const found = await this.locals.find(path);
    if (!found.ok) return { ok: false, error: notARepository(repository) };
    const local = found.value;
    const branch = branchRefName(ref);
    if (local.refFilesReadable && branch !== undefined) {
      const read = await readRef(local, branch);
      if (read.kind === 'found') {
        const info = await this.commits.read(local.root, read.sha);
        // A branch naming something other than a commit is git's to judge.
        if (info.ok && info.value.sha === read.sha) return info;
      }
      if (read.kind === 'unusual') this.locals.forget(path);
    }
    const sha = await revParseCommit(local.root, ref, this.run);
    if (sha !== undefined) return this.commits.read(local.root, sha);
    // Not found may mean the repository itself went away since it was checked.
    this.locals.forget(path);
    if (!(await this.locals.find(path)).ok) return { ok: false, error: notARepository(repository) };
    return { ok: false, error: refNotFound(ref, repository) };
  }

  private async resolveRemoteCommit(url: string, ref: string): Promise<GitResult<CommitInfo>> {
    const listed = await this.remotes.find(url, ref);
    if (!listed.ok) return listed;
    const remote = listed.value;
    if (remote !== undefined) {
      const mirror = mirrorPath(this.options.cacheDir, url);
      const held = await readRef({ gitDir: mirror, commonDir: mirror }, remote.refName);
      const current = held.kind === 'found' && held.sha === remote.direct;
      const refreshed = current ? undefined : await refreshMirror(url, this.options.cacheDir, this.run);
      if (refreshed !== undefined && !refreshed.ok) return refreshed;
      const info = await this.commits.read(mirror, remote.commit);
      if (info.ok && info.value.sha === remote.commit) return info;
      // The remote moved again between the listing and the fetch: take what the mirror has now.
    }
    const source = await readableRepository(url, this.options.cacheDir, this.locals, this.run);
    if (!source.ok) return source;
    const sha = await revParseCommit(source.value, ref, this.run);
    if (sha === undefined) return { ok: false, error: refNotFound(ref, url) };
    return this.commits.read(source.value, sha);
  }

  /** The directory whose object store holds `sha` (undefined when none does), fetching a mirror only when needed. */
  private async directoryHolding(repository: string, sha: string): Promise<GitResult<string | undefined>> {
    const path = localRepositoryPath(repository);
    if (path !== undefined) {
      const found = await this.locals.find(path);
      if (!found.ok) return { ok: false, error: notARepository(repository) };
      const { root } = found.value;
      return { ok: true, value: (await this.holdsCommit(root, sha)) ? root : undefined };
    }
    const mirror = mirrorPath(this.options.cacheDir, repository);
    if (await this.holdsCommit(mirror, sha)) return { ok: true, value: mirror };
    const refreshed = await refreshMirror(repository, this.options.cacheDir, this.run);
    if (!refreshed.ok) return refreshed;
    return { ok: true, value: (await this.holdsCommit(mirror, sha)) ? mirror : undefined };
  }

  private async holdsCommit(dir: string, sha: string): Promise<boolean> {
    if (await this.commits.holds(dir, sha)) return true;
    return (await this.run(['-C', dir, 'cat-file', '-e', `${sha}^{commit}`])).ok;
  }
}

/** Branches first (a chat pipeline runs for a branch), then tags, then anything git understands. */
async function revParseCommit(gitDir: string, ref: string, run: RunGit): Promise<string | undefined> {
  if (ref === '' || ref.startsWith('-')) return undefined;
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref];
  for (const candidate of candidates) {
    const parsed = await run(['-C', gitDir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`]);
    if (parsed.ok) return parsed.stdout.toString('utf8').trim();
  }
  return undefined;
}

/** What git itself says HEAD is, for the layouts ./ref-files.ts leaves alone (detached HEAD, reftable). */
async function listDefaultBranch(repository: string, run: RunGit): Promise<GitResult<string>> {
  const listed = await run(['ls-remote', '--symref', '--end-of-options', repository, 'HEAD']);
  if (!listed.ok) return { ok: false, error: gitFailure(repository, listed.stderr, 'repository_unreadable') };
  const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(listed.stdout.toString('utf8'));
  if (!symref?.[1]) {
    return { ok: false, error: { kind: 'ref_not_found', message: `repository ${repository} has no HEAD branch` } };
  }
  return { ok: true, value: symref[1] };
}

/** `main` and `refs/heads/main` name a branch this adapter may read from files; anything else goes to git. */
function branchRefName(ref: string): string | undefined {
  const name = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref.startsWith('refs/') ? undefined : ref;
  return name !== undefined && isPlainRefName(name) ? `refs/heads/${name}` : undefined;
}

function notARepository(repository: string): GitError {
  return { kind: 'repository_unreadable', message: `cannot read repository ${repository}: not a git repository` };
}

function refNotFound(ref: string, repository: string): GitError {
  return { kind: 'ref_not_found', message: `ref ${ref} not found in ${repository}` };
}
