import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createChatDelivery } from '../../../src/adapters/chat/chat-delivery-adapter.js';
import { cancelJob } from '../../../src/app/cancel-job.js';
import { deliverDueReplies } from '../../../src/app/deliver-replies.js';
import { createInProcessRunnerProtocol } from '../../../src/app/in-process-runner-protocol.js';
import { reapStaleJobs } from '../../../src/app/reap-stale-jobs.js';
import { recoverAfterRestart } from '../../../src/app/recover-after-restart.js';
import { readReplyContent } from '../../../src/app/reply-content.js';
import { extractReplyText } from '../../../src/domain/chat-reply/extract-reply-text.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { claimedJob, stepScriptTrace } from './finished-job.js';
import { createChatJob, openHarness, type Harness } from './job-harness.js';

let h: Harness;
let slack: FakeSlack;
beforeEach(async () => {
  h = await openHarness({ frozen: true });
  slack = await startFakeSlack({ now: h.clock.now });
});
afterEach(async () => {
  await slack.close();
  await h.close();
});

async function resultText(jobId: number): Promise<string> {
  const reply = (await h.store.replies.listForJob(jobId)).find((r) => r.kind === 'result');
  assert.ok(reply, 'the chat is owed a result');
  const content = readReplyContent(reply.body);
  assert.ok(content);
  return `${content.message.text}\n${content.message.output ?? ''}`;
}

const deliver = () =>
  deliverDueReplies({ store: h.store, delivery: createChatDelivery({ slack: { apiUrl: slack.apiUrl } }), clock: h.clock, workerId: 'w' });

