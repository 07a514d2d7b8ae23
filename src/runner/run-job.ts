/**
 * Runs one job from start to finish and streams its trace: the same code
 * serves the embedded runner, a remote runner and `chatrun exec`.
 *
 * Order: `prepare_script` (a build directory), `get_sources` (checkout of
 * the job's commit, or the directory as it is), `step_script`
 * (before_script + script in one shell, under the job timeout),
 * `after_script` (its own shell and limit; runs after failure, timeout and
 * cancel, and never changes the result), then the final status line.
 *
 * The trace leaves through `onTrace` in order; `runJob` resolves once the
 * last chunk has been handed over. It never rejects for an expected
 * failure: those are in the outcome.
 */
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { JobOutcome, RunnableJob } from '../domain/job/runnable-job.js';
import { buildBashScript, buildStepScript } from '../domain/script/bash-script.js';
import { goDuration } from '../domain/trace/go-duration.js';
import type { JobResult } from '../domain/trace/job-result-line.js';
import { SECTION_HEADERS } from '../domain/trace/trace-format.js';
import { TraceWriter } from '../domain/trace/trace-writer.js';
import type { ExecuteRequest, ExecuteResult, Executor } from '../ports/executor.js';
import type { Git } from '../ports/git.js';
import { acquireBuildSlot, type BuildSlot } from './build-slot.js';
import { chatrunVersion } from './chatrun-version.js';
import { buildJobEnvironment, type CiJobStatus } from './job-environment.js';
import { runnerVariables } from './runner-variables.js';
import { TraceDelivery } from './trace-delivery.js';

export type JobWorkspace =
  | { kind: 'checkout'; cacheDir: string; buildsDir: string }
  | { kind: 'directory'; path: string };

export interface RunJobOptions {
  job: RunnableJob;
  workspace: JobWorkspace;
  baseEnv: Readonly<Record<string, string>>;
  executor: Executor;
  /** Needed for `checkout` workspaces only. */
  git?: Git;
  traceLimitBytes: number;
  onTrace: (chunk: Buffer) => void | Promise<void>;
  signal: AbortSignal;
  clock: { now(): Date };
  runnerName: string;
  /** Default 300 (GitLab Runner's 5 minutes). */
  afterScriptTimeoutSeconds?: number;
  /** Between SIGTERM and SIGKILL; default 10 s. */
  cancelGraceMs?: number;
  /** Default: the version in chatrun's package.json. */
  runnerVersion?: string;
  /** Shown as `Running on <hostname>...`; default the OS host name. */
  hostname?: string;
}

interface Workspace {
  projectDir: string;
  buildsDir: string;
  concurrentId: number;
  slot?: BuildSlot;
}

type Outcome = { result: JobResult; outcome: Omit<JobOutcome, 'traceBytes'> };

const DEFAULT_AFTER_SCRIPT_TIMEOUT_SECONDS = 300;
const DEFAULT_CANCEL_GRACE_MS = 10_000;

export async function runJob(options: RunJobOptions): Promise<JobOutcome> {
  const { job, clock, signal } = options;
  const version = options.runnerVersion ?? chatrunVersion();
  const started = Date.now();
  const delivery = new TraceDelivery(options.onTrace);
  const envFor = (ws: Workspace, status: CiJobStatus): Record<string, string> =>
    buildJobEnvironment(
      options.baseEnv,
      runnerVariables({ ...ws, timeoutSeconds: job.timeoutSeconds, runnerName: options.runnerName, runnerVersion: version, status }),
      job,
    ).env;
  // Masking starts with the first trace byte, before the build directory is known.
  const { maskedValues } = buildJobEnvironment(options.baseEnv, {}, job);
  const trace = new TraceWriter({ sink: delivery.push, clock, limitBytes: options.traceLimitBytes, maskedValues });
  const execute = (request: Omit<ExecuteRequest, 'onOutput' | 'cancelGraceMs'>): Promise<ExecuteResult> =>
    safeExecute(options.executor, {
      ...request,
      cancelGraceMs: options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
      onOutput: (chunk) => trace.output(chunk),
    });

  trace.runnerLine(`Running with chatrun ${version}`);
  trace.runnerLine(`  on ${options.runnerName}`);

  let workspace: Workspace | undefined;
  let ended: Outcome;
  try {
    trace.startSection('prepare_script', SECTION_HEADERS.prepare_script);
    trace.plain(`Running on ${options.hostname ?? hostname()}...`);
    const prepared = await prepareWorkspace(options);
    trace.endSection('prepare_script');
    if (!prepared.ok) ended = systemFailure(prepared.error);
    else if (signal.aborted) ended = canceled();
    else {
      workspace = prepared.workspace;
      const sources = await getSources(options, workspace, trace);
      if (sources !== undefined) ended = systemFailure(sources);
      else if (signal.aborted) ended = canceled();
      else {
        trace.startSection('step_script', SECTION_HEADERS.step_script);
        const step = await execute({
          script: buildStepScript(job.beforeScript, job.script),
          cwd: workspace.projectDir,
          env: envFor(workspace, 'running'),
          timeoutMs: Math.max(1, job.timeoutSeconds * 1000 - (Date.now() - started)),
          signal,
        });
        trace.endSection('step_script');
        ended = stepOutcome(step, job.timeoutSeconds);
        if (job.afterScript.length > 0 && step.kind !== 'system_failure') {
          await runAfterScript(options, workspace, envFor(workspace, ciJobStatus(ended)), execute, trace);
        }
      }
    }
  } catch (error) {
    ended = systemFailure(error instanceof Error ? error.message : String(error));
  } finally {
    await workspace?.slot?.release();
  }
  trace.finish(ended.result);
  await delivery.drained();
  return { ...ended.outcome, traceBytes: trace.bytesWritten };
}

