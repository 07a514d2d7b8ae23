import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ShellExecutor } from '../../../src/adapters/executor/shell-executor.js';
import { GitCli } from '../../../src/adapters/git/git-cli.js';
import { createChatDelivery } from '../../../src/adapters/chat/chat-delivery-adapter.js';
import { cancelJob } from '../../../src/app/cancel-job.js';
import { startReplyDelivery } from '../../../src/app/deliver-replies.js';
import { createInProcessRunnerProtocol } from '../../../src/app/in-process-runner-protocol.js';
import { readReplyContent } from '../../../src/app/reply-content.js';
import type { JobOutcome, RunnableJob } from '../../../src/domain/job/runnable-job.js';
import { parseTraceSections } from '../../../src/domain/trace/section-parser.js';
import type { RunnerProtocol } from '../../../src/ports/runner-protocol.js';
import { startRunnerLoop, type RunnerLoop } from '../../../src/runner/runner-loop.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { createChatJob, eventually, openHarness, type Harness } from './job-harness.js';

let h: Harness;
let slack: FakeSlack;
before(async () => {
  h = await openHarness();
  slack = await startFakeSlack();
});
after(async () => {
  await slack.close();
  await h.close();
});

interface Appended {
  readonly jobId: number;
  readonly offset: number;
  readonly bytes: Buffer;
}

/** The real in-process protocol, with every append it accepted written down. */
function recordingProtocol(inner: RunnerProtocol, appended: Appended[]): RunnerProtocol {
  return {
    requestJob: (runner) => inner.requestJob(runner),
    heartbeat: (jobId) => inner.heartbeat(jobId),
    finishJob: (jobId, outcome) => inner.finishJob(jobId, outcome),
    async appendTrace(jobId, offset, bytes) {
      const reply = await inner.appendTrace(jobId, offset, bytes);
      if (reply.kind === 'ok') appended.push({ jobId, offset, bytes: Buffer.from(bytes) });
      return reply;
    },
  };
}

interface Loop {
  readonly loop: RunnerLoop;
  readonly appended: Appended[];
  readonly done: Map<number, JobOutcome>;
}

async function startLoop(options: { baseEnv?: Record<string, string | undefined>; notifyReplies?: () => void } = {}): Promise<Loop> {
  const runner = await h.runner();
  const appended: Appended[] = [];
  const done = new Map<number, JobOutcome>();
  const protocol = recordingProtocol(
    createInProcessRunnerProtocol(h.deps(options.notifyReplies === undefined ? {} : { notifyReplies: options.notifyReplies })),
    appended,
  );
  const loop = startRunnerLoop({
    protocol,
    runner,
    concurrency: 2,
    executor: new ShellExecutor({ drainMs: 100 }),
    git: new GitCli({ cacheDir: join(h.dir, 'cache') }),
    workspace: { buildsDir: join(h.dir, 'builds'), cacheDir: join(h.dir, 'cache') },
    baseEnv: options.baseEnv ?? { PATH: process.env.PATH, HOME: h.dir, LANG: 'C.UTF-8' },
    traceLimitBytes: 4 * 1024 * 1024,
    clock: h.clock,
    pollIntervalMs: 5000,
    heartbeatIntervalMs: 100,
    traceFlushIntervalMs: 50,
    cancelGraceMs: 300,
    onJobDone: (job: RunnableJob, outcome: JobOutcome) => void done.set(job.id, outcome),
    onError: (error) => assert.fail(`runner loop error: ${String(error)}`),
  });
  return { loop, appended, done };
}

async function finishedJob(jobId: number, timeoutMs = 8000) {
  return eventually(async () => {
    const job = await h.store.pipelines.getJob(jobId);
    return job && ['success', 'failed', 'canceled'].includes(job.status) ? job : undefined;
  }, timeoutMs, `job ${jobId} to finish`);
}

/** Waits until the stored trace holds `text` (the job's script is running by then). */
async function traceShows(jobId: number, text: string): Promise<void> {
  await eventually(async () => (Buffer.from(await h.store.traces.readTrace(jobId)).includes(text) ? true : undefined));
}

async function resultMessage(jobId: number) {
  const replies = await h.store.replies.listForJob(jobId);
  const result = replies.find((r) => r.kind === 'result');
  assert.ok(result, 'a result reply is enqueued');
  const content = readReplyContent(result.body);
  assert.ok(content, 'the reply body reads back');
  return { reply: result, ...content };
}

