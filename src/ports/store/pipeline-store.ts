import type { JobStatus } from '../../domain/job/job-status.js';
import type {
  CancelResult,
  HeartbeatResult,
  JobRecord,
  JobTransitionGuard,
  JobTransitionPatch,
  JobTransitionResult,
  NewJob,
  NewPipeline,
  PipelineRecord,
} from './pipeline-record.js';

/**
 * Pipelines and their jobs, and the job queue runners pull from.
 *
 * Life of a job: `createPipeline` writes the pipeline and its jobs in one
 * transaction (a `pending` job is queued at once, a `manual` one waits for
 * `transitionJob(id, ['manual'], 'pending', …)`) → a runner calls
 * `claimNextJob`, which moves the oldest pending job to `running` for it →
 * the runner calls `heartbeat` while it works and learns of cancels there →
 * it finishes with `transitionJob(id, ['running'], 'success' | 'failed' |
 * 'canceled', …, { runnerId })`. A reaper calls `findStaleRunningJobs` and
 * fails those with `transitionJob(…, { heartbeatBefore })`.
 *
 * Concurrency: every method may run concurrently, from any number of
 * replicas and runners.
 * - `claimNextJob` never hands one job to two claimers: on PostgreSQL the
 *   candidate row is taken with `FOR UPDATE SKIP LOCKED` (competing claimers
 *   take different rows instead of waiting); on SQLite the claim is one
 *   UPDATE in an IMMEDIATE transaction (SQLite has one writer at a time).
 *   Queue order is FIFO by queuedAt, then id.
 * - `transitionJob` is compare-and-set: it applies only if the job's status
 *   is one of `from` (and the guard holds) at the moment of the write, so a
 *   late runner update and the reaper, or a cancel and a finish, cannot both
 *   win. Repeating an applied transition answers `conflict` with the job as
 *   it is now, which makes retries safe: the caller compares `job.status`.
 * - `requestCancel` is idempotent. It moves only the job; the pipeline's
 *   status is the caller's to set (`transitionPipeline`), because only the
 *   caller knows how its other jobs stand.
 * - `createPipeline` is not idempotent: guard a command against being run
 *   twice with CommandReceipts first.
 *
 * Errors: expected outcomes are values (`not_found`, `conflict`, …). A
 * rejected promise means the database failed, or a caller bug such as a
 * pipeline for a project that does not exist (foreign key).
 */
export interface PipelineListFilter {
  readonly projectId?: number;
  readonly userId?: number;
  /** Keyset paging: only pipelines with id < beforeId. */
  readonly beforeId?: number;
  /** Default 50. */
  readonly limit?: number;
}

export interface JobListFilter {
  readonly projectId?: number;
  readonly statuses?: readonly JobStatus[];
  readonly beforeId?: number;
  /** Default 50. */
  readonly limit?: number;
}

export interface PipelineStore {
  createPipeline(
    pipeline: NewPipeline,
    jobs: readonly NewJob[],
    now: number,
  ): Promise<{ readonly pipeline: PipelineRecord; readonly jobs: readonly JobRecord[] }>;
  getPipeline(id: number): Promise<PipelineRecord | undefined>;
  /** Newest first. */
  listPipelines(filter?: PipelineListFilter): Promise<readonly PipelineRecord[]>;
  /** Compare-and-set on the pipeline's status; finishedAt is `at` when `to` is finished. */
  transitionPipeline(id: number, from: readonly JobStatus[], to: JobStatus, at: number): Promise<boolean>;

  getJob(id: number): Promise<JobRecord | undefined>;
  /** In creation order. */
  listJobsForPipeline(pipelineId: number): Promise<readonly JobRecord[]>;
  /** Newest first. */
  listJobs(filter?: JobListFilter): Promise<readonly JobRecord[]>;
  /**
   * How many jobs, across every project, are in one of `statuses` right
   * now: one count query, no rows loaded and no page limit, so it stays
   * exact however deep the queue (the `chatrun_jobs_queued` gauge reads
   * `countJobs(['pending'])` at every scrape). An empty list counts nothing
   * and answers 0 without a query. Read-only, safe to call concurrently
   * with anything; like any read, it may be stale by the time it returns.
   */
  countJobs(statuses: readonly JobStatus[]): Promise<number>;

  transitionJob(
    id: number,
    from: readonly JobStatus[],
    to: JobStatus,
    patch: JobTransitionPatch,
    guard?: JobTransitionGuard,
  ): Promise<JobTransitionResult>;

  /**
   * The oldest pending job, moved to `running` for this runner (startedAt and
   * heartbeatAt = now; its pipeline becomes `running` if it was created or
   * pending), or undefined when the queue is empty.
   */
  claimNextJob(runnerId: number, now: number): Promise<JobRecord | undefined>;
  /** Records a sign of life of the runner holding the job. */
  heartbeat(jobId: number, runnerId: number, now: number): Promise<HeartbeatResult>;
  /** Running jobs whose last heartbeat is older than `olderThan`, oldest first. */
  findStaleRunningJobs(olderThan: number, limit?: number): Promise<readonly JobRecord[]>;
  requestCancel(jobId: number, now: number): Promise<CancelResult>;
}
