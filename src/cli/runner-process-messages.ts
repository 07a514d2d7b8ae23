/**
 * What the server and its embedded runner's process (./runner-process.ts,
 * started by ./runner-process-loop.ts) say to each other besides the
 * runner protocol's calls (src/adapters/runner-link/runner-protocol-link.ts),
 * on the same IPC channel.
 */
import type { JobOutcome } from '../domain/job/runnable-job.js';
import type { RunnerLoopOptions } from '../runner/runner-loop.js';

/**
 * Everything the runner process's loop is started with, sent as its first
 * message: the runner loop's own options that are plain data (the protocol,
 * executor, git and clock are made inside the runner process). `baseEnv` is
 * already cleaned (src/runner/clean-environment.ts): it is all jobs see of
 * the server's environment.
 */
export type RunnerProcessSettings = Pick<
  RunnerLoopOptions,
  | 'runner'
  | 'concurrency'
  | 'workspace'
  | 'traceLimitBytes'
  | 'pollIntervalMs'
  | 'heartbeatIntervalMs'
  | 'traceFlushIntervalMs'
  | 'cancelGraceMs'
  | 'afterScriptTimeoutSeconds'
  | 'hostname'
  | 'runnerVersion'
> & { readonly baseEnv: Readonly<Record<string, string>> };

/** Server → runner process. */
export type RunnerProcessCommand =
  | { readonly kind: 'start'; readonly settings: RunnerProcessSettings }
  | { readonly kind: 'notify' }
  | { readonly kind: 'stop'; readonly drain: boolean };

/** Runner process → server. */
export type RunnerProcessEvent =
  | { readonly kind: 'active'; readonly jobIds: readonly number[] }
  | { readonly kind: 'done'; readonly job: { readonly id: number; readonly name: string }; readonly outcome: JobOutcome }
  | { readonly kind: 'error'; readonly message: string; readonly stack?: string; readonly jobId?: number; readonly during: string }
  /** The loop has stopped: no job runs and no protocol call is left; the process exits next. */
  | { readonly kind: 'stopped' };

const COMMANDS: ReadonlySet<string> = new Set<RunnerProcessCommand['kind']>(['start', 'notify', 'stop']);
const EVENTS: ReadonlySet<string> = new Set<RunnerProcessEvent['kind']>(['active', 'done', 'error', 'stopped']);

// Both ends are this program: the kind tells the shape.
export function isRunnerProcessCommand(message: unknown): message is RunnerProcessCommand {
  return typeof message === 'object' && message !== null && 'kind' in message && typeof message.kind === 'string' && COMMANDS.has(message.kind);
}

export function isRunnerProcessEvent(message: unknown): message is RunnerProcessEvent {
  return typeof message === 'object' && message !== null && 'kind' in message && typeof message.kind === 'string' && EVENTS.has(message.kind);
}
