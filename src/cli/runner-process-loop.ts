/**
 * The embedded runner in a child process of its own, seen from the server
 * as a RunnerLoop. Why: Node spawns a process with fork(), which copies the
 * page tables of the whole parent and holds the calling thread until the
 * child has reached exec — about 1 ms from a 50 MB process, 5 ms and more
 * from the server's 200 MB, longer on a busy machine, and a job needs
 * several (git, bash). Spawned from the server, every one of them delays
 * every HTTP request waiting behind it (a thread would not help: fork locks
 * the address space of the whole process). The runner's small process
 * spawns them faster, and the server's event loop spawns nothing.
 *
 * The child runs ./runner-process.ts and reaches the store only through
 * `protocol`, served here over its IPC channel. Lifecycle:
 * - start: the child starts claiming as soon as it is up, like
 *   startRunnerLoop; `notify()` is passed on; `activeJobIds` is the
 *   child's last report.
 * - `stop()` asks the child's loop to stop (drained or not, as
 *   startRunnerLoop's stop) and resolves once it has, with no job running
 *   and no protocol call left, and the child exits. A second stop while one
 *   is under way (drain, then cancel) is passed on and resolves with the
 *   first; calls after the child ended resolve at once.
 * - the child runs in its own process group: Ctrl-C in a terminal reaches
 *   only the server, which drains it through stop(). If the server dies,
 *   the child notices its channel close, cancels its jobs and exits.
 * - the child dying on its own (a bug, or killed) is reported to `onError`;
 *   its running jobs are left to the stale-job reaper.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { serveRunnerProtocol, type MessageLink } from '../adapters/runner-link/runner-protocol-link.js';
import type { JobOutcome } from '../domain/job/runnable-job.js';
import type { RunnerProtocol } from '../ports/runner-protocol.js';
import { cleanEnvironment } from '../runner/clean-environment.js';
import type { RunnerLoop } from '../runner/runner-loop.js';
import { isRunnerProcessEvent, type RunnerProcessCommand, type RunnerProcessSettings } from './runner-process-messages.js';

export interface RunnerProcessLoopOptions extends Omit<RunnerProcessSettings, 'baseEnv'> {
  /** Served in this process (the in-process protocol). */
  readonly protocol: RunnerProtocol;
  /** Only PATH, HOME, LANG, USER, SHELL and TMPDIR of it reach jobs. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly onError?: (error: Error, context: { readonly jobId?: number; readonly during: string }) => void;
  readonly onJobDone?: (job: { readonly id: number; readonly name: string }, outcome: JobOutcome) => void;
}

export function startRunnerProcessLoop(options: RunnerProcessLoopOptions): RunnerLoop {
  const { protocol, onError, onJobDone, baseEnv, ...settings } = options;
  const child = forkRunnerProcess();
  const link: MessageLink = {
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => void child.on('message', listener),
  };
  serveRunnerProtocol(link, protocol);

  let active: readonly number[] = [];
  let ended = false;
  const stopping: Array<() => void> = [];
  const end = (): void => {
    ended = true;
    active = [];
    for (const resolve of stopping.splice(0)) resolve();
  };
  const command = (message: RunnerProcessCommand): void => link.send(message);

  link.onMessage((event) => {
    if (!isRunnerProcessEvent(event)) return;
    switch (event.kind) {
      case 'active':
        active = event.jobIds;
        return;
      case 'done':
        onJobDone?.(event.job, event.outcome);
        return;
      case 'error': {
        const error = new Error(event.message);
        if (event.stack !== undefined) error.stack = event.stack;
        onError?.(error, { during: event.during, ...(event.jobId === undefined ? {} : { jobId: event.jobId }) });
        return;
      }
      case 'stopped':
        end();
    }
  });
  // Sending to a child that just died reports here, not as an exception.
  child.on('error', (error) => onError?.(error, { during: 'runner process' }));
  child.on('exit', (code, signal) => {
    if (!ended && stopping.length === 0) onError?.(new Error(`the runner process ended (${signal ?? `exit code ${code}`})`), { during: 'runner process' });
    end();
  });

  command({ kind: 'start', settings: { ...settings, baseEnv: cleanEnvironment(baseEnv) } });
  return {
    notify: () => command({ kind: 'notify' }),
    stop(stopOptions = { drain: true }) {
      if (ended) return Promise.resolve();
      return new Promise<void>((resolve) => {
        stopping.push(resolve);
        command({ kind: 'stop', drain: stopOptions.drain });
      });
    },
    get activeJobIds() {
      return active;
    },
  };
}

function forkRunnerProcess(): ChildProcess {
  // Run from src/ (the tests, through tsx), the entry is the .ts file; tsx's
  // loader reaches the child through the inherited execArgv.
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './runner-process.ts' : './runner-process.js', here);
  return fork(entry, [], {
    // A debugger port the server listens on cannot be the child's too.
    execArgv: process.execArgv.filter((arg) => !/^--(inspect|debug)/.test(arg)),
    serialization: 'advanced',
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
