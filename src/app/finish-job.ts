/**
 * Records how a job ended and owes its chat the result, in one use case:
 * compare-and-set `running` → success/failed/canceled (with failure reason
 * and exit code; the pipeline's status follows in the same transaction),
 * then the result reply is written to the outbox (dedupe key
 * `result:<jobId>`).
 *
 * The two writes are not one transaction (the store has no cross-store
 * transaction), so the second is made safe to repeat instead: a repeated
 * finish (the runner retrying after an error, a second call) finds the job
 * already finished and enqueues the reply again, which the dedupe key turns
 * into a no-op when it is there — and writes it when a crash lost it.
 * recoverAfterRestart does the same for jobs finished just before a crash.
 */
import { isFinished } from '../domain/job/job-status.js';
import type { FailureReason } from '../domain/job/failure-reason.js';
import type { JobOutcome } from '../domain/job/runnable-job.js';
import type { JobRecord, JobTransitionGuard } from '../ports/store/pipeline-record.js';
import { appendClosingTrace } from './closing-trace.js';
import type { JobDependencies } from './job-dependencies.js';
import { durationOf, enqueueResultReply } from './job-result-reply.js';
import { settledPipelineStatus } from './pipeline-status.js';

export interface FinishJobInput {
  readonly jobId: number;
  readonly outcome: Pick<JobOutcome, 'status' | 'failureReason' | 'exitCode'>;
  /** Only the runner holding the job may finish it. */
  readonly runnerId?: number;
  /** The reaper's guard: only while the last heartbeat is older than this. */
  readonly heartbeatBefore?: number;
  /** Set when the server, not the runner, ends the job: the trace gets a closing line saying this. */
  readonly closingReason?: string;
  /**
   * The job's pipeline, when the caller knows it (the runner that claimed
   * the job does): the job is then read with its siblings, one query less.
   */
  readonly pipelineId?: number;
}

export type FinishJobResult =
  | { readonly kind: 'finished'; readonly job: JobRecord }
  | { readonly kind: 'already_finished'; readonly job: JobRecord }
  /** Not running (for that runner, or past the guard) and not finished either. */
  | { readonly kind: 'not_running'; readonly job: JobRecord }
  | { readonly kind: 'not_found' };

export async function finishJob(deps: JobDependencies, input: FinishJobInput): Promise<FinishJobResult> {
  const { pipelines } = deps.store;
  const known = input.pipelineId === undefined ? undefined : await pipelines.listJobsForPipeline(input.pipelineId);
  const job = known === undefined ? await pipelines.getJob(input.jobId) : known.find((j) => j.id === input.jobId);
  if (job === undefined) return { kind: 'not_found' };
  if (isFinished(job.status)) return alreadyFinished(deps, job);

  const to = input.outcome.status;
  const failureReason: FailureReason | null = to === 'failed' ? (input.outcome.failureReason ?? 'script_failure') : null;
  const exitCode = input.outcome.exitCode;
  // Chat pipelines hold one job, so this is exact for them; for larger
  // pipelines a sibling finishing at the same moment may leave the pipeline
  // open until the last job settles it.
  const siblings = known ?? (await pipelines.listJobsForPipeline(job.pipelineId));
  const pipelineStatus = settledPipelineStatus(
    siblings.map((j) => (j.id === job.id ? { ...j, status: to, failureReason, exitCode } : j)),
  );
  const guard: JobTransitionGuard = {
    ...(input.runnerId === undefined ? {} : { runnerId: input.runnerId }),
    ...(input.heartbeatBefore === undefined ? {} : { heartbeatBefore: input.heartbeatBefore }),
  };
  const at = deps.clock.now();
  const result = await pipelines.transitionJob(
    job.id,
    ['running'],
    to,
    { at, failureReason, exitCode, ...(pipelineStatus === undefined ? {} : { pipelineStatus }) },
    guard,
  );
  switch (result.kind) {
    case 'not_found':
      return { kind: 'not_found' };
    case 'conflict':
      return isFinished(result.job.status) ? alreadyFinished(deps, result.job) : { kind: 'not_running', job: result.job };
    case 'applied': {
      if (input.closingReason !== undefined) {
        await appendClosingTrace(deps.store.traces, job.id, input.closingReason, at);
      }
      deps.onJobFinished?.(result.job, durationOf(result.job));
      await enqueueResultReply(deps, result.job);
      return { kind: 'finished', job: result.job };
    }
  }
}

async function alreadyFinished(deps: JobDependencies, job: JobRecord): Promise<FinishJobResult> {
  await enqueueResultReply(deps, job);
  return { kind: 'already_finished', job };
}