describe('runner loop over the in-process protocol', () => {
  test('a pending job is claimed at notify(), runs, and its trace is stored byte-exact at contiguous offsets', async () => {
    const { loop, appended, done } = await startLoop();
    try {
      const { job } = await createChatJob(h, {
        script: ['printf "one\\n"', 'for i in 1 2 3; do echo "line $i"; sleep 0.12; done', "printf '\\xff\\xfe\\x00raw\\n'"],
      });
      loop.notify();
      const finished = await finishedJob(job.id);
      assert.equal(finished.status, 'success');
      assert.equal(finished.exitCode, 0);
      const stored = Buffer.from(await h.store.traces.readTrace(job.id));
      const mine = appended.filter((a) => a.jobId === job.id).sort((a, b) => a.offset - b.offset);
      assert.ok(mine.length >= 2, `the trace went up in several chunks (got ${mine.length})`);
      let next = 0;
      for (const chunk of mine) {
        assert.equal(chunk.offset, next, 'each chunk starts where the previous one ended');
        next += chunk.bytes.length;
      }
      assert.deepEqual(stored, Buffer.concat(mine.map((c) => c.bytes)));
      assert.equal(stored.length, done.get(job.id)?.traceBytes, 'the server holds every byte the job produced');
      assert.equal(finished.traceSize, stored.length);
      assert.ok(stored.includes(Buffer.from([0xff, 0xfe, 0x00, 0x72, 0x61, 0x77])), 'raw bytes survive');
      assert.deepEqual(parseTraceSections(stored).map((s) => s.name), ['prepare_script', 'get_sources', 'step_script']);
      assert.match(stored.toString('latin1'), /Job succeeded\x1b\[0;m\n$/);
      const pipeline = await h.store.pipelines.getPipeline(finished.pipelineId);
      assert.equal(pipeline?.status, 'success');
    } finally {
      await loop.stop({ drain: true });
    }
  });

  test('`echo "Hello World."` replies `Hello World.` at the Slack response_url, mentioning who ran it', async () => {
    const delivery = { worker: undefined as ReturnType<typeof startReplyDelivery> | undefined };
    const { loop } = await startLoop({ notifyReplies: () => delivery.worker?.notify() });
    delivery.worker = startReplyDelivery({
      store: h.store,
      delivery: createChatDelivery({ slack: { apiUrl: slack.apiUrl } }),
      clock: h.clock,
      workerId: 'test-worker',
      pollIntervalMs: 5000,
    });
    try {
      const responseUrl = slack.createResponseUrl();
      const { job } = await createChatJob(h, { script: ['echo "Hello World."'], chat: { responseUrl } });
      loop.notify();
      const request = await slack.waitFor((r) => responseUrl.endsWith(r.path), 8000);
      const payload = JSON.parse(request.body) as { response_type: string; blocks: { text?: { text: string } }[] };
      assert.equal(payload.response_type, 'in_channel');
      const texts = payload.blocks.map((b) => b.text?.text ?? '').join('\n');
      assert.match(texts, /<@U0001> `hello` \(job <http:\/\/chatrun\.test\/ops\/infra\/-\/jobs\/\d+\|#\d+>\) succeeded/);
      assert.match(texts, /```\nHello World\.\n```/);
      const { reply } = await resultMessage(job.id);
      const stored = await eventually(async () => {
        const r = await h.store.replies.get(reply.id);
        return r?.state === 'delivered' ? r : undefined;
      });
      assert.equal(stored.responseUrlPosts, 1);
    } finally {
      await loop.stop({ drain: true });
      await delivery.worker.stop();
    }
  });

  test('failure and timeout: the reply says which, with exit code and the last lines', async () => {
    const { loop } = await startLoop();
    try {
      const failing = await createChatJob(h, { name: 'broken', script: ['echo "about to fail"', 'exit 3'] });
      const slow = await createChatJob(h, { name: 'slow', script: ['echo started', 'sleep 10'], timeoutSeconds: 1 });
      loop.notify();
      const failed = await finishedJob(failing.job.id);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.failureReason, 'script_failure');
      assert.equal(failed.exitCode, 3);
      const failure = await resultMessage(failing.job.id);
      assert.equal(failure.message.tone, 'failure');
      assert.match(failure.message.text, /`broken` .* failed with exit code 3\./);
      assert.match(failure.message.output ?? '', /about to fail/);

      const timedOut = await finishedJob(slow.job.id);
      assert.equal(timedOut.status, 'failed');
      assert.equal(timedOut.failureReason, 'job_execution_timeout');
      const timeout = await resultMessage(slow.job.id);
      assert.match(timeout.message.text, /timed out after 1s\./);
      assert.equal((await h.store.pipelines.getPipeline(slow.pipeline.id))?.status, 'failed');
    } finally {
      await loop.stop({ drain: true });
    }
  });

  test('cancel: a running job is aborted at its next heartbeat and its chat told it was canceled', async () => {
    const { loop } = await startLoop();
    try {
      const { job } = await createChatJob(h, { name: 'long', script: ['echo working', 'sleep 20'] });
      loop.notify();
      await traceShows(job.id, 'working\n');
      const started = Date.now();
      const requested = await cancelJob(h.deps(), job.id);
      assert.equal(requested.kind, 'cancel_requested');
      const canceled = await finishedJob(job.id);
      assert.ok(Date.now() - started < 3000, 'the cancel took effect within a few heartbeats');
      assert.equal(canceled.status, 'canceled');
      assert.equal(canceled.failureReason, null);
      const { message } = await resultMessage(job.id);
      assert.equal(message.tone, 'warning');
      assert.match(message.text, /`long` .* was canceled after/);
      assert.match(message.output ?? '', /working/);
    } finally {
      await loop.stop({ drain: true });
    }
  });

  test('masked project variables reach the job, are stored by name only, and are [MASKED] in trace and reply', async () => {
    const secret = 's3cr3t-deploy-value';
    h.variables['ops/infra'] = { DEPLOY_TOKEN: { value: secret, masked: true } };
    const { loop } = await startLoop();
    try {
      const { job } = await createChatJob(h, {
        name: 'deploy',
        script: ['test "$DEPLOY_TOKEN" = "$(printf "s3cr3t-%s-value" deploy)" && echo "token is $DEPLOY_TOKEN"'],
        variables: [{ key: 'DEPLOY_TOKEN', value: secret, masked: true }],
      });
      assert.ok(!JSON.stringify(job.payload).includes(secret), 'the payload at rest holds no secret');
      loop.notify();
      const finished = await finishedJob(job.id);
      assert.equal(finished.status, 'success', 'the job saw the real value');
      const trace = Buffer.from(await h.store.traces.readTrace(job.id)).toString('utf8');
      assert.ok(!trace.includes(secret));
      assert.match(trace, /token is \[MASKED\]/);
      const { message } = await resultMessage(job.id);
      assert.equal(message.output, 'token is [MASKED]');
    } finally {
      delete h.variables['ops/infra'];
      await loop.stop({ drain: true });
    }
  });

  test('the job environment is clean: a secret in the server environment does not reach it', async () => {
    process.env.CHATRUN_TEST_SERVER_SECRET = 'xoxb-server-secret-never-in-jobs';
    const { loop } = await startLoop({ baseEnv: process.env });
    try {
      const { job } = await createChatJob(h, { name: 'env', script: ['env | sort'] });
      loop.notify();
      await finishedJob(job.id);
      const trace = Buffer.from(await h.store.traces.readTrace(job.id)).toString('utf8');
      assert.ok(!trace.includes('xoxb-server-secret-never-in-jobs'), 'the server secret stays out');
      assert.ok(!trace.includes('CHATRUN_TEST_SERVER_SECRET'));
      assert.match(trace, /^PATH=/m, 'PATH is passed');
      assert.match(trace, /^CI_JOB_ID=\d+$/m, 'the claim filled in the job id');
      assert.match(trace, /^CI_JOB_URL=http:\/\/chatrun\.test\/ops\/infra\/-\/jobs\/\d+$/m);
    } finally {
      delete process.env.CHATRUN_TEST_SERVER_SECRET;
      await loop.stop({ drain: true });
    }
  });

  test('stop({ drain: true }) lets a running job finish; stop({ drain: false }) cancels it and reports it', async () => {
    const drained = await startLoop();
    const { job: quick } = await createChatJob(h, { name: 'quick', script: ['sleep 0.4', 'echo done'] });
    drained.loop.notify();
    await eventually(async () => (drained.loop.activeJobIds.includes(quick.id) ? true : undefined));
    await drained.loop.stop({ drain: true });
    assert.equal((await h.store.pipelines.getJob(quick.id))?.status, 'success');

    const canceled = await startLoop();
    const { job: long } = await createChatJob(h, { name: 'forever', script: ['echo begun', 'sleep 30'] });
    canceled.loop.notify();
    await traceShows(long.id, 'begun\n');
    const started = Date.now();
    await canceled.loop.stop({ drain: false });
    assert.ok(Date.now() - started < 3000, 'stopping did not wait for the job');
    const record = await h.store.pipelines.getJob(long.id);
    assert.equal(record?.status, 'canceled', 'handed back as canceled, not left running');
    const { message } = await resultMessage(long.id);
    assert.match(message.text, /was canceled/);
  });
});
