/**
 * Jobs whose runner went silent: a running job whose last heartbeat is
 * older than the timeout (default 60 s, against a heartbeat every few
 * seconds) is failed with `runner_system_failure`, its trace gets a closing
 * line, and its chat is told — through finishJob, like any other ending.
 *
 * Safe on every replica at once: each failure is a compare-and-set guarded
 * by the heartbeat age, so a late heartbeat and the reaper cannot both win,
 * and two reapers cannot fail a job twice.
 */
import { finishJob } from './finish-job.js';
import type { JobDependencies } from './job-dependencies.js';

export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 60_000;

export interface ReapStaleJobsOptions {
  readonly heartbeatTimeoutMs?: number;
  /** Jobs looked at per call (default 50). */
  readonly limit?: number;
}

/** The ids of the jobs this call failed. */
export async function reapStaleJobs(deps: JobDependencies, options: ReapStaleJobsOptions = {}): Promise<number[]> {
  const timeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const cutoff = deps.clock.now() - timeoutMs;
  const stale = await deps.store.pipelines.findStaleRunningJobs(cutoff, options.limit ?? 50);
  const reaped: number[] = [];
  for (const job of stale) {
    const result = await finishJob(deps, {
      jobId: job.id,
      outcome: { status: 'failed', failureReason: 'runner_system_failure', exitCode: null },
      heartbeatBefore: cutoff,
      closingReason: `no sign of life from its runner for ${Math.round(timeoutMs / 1000)} seconds`,
    });
    if (result.kind === 'finished') reaped.push(job.id);
  }
  return reaped;
}

export interface StaleJobReaper {
  stop(): Promise<void>;
}

/** Runs reapStaleJobs every `intervalMs` (default 15 s) until stopped. */
export function startStaleJobReaper(
  deps: JobDependencies,
  options: ReapStaleJobsOptions & { readonly intervalMs?: number; readonly onError?: (error: unknown) => void } = {},
): StaleJobReaper {
  let stopped = false;
  let running: Promise<void> | undefined;
  const tick = (): void => {
    running = reapStaleJobs(deps, options)
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(() => {
    if (!stopped && running === undefined) tick();
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
