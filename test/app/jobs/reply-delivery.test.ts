import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createChatDelivery, type ChatDeliverySettings } from '../../../src/adapters/chat/chat-delivery-adapter.js';
import { deliverDueReplies, type ReplyDeliveryOptions } from '../../../src/app/deliver-replies.js';
import { finishJob } from '../../../src/app/finish-job.js';
import { encodeReplyContent, replyTargetFor } from '../../../src/app/reply-content.js';
import { startFakeMattermost, type FakeMattermost } from '../../support/fake-mattermost.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { finishedChatJob } from './finished-job.js';
import { openHarness, type Harness } from './job-harness.js';

const MINUTE = 60_000;

let h: Harness;
let slack: FakeSlack;
let mattermost: FakeMattermost;
beforeEach(async () => {
  h = await openHarness({ frozen: true });
  slack = await startFakeSlack({ now: h.clock.now });
  mattermost = await startFakeMattermost({ now: h.clock.now });
});
afterEach(async () => {
  await slack.close();
  await mattermost.close();
  await h.close();
});

function worker(id: string, settings: ChatDeliverySettings = { slack: { apiUrl: slack.apiUrl } }): ReplyDeliveryOptions {
  return {
    store: h.store,
    delivery: createChatDelivery(settings),
    clock: h.clock,
    workerId: id,
    // No jitter: the delay is half the step (1 s → 500 ms, then 1 s, …).
    backoff: { baseMs: 1000, random: () => 0 },
  };
}

const withToken = (): ChatDeliverySettings => ({ slack: { apiUrl: slack.apiUrl, botToken: slack.botToken } });
const posts = (url: string) => slack.requests.filter((r) => url.endsWith(r.path));

async function resultReply(jobId: number) {
  const [reply] = (await h.store.replies.listForJob(jobId)).filter((r) => r.kind === 'result');
  assert.ok(reply, 'a result reply exists');
  return reply;
}

