import type { JobOutcome, RunnableJob } from '../domain/job/runnable-job.js';
import type { JobStatus } from '../domain/job/job-status.js';

/**
 * What a runner and the server say to each other, in the spirit of GitLab's
 * runner API (`POST /jobs/request`, `PATCH /jobs/:id/trace`,
 * `PUT /jobs/:id`). The runner loop (src/runner/runner-loop.ts) talks only
 * to this interface: src/app/in-process-runner-protocol.ts implements it for
 * the runner embedded in the server, and an HTTP client will implement it
 * for remote `chatrun runner` processes, with the same answers.
 *
 * Call order for one job: `requestJob` hands the job over (it is `running`
 * from then on, held by that runner) → any number of `appendTrace` and
 * `heartbeat` calls, in any interleaving → `finishJob` once the whole trace
 * has been appended. After `finishJob`, or once the server answered
 * `job_not_running`/`gone`, the runner forgets the job.
 *
 * Concurrency: calls for different jobs are independent and may overlap.
 * For one job, `appendTrace` calls must be sequential (each starts where
 * the previous one ended); `heartbeat` may overlap with them. Any number of
 * runners may call `requestJob` at once: a job goes to exactly one of them.
 *
 * Idempotency:
 * - `requestJob` is not idempotent: each answer is a new job, running for
 *   the caller. A runner that loses the answer loses the job, and the
 *   reaper fails it once its heartbeats are missed.
 * - `appendTrace` is a compare-and-set on the stored size (GitLab's rule):
 *   bytes are accepted only at `offset` equal to what is stored. Resending
 *   bytes already stored answers `ok` and writes nothing, so a retry after
 *   a lost answer is safe; any other offset answers `range_mismatch` with
 *   the stored size, and the runner resends from there.
 * - `heartbeat` may be repeated freely.
 * - `finishJob` is idempotent: the first call records the outcome and owes
 *   the chat its result reply; a repeat answers `already_finished` and
 *   changes nothing (the reply is still sent once).
 *
 * Errors: every expected answer is a value. A rejected promise means the
 * server could not be reached or its database failed; the runner retries
 * later with the same arguments.
 */
export interface RunnerIdentity {
  /** The runner's id in the RunnerStore. */
  readonly id: number;
  /** Shown in traces as `on <name>`. */
  readonly name: string;
}

export type AppendTraceReply =
  /** Stored; `size` is the trace's length now (the next offset). */
  | { readonly kind: 'ok'; readonly size: number }
  /** Nothing written: the server holds `currentSize` bytes; resend from there. */
  | { readonly kind: 'range_mismatch'; readonly currentSize: number }
  /** The job is no longer running for this runner (finished, reaped, canceled or unknown): stop it. */
  | { readonly kind: 'job_not_running'; readonly status?: JobStatus };

export type HeartbeatReply =
  | { readonly kind: 'alive'; readonly cancelRequested: boolean }
  /** Not running for this runner any more (reaped, finished, unknown): abort the job. */
  | { readonly kind: 'gone'; readonly status?: JobStatus };

export type FinishJobReply =
  | { readonly kind: 'finished'; readonly status: JobStatus }
  /** A repeat (or the reaper was first): the job keeps the status it has. */
  | { readonly kind: 'already_finished'; readonly status: JobStatus }
  /** The job is neither running for this runner nor finished. */
  | { readonly kind: 'not_running'; readonly status: JobStatus }
  | { readonly kind: 'not_found' };

export interface RunnerProtocol {
  /**
   * The oldest pending job, now `running` for this runner, with everything
   * needed to run it (masked variable values included), or undefined when
   * no job is waiting.
   */
  requestJob(runner: RunnerIdentity): Promise<RunnableJob | undefined>;
  appendTrace(jobId: number, offset: number, bytes: Uint8Array): Promise<AppendTraceReply>;
  heartbeat(jobId: number): Promise<HeartbeatReply>;
  finishJob(jobId: number, outcome: JobOutcome): Promise<FinishJobReply>;
}
