/**
 * Someone cancels a job. One that has not started (created, pending,
 * manual) is `canceled` at once, its pipeline settles and its chat is told.
 * A running one gets cancel requested: its runner learns it from its next
 * heartbeat, aborts the job (SIGTERM, then SIGKILL after the grace period,
 * after_script still runs) and finishes it as `canceled` — the chat is told
 * then, through finishJob. Repeating a cancel changes nothing.
 */
import type { JobRecord } from '../ports/store/pipeline-record.js';
import type { JobDependencies } from './job-dependencies.js';
import { enqueueResultReply } from './job-result-reply.js';
import { settlePipeline } from './pipeline-status.js';

export type CancelJobResult =
  | { readonly kind: 'canceled'; readonly job: JobRecord }
  | { readonly kind: 'cancel_requested'; readonly job: JobRecord }
  | { readonly kind: 'already_finished'; readonly job: JobRecord }
  | { readonly kind: 'not_found' };

export async function cancelJob(deps: JobDependencies, jobId: number): Promise<CancelJobResult> {
  const now = deps.clock.now();
  const result = await deps.store.pipelines.requestCancel(jobId, now);
  if (result.kind === 'canceled') {
    await settlePipeline(deps.store.pipelines, result.job.pipelineId, now);
    deps.onJobFinished?.(result.job, undefined);
    await enqueueResultReply(deps, result.job);
  }
  return result;
}
