/**
 * The job loop of a runner, the same embedded in the server and in a
 * remote `chatrun runner`: claim a job through the RunnerProtocol, run it
 * with runJob in a fresh checkout, stream its trace with byte offsets
 * (./trace-upload.ts), send heartbeats and abort the job when they say it
 * was canceled (or taken away), then report the outcome with finishJob.
 *
 * Up to `concurrency` jobs run at once. The loop claims whenever a slot is
 * free: every `pollIntervalMs`, at once on `notify()` (the server calls it
 * right after creating a job, so a chat command does not wait for the next
 * poll), and when a job ends — unless the last claim found the queue empty
 * and neither a notify nor a poll came since: then nothing new was
 * announced, and the claim would only cost the server a query. One timer sends the heartbeats of all running
 * jobs every `heartbeatIntervalMs`, at most one unanswered beat per job.
 *
 * `stop({ drain: true })` stops claiming and waits for running jobs to end
 * by themselves; `stop({ drain: false })` also cancels them (SIGTERM, then
 * SIGKILL after the grace period; after_script still runs) and reports them
 * `canceled`, so none is left for the reaper. Aborting `signal` is
 * `stop({ drain: false })`.
 */
import type { JobOutcome, RunnableJob } from '../domain/job/runnable-job.js';
import type { Clock } from '../ports/clock.js';
import type { Executor } from '../ports/executor.js';
import type { Git } from '../ports/git.js';
import type { RunnerIdentity, RunnerProtocol } from '../ports/runner-protocol.js';
import { cleanEnvironment } from './clean-environment.js';
import { runJob } from './run-job.js';
import { TraceUpload } from './trace-upload.js';

export interface RunnerLoopOptions {
  readonly protocol: RunnerProtocol;
  readonly runner: RunnerIdentity;
  readonly concurrency: number;
  readonly executor: Executor;
  readonly git: Git;
  /** Working copies live under buildsDir; mirrors of remote repositories under cacheDir. */
  readonly workspace: { readonly buildsDir: string; readonly cacheDir: string };
  /** Only PATH, HOME, LANG, USER, SHELL and TMPDIR of it reach jobs (see ./clean-environment.ts). */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly traceLimitBytes: number;
  readonly clock: Clock;
  /** Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Default 3000 ms; keep well under the server's heartbeat timeout (60 s). */
  readonly heartbeatIntervalMs?: number;
  /** Default 200 ms. */
  readonly traceFlushIntervalMs?: number;
  readonly cancelGraceMs?: number;
  readonly afterScriptTimeoutSeconds?: number;
  readonly hostname?: string;
  readonly runnerVersion?: string;
  readonly signal?: AbortSignal;
  /** Infrastructure trouble (server unreachable, …); the loop carries on. */
  readonly onError?: (error: unknown, context: { readonly jobId?: number; readonly during: string }) => void;
  /** A job ended and its outcome was handed to the server (or could not be). */
  readonly onJobDone?: (job: RunnableJob, outcome: JobOutcome) => void;
  /** The jobs running now, each time one starts or ends. */
  readonly onActiveChange?: (jobIds: readonly number[]) => void;
}

export interface RunnerLoop {
  /** Claim now: a job was just queued. */
  notify(): void;
  stop(options?: { readonly drain: boolean }): Promise<void>;
  /** Ids of the jobs running now. */
  readonly activeJobIds: readonly number[];
}

const FINISH_ATTEMPTS = 6;

interface ActiveJob {
  readonly abort: AbortController;
  done: Promise<void>;
  /** The server took the job away (reaped, finished elsewhere): it is not finished from here. */
  gone: boolean;
  /** runJob returned: no more heartbeats, and late answers are ignored. */
  ended: boolean;
  /** A heartbeat for it is waiting for its answer. */
  beating: boolean;
  readonly takenAway: () => void;
}

