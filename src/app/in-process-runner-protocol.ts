/**
 * The runner protocol for the runner embedded in the server: each call goes
 * straight to its use case, no HTTP. Which runner holds which job is kept
 * here (as a remote runner's job token would say it), so heartbeats, trace
 * and finish are checked against the runner that claimed the job. Being in
 * the server, it also spares the store what it already knows: the job's
 * pipeline at finish, and a runner contact written less than
 * RUNNER_CONTACT_INTERVAL_MS ago (the store would not write it anyway).
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
import { claimJob, RUNNER_CONTACT_INTERVAL_MS } from './claim-job.js';
import { finishJob } from './finish-job.js';
import type { JobDependencies } from './job-dependencies.js';
import { jobHeartbeat } from './job-heartbeat.js';

const NO_RUNNER = -1;

interface Holder {
  readonly runnerId: number;
  readonly pipelineId: number;
}

export function createInProcessRunnerProtocol(deps: JobDependencies): RunnerProtocol {
  const holders = new Map<number, Holder>();
  const contactWrittenAt = new Map<number, number>();

  const contactDue = (runnerId: number): boolean => {
    const now = deps.clock.now();
    const last = contactWrittenAt.get(runnerId);
    if (last !== undefined && now - last < RUNNER_CONTACT_INTERVAL_MS) return false;
    contactWrittenAt.set(runnerId, now);
    return true;
  };

  return {
    async requestJob(runner: RunnerIdentity): Promise<RunnableJob | undefined> {
      const claimed = await claimJob(deps, runner.id, { touchContact: contactDue(runner.id) });
      if (claimed.kind === 'none') return undefined;
      holders.set(claimed.job.id, { runnerId: runner.id, pipelineId: claimed.record.pipelineId });
      return claimed.job;
    },

    async appendTrace(jobId: number, offset: number, bytes: Uint8Array): Promise<AppendTraceReply> {
      const runnerId = holders.get(jobId)?.runnerId;
      if (runnerId === undefined) return { kind: 'job_not_running' };
      const reply = await appendJobTrace(deps, { jobId, runnerId, offset, bytes });
      if (reply.kind === 'job_not_running') holders.delete(jobId);
      return reply;
    },

    async heartbeat(jobId: number): Promise<HeartbeatReply> {
      const runnerId = holders.get(jobId)?.runnerId;
      if (runnerId === undefined) return { kind: 'gone' };
      const reply = await jobHeartbeat(deps, jobId, runnerId);
      if (reply.kind === 'gone') holders.delete(jobId);
      return reply;
    },

    async finishJob(jobId: number, outcome: JobOutcome): Promise<FinishJobReply> {
      // A job this protocol did not hand out may only be reported as already finished.
      const holder = holders.get(jobId);
      const result = await finishJob(deps, {
        jobId,
        outcome,
        runnerId: holder?.runnerId ?? NO_RUNNER,
        ...(holder === undefined ? {} : { pipelineId: holder.pipelineId }),
      });
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
