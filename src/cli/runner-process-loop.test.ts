import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createInProcessRunnerProtocol } from '../app/in-process-runner-protocol.js';
import type { JobOutcome } from '../domain/job/runnable-job.js';
import type { RunnerLoop } from '../runner/runner-loop.js';
import { createChatJob, eventually, openHarness, type Harness } from '../../test/app/jobs/job-harness.js';
import { startRunnerProcessLoop } from './runner-process-loop.js';

let h: Harness;
before(async () => {
  h = await openHarness();
});
after(() => h.close());

async function startLoop(done: Map<number, JobOutcome>, errors: string[]): Promise<RunnerLoop> {
  return startRunnerProcessLoop({
    protocol: createInProcessRunnerProtocol(h.deps()),
    runner: await h.runner(),
    concurrency: 2,
    workspace: { buildsDir: join(h.dir, 'builds'), cacheDir: join(h.dir, 'cache') },
    baseEnv: { PATH: process.env.PATH, HOME: h.dir, CHATRUN_SERVER_SECRET: 'must not reach jobs' },
    traceLimitBytes: 1024 * 1024,
    pollIntervalMs: 100,
    heartbeatIntervalMs: 100,
    cancelGraceMs: 200,
    onJobDone: (job, outcome) => void done.set(job.id, outcome),
    onError: (error, context) => void errors.push(`${context.during}: ${error.message}`),
  });
}

const traceOf = async (jobId: number): Promise<string> => Buffer.from(await h.store.traces.readTrace(jobId)).toString('utf8');

describe('the embedded runner in its own process', () => {
  test('runs queued jobs from a process that is not the server, with the trace, outcome and clean environment as ever', async () => {
    const done = new Map<number, JobOutcome>();
    const errors: string[] = [];
    const loop = await startLoop(done, errors);
    try {
      const { job } = await createChatJob(h, { script: ['echo "parent=$PPID"', 'echo "secret=${CHATRUN_SERVER_SECRET:-none}"', 'exit 3'] });
      loop.notify();
      const outcome = await eventually(async () => done.get(job.id), 10_000, 'the job to be done');
      assert.deepEqual(outcome, { status: 'failed', failureReason: 'script_failure', exitCode: 3, traceBytes: outcome.traceBytes });
      const stored = await h.store.pipelines.getJob(job.id);
      assert.equal(stored?.status, 'failed');
      assert.equal(stored?.exitCode, 3);
      const trace = await traceOf(job.id);
      const parent = Number(/parent=(\d+)/.exec(trace)?.[1]);
      assert.ok(parent > 0 && parent !== process.pid, `the job's shell was started by the runner process (${parent}), not the server (${process.pid})`);
      assert.match(trace, /secret=none/);
      assert.deepEqual(errors, []);
    } finally {
      await loop.stop();
    }
    assert.deepEqual(loop.activeJobIds, []);
    assert.equal(await loop.stop().then(() => 'resolved'), 'resolved', 'stopping again resolves at once');
  });

  test('activeJobIds follows the running jobs; stop({ drain: false }) cancels them and resolves once they are reported', async () => {
    const done = new Map<number, JobOutcome>();
    const errors: string[] = [];
    const loop = await startLoop(done, errors);
    const { job } = await createChatJob(h, { script: ['echo started', 'sleep 30'] });
    loop.notify();
    await eventually(async () => (loop.activeJobIds.includes(job.id) ? true : undefined), 10_000, 'the job to be reported running');
    await eventually(async () => ((await traceOf(job.id)).includes('started') ? true : undefined), 10_000, 'the script to start');
    const started = Date.now();
    await loop.stop({ drain: false });
    assert.ok(Date.now() - started < 5000, 'cancelled within the grace period, not after sleep 30');
    assert.equal((await h.store.pipelines.getJob(job.id))?.status, 'canceled');
    assert.equal(done.get(job.id)?.status, 'canceled');
    assert.deepEqual(loop.activeJobIds, []);
    assert.deepEqual(errors, []);
  });
});
