/**
 * The runner protocol for the runner embedded in the server: each call goes
 * straight to its use case, no HTTP. Which runner holds which job is kept
 * here (as a remote runner's job token would say it), so heartbeats, trace
 * and finish are checked against the runner that claimed the job.
 */
import type { JobOutcome, RunnableJob } from '../domain/job/runnable-job.js';
import type {
  AppendTraceReply,
  FinishJobReply,
  HeartbeatReply,
  RunnerIdentity,
  RunnerProtocol,
} from '../ports/runner-protocol.js';
import { appendJobTrace } from './append-trace.js';
import { claimJob } from './claim-job.js';
import { finishJob } from './finish-job.js';
import type { JobDependencies } from './job-dependencies.js';
import { jobHeartbeat } from './job-heartbeat.js';

const NO_RUNNER = -1;

export function createInProcessRunnerProtocol(deps: JobDependencies): RunnerProtocol {
  const holders = new Map<number, number>();

  return {
    async requestJob(runner: RunnerIdentity): Promise<RunnableJob | undefined> {
      const claimed = await claimJob(deps, runner.id);
      if (claimed.kind === 'none') return undefined;
      holders.set(claimed.job.id, runner.id);
      return claimed.job;
    },

    async appendTrace(jobId: number, offset: number, bytes: Uint8Array): Promise<AppendTraceReply> {
      const runnerId = holders.get(jobId);
      if (runnerId === undefined) return { kind: 'job_not_running' };
      const reply = await appendJobTrace(deps, { jobId, runnerId, offset, bytes });
      if (reply.kind === 'job_not_running') holders.delete(jobId);
      return reply;
    },

    async heartbeat(jobId: number): Promise<HeartbeatReply> {
      const runnerId = holders.get(jobId);
      if (runnerId === undefined) return { kind: 'gone' };
      const reply = await jobHeartbeat(deps, jobId, runnerId);
      if (reply.kind === 'gone') holders.delete(jobId);
      return reply;
    },

    async finishJob(jobId: number, outcome: JobOutcome): Promise<FinishJobReply> {
      // A job this protocol did not hand out may only be reported as already finished.
      const runnerId = holders.get(jobId) ?? NO_RUNNER;
      const result = await finishJob(deps, { jobId, outcome, runnerId });
      if (result.kind !== 'not_found' && result.kind !== 'not_running') holders.delete(jobId);
      switch (result.kind) {
        case 'finished':
        case 'already_finished':
        case 'not_running':
          return { kind: result.kind, status: result.job.status };
        case 'not_found':
          return { kind: 'not_found' };
      }
    },
  };
}
