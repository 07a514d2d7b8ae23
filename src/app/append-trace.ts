/**
 * A runner hands over trace bytes. Accepted only while the job is running
 * for that runner, and only at the offset where the stored trace ends
 * (GitLab's rule, see TraceStore): a resend of bytes already stored is
 * `ok`, any other offset is `range_mismatch` with the stored size.
 */
import type { AppendTraceReply } from '../ports/runner-protocol.js';
import type { JobDependencies } from './job-dependencies.js';

export interface AppendJobTraceInput {
  readonly jobId: number;
  /** The runner holding the job; undefined skips the check (server-side writes). */
  readonly runnerId?: number;
  readonly offset: number;
  readonly bytes: Uint8Array;
}

export async function appendJobTrace(deps: Pick<JobDependencies, 'store'>, input: AppendJobTraceInput): Promise<AppendTraceReply> {
  const job = await deps.store.pipelines.getJob(input.jobId);
  if (job === undefined) return { kind: 'job_not_running' };
  if (job.status !== 'running' || (input.runnerId !== undefined && job.runnerId !== input.runnerId)) {
    return { kind: 'job_not_running', status: job.status };
  }
  const result = await deps.store.traces.appendTrace(input.jobId, input.offset, input.bytes);
  switch (result.kind) {
    case 'appended':
    case 'already_stored':
      return { kind: 'ok', size: result.size };
    case 'range_mismatch':
      return { kind: 'range_mismatch', currentSize: result.size };
    case 'job_not_found':
      return { kind: 'job_not_running' };
  }
}
