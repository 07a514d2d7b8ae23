/**
 * Jobs finished through the real protocol without running bash, for the
 * delivery and reaping tests: claim → append a runner-shaped trace →
 * finish. The trace holds a `step_script` section with one `$ cmd` line,
 * so the reply text is exactly `output`.
 */
import assert from 'node:assert/strict';
import { createInProcessRunnerProtocol } from '../../../src/app/in-process-runner-protocol.js';
import type { JobDependencies } from '../../../src/app/job-dependencies.js';
import type { JobOutcome } from '../../../src/domain/job/runnable-job.js';
import type { RunnerIdentity, RunnerProtocol } from '../../../src/ports/runner-protocol.js';
import type { JobRecord, PipelineRecord } from '../../../src/ports/store/pipeline-record.js';
import { createChatJob, type ChatJobOptions, type Harness } from './job-harness.js';

export function stepScriptTrace(output: string, options: { readonly close?: boolean } = {}): Buffer {
  const opened =
    'section_start:1700000000:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\n\x1b[0;m' +
    `\x1b[32;1m$ ./run.sh\x1b[0;m\n${output}`;
  if (options.close === false) return Buffer.from(opened, 'utf8');
  return Buffer.from(`${opened}section_end:1700000001:step_script\r\x1b[0K`, 'utf8');
}

export interface ClaimedJob {
  readonly protocol: RunnerProtocol;
  readonly runner: RunnerIdentity;
  readonly job: JobRecord;
  readonly pipeline: PipelineRecord;
}

/** A chat job claimed by a runner (now `running`), with `trace` appended. */
export async function claimedJob(
  h: Harness,
  options: Partial<ChatJobOptions> & { readonly trace?: Buffer; readonly deps?: Partial<JobDependencies> },
): Promise<ClaimedJob> {
  const { pipeline, job } = await createChatJob(h, { script: ['./run.sh'], ...options });
  const protocol = createInProcessRunnerProtocol(h.deps(options.deps));
  const runner = await h.runner();
  // Earlier tests may have left pending jobs: claim until ours comes up.
  for (;;) {
    const claimed = await protocol.requestJob(runner);
    assert.ok(claimed, `job ${job.id} was not claimable`);
    if (claimed.id === job.id) break;
  }
  if (options.trace !== undefined) {
    const appended = await protocol.appendTrace(job.id, 0, options.trace);
    assert.equal(appended.kind, 'ok');
  }
  return { protocol, runner, job, pipeline };
}

/** A chat job run to `outcome` with a trace whose reply text is `output`. */
export async function finishedChatJob(
  h: Harness,
  options: Partial<ChatJobOptions> & {
    readonly output?: string;
    readonly outcome?: Partial<JobOutcome>;
    readonly deps?: Partial<JobDependencies>;
  } = {},
): Promise<ClaimedJob> {
  const trace = stepScriptTrace(options.output ?? 'Hello World.\n');
  const claimed = await claimedJob(h, { ...options, trace });
  const finished = await claimed.protocol.finishJob(claimed.job.id, {
    status: 'success',
    exitCode: 0,
    traceBytes: trace.length,
    ...options.outcome,
  });
  assert.equal(finished.kind, 'finished');
  return claimed;
}
