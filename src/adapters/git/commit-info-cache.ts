/**
 * Commit metadata kept by (repository directory, SHA). A commit never
 * changes, so an entry never goes stale; only the number of entries is
 * bounded (least recently used goes first). Concurrent reads of one commit
 * share one `git show`; a failed read is not kept, so the next asks again.
 *
 * A hit also proves the commit is in that directory's object store, which
 * spares a `cat-file -e` when its files are read next.
 */
import type { CommitInfo, GitResult } from '../../ports/git.js';
import { readCommitInfo } from './commit-info.js';
import type { RunGit } from './git-command.js';

export const DEFAULT_COMMIT_INFO_CACHE_SIZE = 256;

export class CommitInfoCache {
  private readonly entries = new Map<string, Promise<GitResult<CommitInfo>>>();

  constructor(
    private readonly run: RunGit,
    private readonly maxEntries = DEFAULT_COMMIT_INFO_CACHE_SIZE,
  ) {}

  read(gitDir: string, sha: string): Promise<GitResult<CommitInfo>> {
    const key = `${gitDir}\0${sha}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const reading = readCommitInfo(gitDir, sha, this.run);
    this.entries.set(key, reading);
    while (this.entries.size > Math.max(1, this.maxEntries)) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    reading.then(
      (result) => {
        if (!result.ok && this.entries.get(key) === reading) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === reading) this.entries.delete(key);
      },
    );
    return reading;
  }

  /** True only when the commit was read from that directory and is still remembered. */
  async holds(gitDir: string, sha: string): Promise<boolean> {
    const cached = this.entries.get(`${gitDir}\0${sha}`);
    if (cached === undefined) return false;
    const result = await cached;
    return result.ok && result.value.sha === sha;
  }
}