describe('reply delivery', () => {
  test('the response_url answers 500 twice, then 200: retried with backoff and delivered once', async () => {
    const url = slack.createResponseUrl();
    slack.failNext(2, 500, { path: '/commands/' });
    const { job } = await finishedChatJob(h, { chat: { responseUrl: url } });
    const w = worker('w1');

    const [first] = await deliverDueReplies(w);
    assert.equal(first?.result, 'retry');
    assert.equal(first?.nextAttemptAt, h.clock.now() + 500);
    assert.deepEqual(await deliverDueReplies(w), [], 'not due again before its backoff');
    h.clock.advance(500);
    const [second] = await deliverDueReplies(w);
    assert.equal(second?.result, 'retry');
    h.clock.advance(1000);
    const [third] = await deliverDueReplies(w);
    assert.deepEqual([third?.result, third?.route], ['delivered', 'response_url']);

    h.clock.advance(10 * MINUTE);
    assert.deepEqual(await deliverDueReplies(w), []);
    assert.equal(posts(url).length, 3);
    assert.equal(slack.messages.length, 1, 'Slack shows it once');
    const reply = await resultReply(job.id);
    assert.equal(reply.state, 'delivered');
    assert.equal(reply.attempts, 3);
    assert.equal(reply.responseUrlPosts, 1);
  });

  test('429 with Retry-After: the next attempt waits as long as Slack asked', async () => {
    const url = slack.createResponseUrl();
    slack.rateLimitNext(1, 7, { path: '/commands/' });
    await finishedChatJob(h, { chat: { responseUrl: url } });
    const w = worker('w1');
    const before = h.clock.now();
    const [limited] = await deliverDueReplies(w);
    assert.equal(limited?.result, 'retry');
    assert.ok((limited?.nextAttemptAt ?? 0) >= before + 7000, 'not sooner than Retry-After');
    h.clock.advance(6500);
    assert.deepEqual(await deliverDueReplies(w), []);
    h.clock.advance(1000);
    const [sent] = await deliverDueReplies(w);
    assert.equal(sent?.result, 'delivered');
    assert.equal(slack.messages.length, 1);
  });

  test('response_url down past its 30 minutes: falls back to chat.postMessage in the thread with a bot token', async () => {
    const url = slack.createResponseUrl();
    slack.failNext(1000, 503, { path: '/commands/' });
    const { job } = await finishedChatJob(h, { chat: { responseUrl: url, thread: '1700000000.000100' } });
    const w = worker('w1', withToken());
    assert.equal((await deliverDueReplies(w))[0]?.result, 'retry');
    h.clock.advance(31 * MINUTE);
    const [fallback] = await deliverDueReplies(w);
    assert.deepEqual([fallback?.result, fallback?.route], ['delivered', 'platform_api']);
    const [message] = slack.messages;
    assert.equal(message?.via, 'chat.postMessage');
    assert.equal(message?.channel, 'C0123');
    assert.equal(message?.threadTs, '1700000000.000100');
    assert.match(JSON.stringify(message?.payload), /Hello World\./);
    const reply = await resultReply(job.id);
    assert.equal(reply.state, 'delivered');
    assert.equal(reply.responseUrlPosts, 0);
  });

  test('response_url down past its 30 minutes and no bot token: the reply is marked expired and kept', async () => {
    const url = slack.createResponseUrl();
    slack.failNext(1000, 503, { path: '/commands/' });
    const { job } = await finishedChatJob(h, { chat: { responseUrl: url } });
    const w = worker('w1');
    await deliverDueReplies(w);
    h.clock.advance(31 * MINUTE);
    const [expired] = await deliverDueReplies(w);
    assert.equal(expired?.result, 'expired');
    const reply = await resultReply(job.id);
    assert.equal(reply.state, 'expired');
    assert.match(reply.lastError ?? '', /no bot token/);
    assert.equal(slack.messages.length, 0);
    h.clock.advance(60 * MINUTE);
    assert.deepEqual(await deliverDueReplies(w), [], 'an expired reply is not tried again');
  });

  test('at most 5 posts per command go to the response_url; the 6th reply goes through the API', async () => {
    const url = slack.createResponseUrl();
    const { job, pipeline } = await finishedChatJob(h, { chat: { responseUrl: url } });
    assert.ok(pipeline.chat);
    // Five more replies for the same command, queued after the result.
    for (let i = 1; i <= 5; i++) {
      await h.store.replies.enqueue(
        {
          pipelineId: pipeline.id,
          jobId: job.id,
          kind: 'progress',
          platform: 'slack',
          target: replyTargetFor(pipeline.chat),
          body: encodeReplyContent({ message: { visibility: 'in_channel', tone: 'neutral', text: `progress ${i}` } }),
          dedupeKey: `progress:${job.id}:${i}`,
          expiresAt: pipeline.createdAt + 30 * MINUTE,
        },
        h.clock.now(),
      );
    }
    const w = worker('w1', withToken());
    const reports = [];
    for (let round = 0; round < 10; round++) reports.push(...(await deliverDueReplies(w)));
    assert.deepEqual(
      reports.map((r) => `${r.result}:${r.route}`),
      [...Array(5).fill('delivered:response_url'), 'delivered:platform_api'],
    );
    assert.equal(posts(url).length, 5, 'the sixth post never went to the response_url');
    assert.equal(await h.store.replies.responseUrlPostsForPipeline(pipeline.id), 5);
    assert.match(JSON.stringify(slack.messages.at(-1)?.payload), /progress 5/);
  });

  test('finishJob called twice enqueues one result, delivered once', async () => {
    const url = slack.createResponseUrl();
    const { job, protocol } = await finishedChatJob(h, { chat: { responseUrl: url } });
    const again = await protocol.finishJob(job.id, { status: 'failed', failureReason: 'script_failure', exitCode: 1, traceBytes: 0 });
    assert.deepEqual(again, { kind: 'already_finished', status: 'success' });
    const direct = await finishJob(h.deps(), { jobId: job.id, outcome: { status: 'success', exitCode: 0 } });
    assert.equal(direct.kind, 'already_finished');
    assert.equal((await h.store.replies.listForJob(job.id)).length, 1);
    const w = worker('w1');
    await deliverDueReplies(w);
    h.clock.advance(MINUTE);
    await deliverDueReplies(w);
    assert.equal(slack.messages.length, 1);
    assert.equal(h.finished.filter((j) => j.id === job.id).length, 1, 'the duration metric saw it once');
  });

  test('two workers at once never send the same reply twice', async () => {
    const urls: string[] = [];
    for (let i = 0; i < 6; i++) {
      urls.push(slack.createResponseUrl());
      await finishedChatJob(h, { chat: { responseUrl: urls[i] ?? null }, output: `output ${i}\n` });
    }
    const reports = await Promise.all([
      deliverDueReplies({ ...worker('w1'), batch: 3 }),
      deliverDueReplies({ ...worker('w2'), batch: 3 }),
      deliverDueReplies({ ...worker('w3'), batch: 3 }),
    ]);
    const delivered = reports.flat().filter((r) => r.result === 'delivered').map((r) => r.replyId);
    assert.equal(delivered.length, 6);
    assert.equal(new Set(delivered).size, 6);
    assert.deepEqual(await deliverDueReplies(worker('w1')), []);
    assert.equal(slack.messages.length, 6);
    for (const url of urls) assert.equal(posts(url).length, 1);
  });

  test('a worker that died mid-send: its lease runs out and another worker delivers (once more at most)', async () => {
    const url = slack.createResponseUrl();
    const { job } = await finishedChatJob(h, { chat: { responseUrl: url } });
    const [taken] = await h.store.replies.claimDue(h.clock.now(), 10, 60_000, 'dead-worker');
    assert.equal(taken?.jobId, job.id);
    assert.deepEqual(await deliverDueReplies(worker('w2')), [], 'leased to the dead worker');
    h.clock.advance(60_000);
    const [sent] = await deliverDueReplies(worker('w2'));
    assert.equal(sent?.result, 'delivered');
    assert.equal(await h.store.replies.markDelivered(taken.id, 'dead-worker', h.clock.now(), true), false);
    assert.equal(slack.messages.length, 1);
  });

  test('Mattermost: past the response_url window, the bot posts under the command root post', async () => {
    const url = mattermost.createResponseUrl();
    const { job } = await finishedChatJob(h, {
      chat: { platform: 'mattermost', responseUrl: url, channelId: 'chan1', thread: 'rootpost1', chatUserId: 'abc123' },
    });
    h.clock.advance(31 * MINUTE);
    const [sent] = await deliverDueReplies(worker('w1', { mattermost: { botToken: mattermost.botToken } }));
    assert.deepEqual([sent?.result, sent?.route], ['delivered', 'platform_api']);
    const [post] = mattermost.posts;
    assert.deepEqual([post?.via, post?.channelId, post?.rootId], ['api', 'chan1', 'rootpost1']);
    assert.match(post?.message ?? '', /@alice .*`hello`.* succeeded/);
    assert.equal((await resultReply(job.id)).state, 'delivered');
  });

  test('long output: truncated in the message, the whole output attached as a file where a bot token exists', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const output = `${lines.join('\n')}\n`;
    await finishedChatJob(h, { chat: { responseUrl: slack.createResponseUrl() }, output });
    const [sent] = await deliverDueReplies(worker('w1', withToken()));
    assert.equal(sent?.result, 'delivered');
    const [message] = slack.messages;
    assert.match(JSON.stringify(message?.payload), /Output truncated/);
    const [file] = [...slack.files.values()];
    assert.equal(file?.content, lines.join('\n'));
    assert.ok(slack.messages.some((m) => m.via === 'files.completeUploadExternal' && m.channel === 'C0123'));

    await finishedChatJob(h, {
      chat: { platform: 'mattermost', responseUrl: mattermost.createResponseUrl(), channelId: 'chan1' },
      output: `${Array.from({ length: 900 }, (_, i) => `row ${i} ${'y'.repeat(30)}`).join('\n')}\n`,
    });
    const [mm] = await deliverDueReplies(worker('w1', { mattermost: { botToken: mattermost.botToken } }));
    assert.deepEqual([mm?.result, mm?.route], ['delivered', 'response_url']);
    const [mmFile] = [...mattermost.files.values()];
    assert.match(mmFile?.content ?? '', /^row 0 y+\n[\s\S]*row 899 y+$/);
    assert.ok(mattermost.posts.some((p) => p.via === 'api' && (p.fileIds?.length ?? 0) === 1));
  });

  test('web console replies are stored and marked delivered without any HTTP', async () => {
    const { job } = await finishedChatJob(h, { chat: { platform: 'web', responseUrl: null, channelId: null } });
    const [sent] = await deliverDueReplies(worker('w1', withToken()));
    assert.deepEqual([sent?.result, sent?.route], ['delivered', 'none']);
    assert.equal((await resultReply(job.id)).state, 'delivered');
    assert.equal(slack.requests.length + mattermost.requests.length, 0);
  });
});