export function startRunnerLoop(options: RunnerLoopOptions): RunnerLoop {
  const active = new Map<number, ActiveJob>();
  const baseEnv = cleanEnvironment(options.baseEnv);
  const report = options.onError ?? (() => undefined);
  let stopping = false;
  let filling: Promise<void> | undefined;
  let again = false;
  /** A job may be waiting: set by notify() and the poll, cleared when a claim begun after the last of them finds none. */
  let maybeQueued = true;
  let wakes = 0;
  let timer: NodeJS.Timeout | undefined;
  let beatTimer: NodeJS.Timeout | undefined;

  const schedulePoll = (): void => {
    clearTimeout(timer);
    if (stopping) return;
    timer = setTimeout(wake, options.pollIntervalMs ?? 1000);
    timer.unref();
  };

  function wake(): void {
    wakes += 1;
    maybeQueued = true;
    fill();
  }

  function fill(): void {
    if (stopping) return;
    if (filling !== undefined) {
      again = true;
      return;
    }
    filling = claimWhileRoom().finally(() => {
      filling = undefined;
      schedulePoll();
    });
  }

  async function claimWhileRoom(): Promise<void> {
    do {
      again = false;
      while (!stopping && active.size < Math.max(1, options.concurrency)) {
        let job: RunnableJob | undefined;
        const wakesBefore = wakes;
        try {
          job = await options.protocol.requestJob(options.runner);
        } catch (error) {
          report(error, { during: 'requestJob' });
          return;
        }
        if (job === undefined) {
          if (wakes === wakesBefore) maybeQueued = false;
          break;
        }
        start(job);
      }
    } while (again && !stopping);
  }

  function start(job: RunnableJob): void {
    const abort = new AbortController();
    const entry: ActiveJob = {
      abort,
      done: Promise.resolve(),
      gone: false,
      ended: false,
      beating: false,
      takenAway: () => {
        entry.gone = true;
        abort.abort();
      },
    };
    active.set(job.id, entry);
    options.onActiveChange?.([...active.keys()]);
    syncBeatTimer();
    entry.done = runOne(job, entry)
      .catch((error: unknown) => report(error, { jobId: job.id, during: 'job' }))
      .finally(() => {
        active.delete(job.id);
        options.onActiveChange?.([...active.keys()]);
        syncBeatTimer();
        if (maybeQueued) fill();
      });
  }

  async function runOne(job: RunnableJob, entry: ActiveJob): Promise<void> {
    const { abort, takenAway } = entry;
    const upload = new TraceUpload({
      protocol: options.protocol,
      jobId: job.id,
      flushIntervalMs: options.traceFlushIntervalMs ?? 200,
      onJobGone: takenAway,
      onError: (error) => report(error, { jobId: job.id, during: 'appendTrace' }),
    });
    let outcome: JobOutcome;
    try {
      outcome = await runJob({
        job,
        workspace: { kind: 'checkout', ...options.workspace },
        baseEnv,
        executor: options.executor,
        git: options.git,
        traceLimitBytes: options.traceLimitBytes,
        onTrace: (chunk) => upload.push(chunk),
        signal: abort.signal,
        clock: { now: () => new Date(options.clock.now()) },
        runnerName: options.runner.name,
        ...(options.cancelGraceMs === undefined ? {} : { cancelGraceMs: options.cancelGraceMs }),
        ...(options.afterScriptTimeoutSeconds === undefined ? {} : { afterScriptTimeoutSeconds: options.afterScriptTimeoutSeconds }),
        ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
        ...(options.runnerVersion === undefined ? {} : { runnerVersion: options.runnerVersion }),
      });
    } catch (error) {
      report(error, { jobId: job.id, during: 'runJob' });
      outcome = { status: 'failed', failureReason: 'runner_system_failure', exitCode: null, traceBytes: 0 };
    } finally {
      entry.ended = true;
    }
    await upload.close();
    if (!entry.gone) await finish(job.id, outcome);
    options.onJobDone?.(job, outcome);
  }

  /**
   * One timer beats for every running job: each tick sends a heartbeat for
   * each job whose previous one has been answered, so a slow server gets at
   * most one outstanding beat per job, and a thousand jobs cost one timer.
   */
  function beatAll(): void {
    for (const [jobId, entry] of active) {
      if (entry.beating || entry.ended) continue;
      entry.beating = true;
      void beat(jobId, entry).finally(() => {
        entry.beating = false;
      });
    }
  }

  async function beat(jobId: number, entry: ActiveJob): Promise<void> {
    try {
      const reply = await options.protocol.heartbeat(jobId);
      if (entry.ended) return;
      // Beats go on after a cancel: after_script may still run for minutes.
      if (reply.kind === 'gone') entry.takenAway();
      else if (reply.cancelRequested) entry.abort.abort();
    } catch (error) {
      report(error, { jobId, during: 'heartbeat' });
    }
  }

  function syncBeatTimer(): void {
    if (active.size > 0 && beatTimer === undefined) {
      beatTimer = setInterval(beatAll, options.heartbeatIntervalMs ?? 3000);
    } else if (active.size === 0 && beatTimer !== undefined) {
      clearInterval(beatTimer);
      beatTimer = undefined;
    }
  }

  async function finish(jobId: number, outcome: JobOutcome): Promise<void> {
    for (let attempt = 0; attempt < FINISH_ATTEMPTS; attempt++) {
      try {
        await options.protocol.finishJob(jobId, outcome);
        return;
      } catch (error) {
        report(error, { jobId, during: 'finishJob' });
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
    // Given up: the server's reaper fails the job once its heartbeats are missed.
  }

  const stop = async (stopOptions: { readonly drain: boolean } = { drain: true }): Promise<void> => {
    stopping = true;
    clearTimeout(timer);
    await filling;
    if (!stopOptions.drain) for (const { abort } of active.values()) abort.abort();
    await Promise.all([...active.values()].map((entry) => entry.done));
  };

  options.signal?.addEventListener('abort', () => void stop({ drain: false }), { once: true });
  fill();
  return {
    notify: wake,
    stop,
    get activeJobIds() {
      return [...active.keys()];
    },
  };
}
