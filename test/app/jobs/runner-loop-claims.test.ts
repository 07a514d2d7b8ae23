import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ShellExecutor } from '../../../src/adapters/executor/shell-executor.js';
import { GitCli } from '../../../src/adapters/git/git-cli.js';
import { createInProcessRunnerProtocol } from '../../../src/app/in-process-runner-protocol.js';
import type { RunnerProtocol } from '../../../src/ports/runner-protocol.js';
import { startRunnerLoop, type RunnerLoop } from '../../../src/runner/runner-loop.js';
import { createChatJob, eventually, openHarness, type Harness } from './job-harness.js';

let h: Harness;
before(async () => {
  h = await openHarness();
});
after(() => h.close());

/** The real in-process protocol, counting the claims answered and how many of them found a job. */
function countingProtocol(inner: RunnerProtocol): RunnerProtocol & { claims: number; found: number } {
  const counting = {
    claims: 0,
    found: 0,
    async requestJob(runner: Parameters<RunnerProtocol['requestJob']>[0]) {
      const job = await inner.requestJob(runner);
      counting.claims += 1;
      if (job !== undefined) counting.found += 1;
      return job;
    },
    appendTrace: inner.appendTrace.bind(inner),
    heartbeat: inner.heartbeat.bind(inner),
    finishJob: inner.finishJob.bind(inner),
  };
  return counting;
}

async function startLoop(protocol: RunnerProtocol, pollIntervalMs: number, concurrency: number): Promise<RunnerLoop> {
  return startRunnerLoop({
    protocol,
    runner: await h.runner(),
    concurrency,
    executor: new ShellExecutor({ drainMs: 100 }),
    git: new GitCli({ cacheDir: join(h.dir, 'cache') }),
    workspace: { buildsDir: join(h.dir, 'builds'), cacheDir: join(h.dir, 'cache') },
    baseEnv: { PATH: process.env.PATH, HOME: h.dir },
    traceLimitBytes: 1024 * 1024,
    clock: h.clock,
    pollIntervalMs,
    heartbeatIntervalMs: 100,
    traceFlushIntervalMs: 50,
    onError: (error) => assert.fail(`runner loop error: ${String(error)}`),
  });
}

const finished = (jobId: number) =>
  eventually(async () => {
    const job = await h.store.pipelines.getJob(jobId);
    return job !== undefined && job.status !== 'pending' && job.status !== 'running' ? job : undefined;
  }, 8000, `job ${jobId} to finish`);

describe('runner loop: when it claims', () => {
  test('once a claim found the queue empty, a job ending claims nothing until notify() says a job was queued', async () => {
    const protocol = countingProtocol(createInProcessRunnerProtocol(h.deps()));
    const loop = await startLoop(protocol, 60_000, 2);
    try {
      await eventually(async () => (protocol.claims === 1 ? true : undefined), 2000, 'the first claim (queue empty)');
      const { job: first } = await createChatJob(h, { script: ['sleep 0.3', 'echo one'] });
      loop.notify();
      // The notify's round claims the job, then finds the queue empty for the second slot.
      await eventually(async () => (protocol.claims === 3 ? true : undefined), 2000, 'the claims after notify()');
      assert.equal(protocol.found, 1);
      assert.equal((await finished(first.id)).status, 'success');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(protocol.claims, 3, 'the job ending did not claim: nothing was announced since the queue was found empty');

      const { job: second } = await createChatJob(h, { script: ['echo two'] });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await h.store.pipelines.getJob(second.id))?.status, 'pending', 'no claim without a notify or a poll');
      loop.notify();
      assert.equal((await finished(second.id)).status, 'success');
      assert.equal(protocol.found, 2);
    } finally {
      await loop.stop();
    }
  });

  test('a slot freed while notify() had announced more work than there was room for claims at once', async () => {
    const protocol = countingProtocol(createInProcessRunnerProtocol(h.deps()));
    const loop = await startLoop(protocol, 60_000, 1);
    try {
      await eventually(async () => (protocol.claims === 1 ? true : undefined), 2000, 'the first claim (queue empty)');
      const { job: first } = await createChatJob(h, { script: ['sleep 0.2', 'echo one'] });
      const { job: second } = await createChatJob(h, { script: ['echo two'] });
      loop.notify();
      assert.equal((await finished(first.id)).status, 'success');
      assert.equal((await finished(second.id)).status, 'success', 'claimed when the first job freed the only slot');
    } finally {
      await loop.stop();
    }
  });

  test('a job queued without notify() is still claimed at the next poll', async () => {
    const protocol = countingProtocol(createInProcessRunnerProtocol(h.deps()));
    const loop = await startLoop(protocol, 150, 1);
    try {
      await eventually(async () => (protocol.claims >= 1 ? true : undefined));
      const { job } = await createChatJob(h, { script: ['echo polled'] });
      assert.equal((await finished(job.id)).status, 'success');
      assert.equal(protocol.found, 1);
    } finally {
      await loop.stop();
    }
  });
});
