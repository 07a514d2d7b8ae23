/**
 * Runs one step of a job (a bash script) and reports how it ended.
 *
 * Call order: `execute` once per step; a job calls it for `step_script` and
 * then, in a separate call, for `after_script`. Calls for different jobs
 * may run concurrently; one call never affects another's processes.
 *
 * Output: stdout and stderr, merged in the order the processes wrote them
 * as far as pipes allow, reach `onOutput` as raw bytes, synchronously and in
 * order, never after `execute` has resolved. Nothing is accumulated: the
 * caller decides what to keep.
 *
 * Ending: when the script exits, on timeout and on cancel (the signal is
 * aborted), every process the step started is gone before `execute`
 * resolves, including processes that left the process group (`setsid`,
 * `nohup … &`). Timeout and cancel first ask politely (SIGTERM) and force
 * (SIGKILL) after `cancelGraceMs`.
 *
 * Errors: every expected ending is a value of `ExecuteResult`; the promise
 * rejects only on a programming error. Not idempotent (it runs the script).
 */
export interface ExecuteRequest {
  /** The bash text to run (see src/domain/script). */
  script: string;
  /** Working directory of the script. */
  cwd: string;
  /** Exactly the environment the script gets (nothing is inherited). */
  env: Readonly<Record<string, string>>;
  /** Wall-clock limit for the step. */
  timeoutMs: number;
  /** Aborting it cancels the step. */
  signal: AbortSignal;
  /** Time between SIGTERM and SIGKILL on timeout or cancel. */
  cancelGraceMs: number;
  onOutput: (chunk: Buffer) => void;
}

export type ExecuteResult =
  /** The script ended by itself; 128+N when a signal N it did not expect ended it. */
  | { kind: 'exited'; exitCode: number }
  | { kind: 'timed_out' }
  | { kind: 'canceled' }
  /** The step could not be run at all (no bash, cwd missing, …). */
  | { kind: 'system_failure'; error: string };

export interface Executor {
  execute(request: ExecuteRequest): Promise<ExecuteResult>;
}
