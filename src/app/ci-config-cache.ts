/**
 * The loaded CI config of a commit, kept so that a busy channel does not
 * re-read and re-parse the same `.gitlab-ci.yml` for every command. A
 * commit never changes, so an entry never goes stale: the key is the
 * repository, the commit SHA and the config path, and only the number of
 * entries is bounded (least recently used goes first).
 *
 * Concurrency: commands racing for the same commit share one load (the
 * promise is cached, not only its value). A git failure is not cached, so
 * the next command tries again; an invalid config is cached, because the
 * same commit stays invalid.
 */
import { loadCiConfig } from '../domain/ci-config/load-ci-config.js';
import type { LoadCiConfigResult } from '../domain/ci-config/job-spec.js';
import type { SourceTree } from '../domain/ci-config/source-tree.js';
import type { Git, GitResult } from '../ports/git.js';

export interface CiConfigAtCommit {
  readonly result: LoadCiConfigResult;
  /** The commit's files, for `rules:exists` during job selection. */
  readonly tree: SourceTree;
}

export interface CiConfigKey {
  readonly repository: string;
  readonly sha: string;
  readonly ciConfigPath: string;
}

export const DEFAULT_CI_CONFIG_CACHE_SIZE = 128;

export class CiConfigCache {
  private readonly entries = new Map<string, Promise<GitResult<CiConfigAtCommit>>>();
  private readonly maxEntries: number;

  constructor(options: { readonly maxEntries?: number } = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_CI_CONFIG_CACHE_SIZE);
  }

  /** The config at that commit, loaded through `git` on a miss. */
  read(git: Git, key: CiConfigKey): Promise<GitResult<CiConfigAtCommit>> {
    // NUL cannot occur in a path, a URL or a SHA, so the parts cannot run into each other.
    const id = `${key.repository}\0${key.sha}\0${key.ciConfigPath}`;
    const cached = this.entries.get(id);
    if (cached !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, cached);
      return cached;
    }
    const loading = load(git, key);
    this.entries.set(id, loading);
    this.evict();
    loading.then(
      (result) => {
        if (!result.ok && this.entries.get(id) === loading) this.entries.delete(id);
      },
      () => {
        if (this.entries.get(id) === loading) this.entries.delete(id);
      },
    );
    return loading;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}

async function load(git: Git, key: CiConfigKey): Promise<GitResult<CiConfigAtCommit>> {
  const tree = await git.sourceTreeAt(key.repository, key.sha);
  if (!tree.ok) return tree;
  const result = await loadCiConfig({ path: key.ciConfigPath, tree: tree.value });
  return { ok: true, value: { result, tree: tree.value } };
}
