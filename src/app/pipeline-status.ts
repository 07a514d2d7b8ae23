/**
 * A pipeline's status follows its jobs, as in GitLab: while any job is
 * still to run the pipeline is not settled; then a failure that is not
 * allowed makes it `failed`, else a cancel makes it `canceled`, else it is
 * `success` (allowed failures included), or `skipped` when nothing ran.
 * Jobs waiting in `manual` do not hold a pipeline back.
 */
import { isFailureAllowed } from '../domain/job/runnable-job.js';
import type { JobStatus } from '../domain/job/job-status.js';
import type { JobRecord } from '../ports/store/pipeline-record.js';
import type { PipelineStore } from '../ports/store/pipeline-store.js';
import { readJobPayload } from './job-payload.js';

type JobFacts = Pick<JobRecord, 'status' | 'allowFailure' | 'payload' | 'exitCode' | 'failureReason'>;

const UNSETTLED: ReadonlySet<JobStatus> = new Set(['created', 'pending', 'running']);
const OPEN_PIPELINE: readonly JobStatus[] = ['created', 'pending', 'running', 'manual'];

/** Undefined while some job is still to run. */
export function settledPipelineStatus(jobs: readonly JobFacts[]): JobStatus | undefined {
  if (jobs.some((job) => UNSETTLED.has(job.status))) return undefined;
  const finished = jobs.filter((job) => job.status !== 'manual');
  if (finished.length === 0) return jobs.length > 0 ? 'manual' : undefined;
  if (finished.some((job) => job.status === 'failed' && !failureAllowed(job))) return 'failed';
  if (finished.some((job) => job.status === 'canceled')) return 'canceled';
  if (finished.some((job) => job.status === 'success' || job.status === 'failed')) return 'success';
  return 'skipped';
}

export function failureAllowed(job: JobFacts): boolean {
  if (!job.allowFailure || job.status !== 'failed') return false;
  const payload = readJobPayload(job.payload);
  const allowFailure = payload.ok ? payload.payload.allowFailure : true;
  return isFailureAllowed(
    { allowFailure },
    { status: 'failed', failureReason: job.failureReason ?? 'script_failure', exitCode: job.exitCode, traceBytes: 0 },
  );
}

/** Moves an open pipeline to the status its jobs settle it at (compare-and-set). */
export async function settlePipeline(pipelines: PipelineStore, pipelineId: number, at: number): Promise<JobStatus | undefined> {
  const status = settledPipelineStatus(await pipelines.listJobsForPipeline(pipelineId));
  if (status === undefined) return undefined;
  await pipelines.transitionPipeline(pipelineId, OPEN_PIPELINE, status, at);
  return status;
}