async function prepareWorkspace(
  options: RunJobOptions,
): Promise<{ ok: true; workspace: Workspace } | { ok: false; error: string }> {
  const { workspace, job } = options;
  if (workspace.kind === 'directory') {
    return { ok: true, workspace: { projectDir: workspace.path, buildsDir: dirname(workspace.path), concurrentId: 0 } };
  }
  if (job.git === undefined) return { ok: false, error: 'the job has no git source to check out' };
  const acquired = await acquireBuildSlot(workspace.buildsDir, job.git.projectPath);
  if (!acquired.ok) return acquired;
  const { slot } = acquired;
  return { ok: true, workspace: { projectDir: slot.dir, buildsDir: workspace.buildsDir, concurrentId: slot.id, slot } };
}

/** Writes the get_sources section; returns an error message when the sources could not be had. */
async function getSources(options: RunJobOptions, ws: Workspace, trace: TraceWriter): Promise<string | undefined> {
  const { workspace, job, git } = options;
  trace.startSection('get_sources', SECTION_HEADERS.get_sources);
  try {
    if (workspace.kind === 'directory' || job.git === undefined) {
      trace.notice(`Skipping Git checkout: using ${ws.projectDir} as it is`);
      return undefined;
    }
    if (git === undefined) return 'no git client configured for checkouts';
    const prepared = await git.prepareWorkingCopy({ ...job.git, dir: ws.projectDir, cacheDir: workspace.cacheDir });
    if (!prepared.ok) return prepared.error.message;
    for (const line of prepared.value.lines) {
      if (line.kind === 'notice') trace.notice(line.text);
      else trace.plain(line.text);
    }
    return undefined;
  } finally {
    trace.endSection('get_sources');
  }
}

async function runAfterScript(
  options: RunJobOptions,
  ws: Workspace,
  env: Record<string, string>,
  execute: (request: Omit<ExecuteRequest, 'onOutput' | 'cancelGraceMs'>) => Promise<ExecuteResult>,
  trace: TraceWriter,
): Promise<void> {
  const limit = options.afterScriptTimeoutSeconds ?? DEFAULT_AFTER_SCRIPT_TIMEOUT_SECONDS;
  trace.startSection('after_script', SECTION_HEADERS.after_script);
  // Not tied to the job's signal: after a cancel, after_script still runs, bounded by its own limit.
  const result = await execute({
    script: buildBashScript(options.job.afterScript),
    cwd: ws.projectDir,
    env,
    timeoutMs: limit * 1000,
    signal: new AbortController().signal,
  });
  const problem = afterScriptProblem(result, limit);
  if (problem !== undefined) trace.warning(`after_script failed, but job will continue unaffected: ${problem}`);
  trace.endSection('after_script');
}

function afterScriptProblem(result: ExecuteResult, limitSeconds: number): string | undefined {
  switch (result.kind) {
    case 'exited':
      return result.exitCode === 0 ? undefined : `exit code ${result.exitCode}`;
    case 'timed_out':
      return `execution took longer than ${goDuration(limitSeconds)} seconds`;
    case 'canceled':
      return 'canceled';
    case 'system_failure':
      return result.error;
  }
}

function stepOutcome(step: ExecuteResult, timeoutSeconds: number): Outcome {
  switch (step.kind) {
    case 'exited':
      return step.exitCode === 0
        ? { result: { kind: 'success' }, outcome: { status: 'success', exitCode: 0 } }
        : {
            result: { kind: 'script_failure', exitCode: step.exitCode },
            outcome: { status: 'failed', failureReason: 'script_failure', exitCode: step.exitCode },
          };
    case 'timed_out':
      return {
        result: { kind: 'timeout', timeoutSeconds },
        outcome: { status: 'failed', failureReason: 'job_execution_timeout', exitCode: null },
      };
    case 'canceled':
      return canceled();
    case 'system_failure':
      return systemFailure(step.error);
  }
}

function canceled(): Outcome {
  return { result: { kind: 'canceled' }, outcome: { status: 'canceled', exitCode: null } };
}

function systemFailure(error: string): Outcome {
  return {
    result: { kind: 'system_failure', error },
    outcome: { status: 'failed', failureReason: 'runner_system_failure', exitCode: null },
  };
}

function ciJobStatus(ended: Outcome): CiJobStatus {
  return ended.outcome.status;
}

/** The port promises values; a rejection is still turned into a system failure so the trace ends properly. */
async function safeExecute(executor: Executor, request: ExecuteRequest): Promise<ExecuteResult> {
  try {
    return await executor.execute(request);
  } catch (error) {
    return { kind: 'system_failure', error: error instanceof Error ? error.message : String(error) };
  }
}
