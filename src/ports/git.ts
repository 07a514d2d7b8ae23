/**
 * Git as chatrun needs it: find a project's default branch and head commit,
 * read the CI config at a commit, and prepare a working copy for a job.
 * `repository` is a local path or a clone URL.
 *
 * Concurrency: reads (`resolveDefaultBranch`, `resolveCommit`,
 * `sourceTreeAt`) may run concurrently with anything. `prepareWorkingCopy`
 * must not run twice at once for the same `dir` (the runner gives each
 * concurrent job its own dir); different dirs may share one `cacheDir`.
 *
 * Idempotency: every method may be retried; `prepareWorkingCopy` leaves
 * `dir` as a clean checkout of `sha` however often it runs.
 *
 * Cost: `resolveDefaultBranch` and `resolveCommit` run for every chat
 * command, before its acknowledgement, and must answer as the repository
 * is at that moment; an implementation makes them cheap (no process in the
 * steady state for a local repository), never stale.
 *
 * Errors: expected failures (repository unreadable, ref or commit missing)
 * are `GitResult` values with a message fit for a user; the promise rejects
 * only on a programming error.
 */
import type { SourceTree } from '../domain/ci-config/source-tree.js';

export type GitErrorKind = 'repository_unreadable' | 'ref_not_found' | 'commit_not_found' | 'git_failed';

export interface GitError {
  kind: GitErrorKind;
  message: string;
}

export type GitResult<T> = { ok: true; value: T } | { ok: false; error: GitError };

export interface CommitInfo {
  /** Full SHA. */
  sha: string;
  /** The whole message (CI_COMMIT_MESSAGE). */
  message: string;
  /** Its first line (CI_COMMIT_TITLE). */
  title: string;
  authorName: string;
  authorEmail: string;
  /** Committer date, ISO 8601 with offset (CI_COMMIT_TIMESTAMP). */
  timestamp: string;
}

export interface PrepareWorkingCopyRequest {
  repository: string;
  sha: string;
  /** Branch or tag the job runs for; fetched, and named in the checkout line. */
  ref: string;
  /** The working copy; created on first use and reused by later jobs. */
  dir: string;
  /** Where local copies of remote repositories are kept between jobs. */
  cacheDir: string;
}

/** One line for the `get_sources` section of the trace. */
export interface SourceLine {
  /** `notice`: the runner speaking (bold green); `output`: git's own words. */
  kind: 'notice' | 'output';
  text: string;
}

export interface Git {
  /** The branch the repository's HEAD points at (`main`, `trunk`, …). */
  resolveDefaultBranch(repository: string): Promise<GitResult<string>>;
  /** The commit a branch, tag or SHA names, as it is now. */
  resolveCommit(repository: string, ref: string): Promise<GitResult<CommitInfo>>;
  /** The files of a commit (cached, concurrent-safe). */
  sourceTreeAt(repository: string, sha: string): Promise<GitResult<SourceTree>>;
  /** Leaves `dir` as a clean checkout of `sha`; the lines say what was done. */
  prepareWorkingCopy(request: PrepareWorkingCopyRequest): Promise<GitResult<{ lines: SourceLine[] }>>;
}
