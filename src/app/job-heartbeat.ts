/**
 * A runner's sign of life for a job it runs, answered with whether someone
 * asked to cancel it (the runner then aborts the job) or whether the job is
 * no longer its own (reaped, finished elsewhere: the runner stops at once).
 */
import type { HeartbeatReply } from '../ports/runner-protocol.js';
import { RUNNER_CONTACT_INTERVAL_MS } from './claim-job.js';
import type { JobDependencies } from './job-dependencies.js';

export async function jobHeartbeat(
  deps: Pick<JobDependencies, 'store' | 'clock'>,
  jobId: number,
  runnerId: number,
): Promise<HeartbeatReply> {
  const now = deps.clock.now();
  const result = await deps.store.pipelines.heartbeat(jobId, runnerId, now);
  await deps.store.runners.touchContact(runnerId, now, RUNNER_CONTACT_INTERVAL_MS);
  switch (result.kind) {
    case 'alive':
      return { kind: 'alive', cancelRequested: result.cancelRequested };
    case 'not_running':
      return { kind: 'gone', status: result.status };
    case 'not_found':
      return { kind: 'gone' };
  }
}