describe('reaping jobs whose runner went silent', () => {
  test('no heartbeat for 60 s: failed with runner_system_failure, trace closed, chat told', async () => {
    const url = slack.createResponseUrl();
    const silent = await claimedJob(h, { chat: { responseUrl: url }, trace: stepScriptTrace('halfway there\npartial', { close: false }) });
    h.clock.advance(30_000);
    const alive = await claimedJob(h, { name: 'alive', script: ['true'] });

    h.clock.advance(31_000);
    const heartbeat = await alive.protocol.heartbeat(alive.job.id);
    assert.deepEqual(heartbeat, { kind: 'alive', cancelRequested: false });
    assert.deepEqual(await reapStaleJobs(h.deps()), [silent.job.id], 'only the silent job is reaped');
    assert.deepEqual(await reapStaleJobs(h.deps()), [], 'reaping twice changes nothing');

    const job = await h.store.pipelines.getJob(silent.job.id);
    assert.equal(job?.status, 'failed');
    assert.equal(job?.failureReason, 'runner_system_failure');
    assert.equal((await h.store.pipelines.getPipeline(silent.pipeline.id))?.status, 'failed');
    const trace = Buffer.from(await h.store.traces.readTrace(silent.job.id));
    assert.match(
      trace.toString('utf8'),
      /partial\nsection_end:\d+:step_script\r\x1b\[0K\x1b\[31;1mERROR: Job failed \(system failure\): no sign of life from its runner for 60 seconds\x1b\[0;m\n$/,
    );
    assert.deepEqual(extractReplyText(trace), { ok: true, section: 'step_script', text: 'halfway there\npartial' });
    assert.match(await resultText(silent.job.id), /failed: its runner had a system failure\.\nhalfway there\npartial/);

    const [sent] = await deliver();
    assert.equal(sent?.result, 'delivered');
    assert.match(slack.messages[0]?.payload.text as string, /system failure/);

    // The runner comes back too late: told to stop, and its report changes nothing.
    assert.deepEqual(await silent.protocol.appendTrace(silent.job.id, trace.length, Buffer.from('late\n')), {
      kind: 'job_not_running',
      status: 'failed',
    });
    assert.equal((await silent.protocol.heartbeat(silent.job.id)).kind, 'gone');
    const late = await silent.protocol.finishJob(silent.job.id, { status: 'success', exitCode: 0, traceBytes: 0 });
    assert.notEqual(late.kind, 'finished');
    assert.equal((await h.store.pipelines.getJob(silent.job.id))?.status, 'failed');
    assert.equal((await h.store.replies.listForJob(silent.job.id)).length, 1);
  });
});

describe('recovery after a restart', () => {
  test('a job left running by the killed server: failed at once, its reply enqueued and delivered', async () => {
    const url = slack.createResponseUrl();
    const orphan = await claimedJob(h, { chat: { responseUrl: url }, trace: stepScriptTrace('deploying…\n', { close: false }) });
    const otherRunner = await h.runner('embedded@other-replica');
    const elsewhere = await createChatJob(h, { name: 'elsewhere', script: ['true'] });
    const remote = createInProcessRunnerProtocol(h.deps());
    assert.equal((await remote.requestJob(otherRunner))?.id, elsewhere.job.id);
    const waiting = await createChatJob(h, { name: 'waiting', script: ['true'] });

    // SIGKILL: the process is gone; a new one opens the same database.
    await h.reopen();
    h.clock.advance(2000);
    const report = await recoverAfterRestart(h.deps(), { runnerIds: [orphan.runner.id] });
    assert.deepEqual(report.failedJobIds, [orphan.job.id]);

    const job = await h.store.pipelines.getJob(orphan.job.id);
    assert.deepEqual([job?.status, job?.failureReason], ['failed', 'runner_system_failure']);
    const trace = Buffer.from(await h.store.traces.readTrace(orphan.job.id)).toString('utf8');
    assert.match(trace, /server stopped while the job was running/);
    assert.equal((await h.store.pipelines.getJob(elsewhere.job.id))?.status, 'running', "another replica's job is left alone");
    assert.equal((await h.store.pipelines.getJob(waiting.job.id))?.status, 'pending', 'pending jobs wait to be claimed again');

    const [sent] = await deliver();
    assert.equal(sent?.result, 'delivered');
    assert.equal(slack.messages.length, 1);
    assert.match(JSON.stringify(slack.messages[0]?.payload), /its runner had a system failure/);
  });

  test('a job finished just before the crash, its reply not yet written: recovery writes it', async () => {
    const { job } = await claimedJob(h, { chat: { responseUrl: slack.createResponseUrl() }, trace: stepScriptTrace('done\n') });
    // The transition was recorded, the process died before the outbox write.
    await h.store.pipelines.transitionJob(job.id, ['running'], 'success', { at: h.clock.now(), exitCode: 0 });
    assert.equal((await h.store.replies.listForJob(job.id)).length, 0);
    await h.reopen();
    const report = await recoverAfterRestart(h.deps(), { runnerIds: [] });
    assert.deepEqual(report.repliesRepaired, [job.id]);
    assert.equal((await h.store.pipelines.getPipeline(job.pipelineId))?.status, 'success', 'the pipeline settles too');
    assert.match(await resultText(job.id), /succeeded/);
    const again = await recoverAfterRestart(h.deps(), { runnerIds: [] });
    assert.deepEqual(again.repliesRepaired, []);
  });

  test('a reply a dead worker was sending is delivered after the restart', async () => {
    const url = slack.createResponseUrl();
    const { job } = await claimedJob(h, { chat: { responseUrl: url }, trace: stepScriptTrace('ok\n') });
    await h.store.pipelines.transitionJob(job.id, ['running'], 'success', { at: h.clock.now(), exitCode: 0 });
    await recoverAfterRestart(h.deps(), { runnerIds: [] });
    await h.store.replies.claimDue(h.clock.now(), 10, 60_000, 'worker-of-the-dead-process');
    await h.reopen();
    h.clock.advance(60_000);
    const [sent] = await deliver();
    assert.equal(sent?.result, 'delivered');
    assert.equal(slack.messages.length, 1);
  });
});

describe('cancel', () => {
  test('pending and manual jobs are canceled at once and their chat is told', async () => {
    const pending = await createChatJob(h, { name: 'queued', script: ['true'] });
    const manual = await createChatJob(h, { name: 'gated', script: ['true'], status: 'manual' });
    for (const { job, pipeline } of [pending, manual]) {
      const result = await cancelJob(h.deps(), job.id);
      assert.equal(result.kind, 'canceled');
      assert.equal((await h.store.pipelines.getJob(job.id))?.status, 'canceled');
      assert.equal((await h.store.pipelines.getPipeline(pipeline.id))?.status, 'canceled');
      assert.match(await resultText(job.id), /was canceled\. No output\./);
    }
    assert.equal((await cancelJob(h.deps(), pending.job.id)).kind, 'already_finished');
    assert.equal((await cancelJob(h.deps(), 999_999)).kind, 'not_found');
  });

  test('a running job gets cancel requested, seen by its runner on the next heartbeat', async () => {
    const { job, protocol } = await claimedJob(h, {});
    assert.equal((await cancelJob(h.deps(), job.id)).kind, 'cancel_requested');
    assert.deepEqual(await protocol.heartbeat(job.id), { kind: 'alive', cancelRequested: true });
    assert.equal((await h.store.replies.listForJob(job.id)).length, 0, 'the chat hears when the runner reports the cancel');
    await protocol.finishJob(job.id, { status: 'canceled', exitCode: null, traceBytes: 0 });
    assert.match(await resultText(job.id), /was canceled/);
  });
});
