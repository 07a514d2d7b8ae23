/**
 * What a server does at start, before its embedded runner takes jobs:
 *
 * - Jobs left `running` by this server's own embedded runner belong to a
 *   process that no longer exists (killed, crashed): nothing will ever
 *   finish them, so they are failed at once with `runner_system_failure`
 *   (with a closing trace line and a chat reply), not 60 s later by the
 *   reaper. Only jobs whose last heartbeat predates this start are touched,
 *   so a runner loop started early loses nothing.
 * - Recently finished chat jobs whose result reply is missing (a crash
 *   between recording the job and writing the reply) get it now, and their
 *   pipeline settles.
 * - Pending jobs need nothing: they are claimed again. Pending replies need
 *   nothing: they are in the outbox, and the delivery worker sends them
 *   (leases of a dead worker run out by themselves).
 *
 * The embedded runner's identity must be stable across restarts of one
 * server and distinct between replicas (see registerEmbeddedRunner).
 */
import type { JobRecord } from '../ports/store/pipeline-record.js';
import { finishJob } from './finish-job.js';
import type { JobDependencies } from './job-dependencies.js';
import { enqueueResultReply, resultDedupeKey } from './job-result-reply.js';
import { settlePipeline } from './pipeline-status.js';

export interface RecoverAfterRestartOptions {
  /** This server's embedded runner(s). */
  readonly runnerIds: readonly number[];
  /** When this process started (default: now). */
  readonly startedAt?: number;
  /** Finished jobs checked for a missing result reply (default 200, newest first). */
  readonly recentJobs?: number;
}

export interface RecoveryReport {
  readonly failedJobIds: readonly number[];
  readonly repliesRepaired: readonly number[];
}

const PAGE = 200;

export async function recoverAfterRestart(deps: JobDependencies, options: RecoverAfterRestartOptions): Promise<RecoveryReport> {
  const startedAt = options.startedAt ?? deps.clock.now();
  const own = new Set(options.runnerIds);
  const failedJobIds: number[] = [];
  for (const job of await allRunningJobs(deps)) {
    if (job.runnerId === null || !own.has(job.runnerId)) continue;
    const result = await finishJob(deps, {
      jobId: job.id,
      runnerId: job.runnerId,
      heartbeatBefore: startedAt,
      outcome: { status: 'failed', failureReason: 'runner_system_failure', exitCode: null },
      closingReason: 'the chatrun server stopped while the job was running',
    });
    if (result.kind === 'finished') failedJobIds.push(job.id);
  }

  const repliesRepaired: number[] = [];
  const finished = await deps.store.pipelines.listJobs({
    statuses: ['success', 'failed', 'canceled'],
    limit: options.recentJobs ?? 200,
  });
  for (const job of finished) {
    const replies = await deps.store.replies.listForJob(job.id);
    if (replies.some((reply) => reply.dedupeKey === resultDedupeKey(job.id))) continue;
    await settlePipeline(deps.store.pipelines, job.pipelineId, deps.clock.now());
    const outcome = await enqueueResultReply(deps, job);
    if (outcome.kind === 'enqueued') repliesRepaired.push(job.id);
  }
  return { failedJobIds, repliesRepaired };
}

async function allRunningJobs(deps: JobDependencies): Promise<JobRecord[]> {
  const jobs: JobRecord[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await deps.store.pipelines.listJobs({
      statuses: ['running'],
      limit: PAGE,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    jobs.push(...page);
    if (page.length < PAGE) return jobs;
    beforeId = page[page.length - 1]?.id;
  }
}
