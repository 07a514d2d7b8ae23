import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewReply, ReplyRecord } from '../../src/ports/store/reply-outbox.js';
import type { Store } from '../../src/ports/store/store.js';
import { aPipeline, unique } from './store-fixtures.js';
import { describeEachStore } from './store-variants.js';

function aReply(overrides: Partial<NewReply> = {}): NewReply {
  return {
    kind: 'result',
    platform: 'slack',
    target: { responseUrl: 'https://hooks.example/x', channelId: 'C1', thread: null },
    body: { text: 'Hello World.', lines: ['a', 'b'] },
    dedupeKey: unique('result'),
    ...overrides,
  };
}

/**
 * Settles every reply still due at `now` (leftovers of earlier tests in
 * this file share the table), so a test can count exactly its own.
 */
async function settleAll(store: Store, now: number): Promise<void> {
  for (;;) {
    const claimed = await store.replies.claimDue(now, 100, 1000, 'sweeper');
    if (claimed.length === 0) return;
    for (const r of claimed) await store.replies.markFailed(r.id, 'sweeper', now, 'test sweep');
  }
}

describeEachStore('ReplyOutbox', (sut) => {
  test('enqueue is idempotent on the dedupe key', async () => {
    const { replies } = sut().store;
    const { pipeline, jobs } = await aPipeline(sut().store);
    const reply = aReply({ jobId: jobs[0]?.id ?? null, pipelineId: pipeline.id, expiresAt: 1_800_000 });
    const first = await replies.enqueue(reply, 100);
    assert.equal(first.kind, 'enqueued');
    assert.deepEqual(
      [first.reply.state, first.reply.attempts, first.reply.nextAttemptAt, first.reply.expiresAt, first.reply.body],
      ['pending', 0, 100, 1_800_000, reply.body],
    );
    const second = await replies.enqueue({ ...reply, body: 'other body' }, 200);
    assert.deepEqual(second, { kind: 'duplicate', reply: first.reply });
    const concurrent = await Promise.all([1, 2, 3].map(() => replies.enqueue(aReply({ dedupeKey: 'same-key-' + reply.dedupeKey }), 300)));
    assert.equal(concurrent.filter((r) => r.kind === 'enqueued').length, 1);
    assert.deepEqual((await replies.listForJob(jobs[0]?.id ?? 0)).map((r) => r.id), [first.reply.id]);
  });

  test('two workers claiming at once get disjoint sets, and each claim is an attempt under a lease', async () => {
    const { store } = sut();
    await settleAll(store, 10_000);
    const ids = new Set<number>();
    for (let i = 0; i < 12; i++) ids.add((await store.replies.enqueue(aReply(), 10_000)).reply.id);
    const [a, b] = await Promise.all([
      store.replies.claimDue(10_000, 8, 30_000, 'worker-a'),
      store.replies.claimDue(10_000, 8, 30_000, 'worker-b'),
    ]);
    const aIds = a.map((r) => r.id);
    const bIds = b.map((r) => r.id);
    assert.equal(aIds.filter((id) => bIds.includes(id)).length, 0, 'no reply leased twice');
    assert.deepEqual(new Set([...aIds, ...bIds]), ids, 'together they took all due replies');
    for (const r of a) assert.deepEqual([r.state, r.lockedBy, r.lockedUntil, r.attempts], ['delivering', 'worker-a', 40_000, 1]);
    // Leased replies are not due for anyone while the lease runs.
    assert.deepEqual(await store.replies.claimDue(20_000, 100, 30_000, 'worker-c'), []);
    for (const r of [...a, ...b]) await store.replies.markDelivered(r.id, r.lockedBy ?? '', 20_000, false);
  });

  test('on PostgreSQL, two replicas claiming at once get disjoint sets', async (t) => {
    const { store, openReplica } = sut();
    const replica = openReplica();
    if (replica === undefined) return t.skip('one SQLite handle per process: covered by the test above');
    await settleAll(store, 50_000);
    for (let i = 0; i < 30; i++) await store.replies.enqueue(aReply(), 50_000);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? replica : store).replies.claimDue(50_000, 10, 30_000, `w${i}`)),
    );
    const all = claims.flat().map((r) => r.id);
    assert.equal(all.length, 30);
    assert.equal(new Set(all).size, 30);
    await settleAll(store, 90_000);
  });

  test('an expired lease makes the reply due again (the worker died mid-send); the old worker can no longer end it', async () => {
    const { store } = sut();
    await settleAll(store, 100_000);
    const { reply } = await store.replies.enqueue(aReply(), 100_000);
    const [taken] = await store.replies.claimDue(100_000, 10, 5_000, 'dies');
    assert.equal(taken?.id, reply.id);
    assert.deepEqual(await store.replies.claimDue(104_999, 10, 5_000, 'rescuer'), []);
    const [rescued] = await store.replies.claimDue(105_000, 10, 5_000, 'rescuer');
    assert.deepEqual([rescued?.id, rescued?.attempts, rescued?.lockedBy], [reply.id, 2, 'rescuer']);
    assert.equal(await store.replies.markDelivered(reply.id, 'dies', 105_001, true), false, 'lease lost');
    assert.equal(await store.replies.markDelivered(reply.id, 'rescuer', 105_002, true), true);
    const stored = await store.replies.get(reply.id);
    assert.deepEqual(
      [stored?.state, stored?.deliveredAt, stored?.lockedBy, stored?.lockedUntil, stored?.responseUrlPosts],
      ['delivered', 105_002, null, null, 1],
    );
    assert.deepEqual(await store.replies.claimDue(999_999, 10, 5_000, 'rescuer'), [], 'delivered is never due again');
  });

  test('scheduleRetry puts the reply back for later, keeps the error and counts response_url posts', async () => {
    const { store } = sut();
    await settleAll(store, 200_000);
    const { pipeline } = await aPipeline(store);
    const { reply } = await store.replies.enqueue(aReply({ pipelineId: pipeline.id }), 200_000);
    await store.replies.claimDue(200_000, 10, 5_000, 'w');
    assert.equal(await store.replies.scheduleRetry(reply.id, 'w', 203_000, 'HTTP 503', true), true);
    let stored = await store.replies.get(reply.id);
    assert.deepEqual(
      [stored?.state, stored?.nextAttemptAt, stored?.lastError, stored?.responseUrlPosts, stored?.lockedBy],
      ['pending', 203_000, 'HTTP 503', 1, null],
    );
    assert.deepEqual(await store.replies.claimDue(202_999, 10, 5_000, 'w'), [], 'not due before nextAt');
    const [again] = await store.replies.claimDue(203_000, 10, 5_000, 'w');
    assert.equal(again?.attempts, 2);
    // A network error before anything reached the platform does not use up a response_url post.
    assert.equal(await store.replies.scheduleRetry(reply.id, 'w', 204_000, 'ECONNRESET', false), true);
    stored = await store.replies.get(reply.id);
    assert.equal(stored?.responseUrlPosts, 1);
    assert.equal(await store.replies.scheduleRetry(reply.id, 'w', 205_000, 'not leased', false), false, 'no lease, no effect');
    await store.replies.claimDue(204_000, 10, 5_000, 'w');
    await store.replies.markDelivered(reply.id, 'w', 204_001, true);
    assert.equal(await store.replies.responseUrlPostsForPipeline(pipeline.id), 2);
    assert.equal(await store.replies.responseUrlPostsForPipeline(999_999), 0);
  });

  test('markExpired and markFailed end the reply for good, keeping it for the web UI', async () => {
    const { store } = sut();
    await settleAll(store, 300_000);
    const expired = (await store.replies.enqueue(aReply({ expiresAt: 300_000 }), 290_000)).reply;
    const failed = (await store.replies.enqueue(aReply(), 290_000)).reply;
    const claimed = await store.replies.claimDue(300_001, 10, 5_000, 'w');
    assert.deepEqual(new Set(claimed.map((r) => r.id)), new Set([expired.id, failed.id]));
    assert.equal(await store.replies.markExpired(expired.id, 'w', 300_002, 'response_url expired, no bot token'), true);
    assert.equal(await store.replies.markFailed(failed.id, 'w', 300_002, 'HTTP 404 channel_not_found'), true);
    assert.deepEqual(
      [(await store.replies.get(expired.id))?.state, (await store.replies.get(expired.id))?.lastError],
      ['expired', 'response_url expired, no bot token'],
    );
    assert.equal((await store.replies.get(failed.id))?.state, 'failed');
    assert.deepEqual(await store.replies.claimDue(9_999_999, 10, 5_000, 'w'), []);
  });

  test("replies of one pipeline go out in order: the result waits while the ack is unsettled", async () => {
    const { store } = sut();
    await settleAll(store, 400_000);
    const { pipeline } = await aPipeline(store);
    const ack = (await store.replies.enqueue(aReply({ kind: 'ack', pipelineId: pipeline.id }), 400_000)).reply;
    const result = (await store.replies.enqueue(aReply({ kind: 'result', pipelineId: pipeline.id }), 400_000)).reply;
    const first = await store.replies.claimDue(400_000, 10, 5_000, 'w');
    assert.deepEqual(first.map((r) => r.id), [ack.id]);
    await store.replies.scheduleRetry(ack.id, 'w', 401_000, 'HTTP 500', false);
    assert.deepEqual(await store.replies.claimDue(400_500, 10, 5_000, 'w'), [], 'the result still waits for the ack');
    const [ackAgain] = await store.replies.claimDue(401_000, 10, 5_000, 'w');
    assert.equal(ackAgain?.id, ack.id);
    await store.replies.markDelivered(ack.id, 'w', 401_001, true);
    const [next] = await store.replies.claimDue(401_002, 10, 5_000, 'w');
    assert.equal(next?.id, result.id);
    await store.replies.markDelivered(result.id, 'w', 401_003, true);
    const listed = await store.replies.listForPipeline(pipeline.id);
    assert.deepEqual(listed.map((r: ReplyRecord) => [r.kind, r.state]), [['ack', 'delivered'], ['result', 'delivered']]);
  });

  test('claimDue takes at most `limit`, oldest due first', async () => {
    const { store } = sut();
    await settleAll(store, 500_000);
    const late = (await store.replies.enqueue(aReply({ nextAttemptAt: 500_300 }), 500_000)).reply;
    const early = (await store.replies.enqueue(aReply({ nextAttemptAt: 500_100 }), 500_000)).reply;
    const notYet = (await store.replies.enqueue(aReply({ nextAttemptAt: 600_000 }), 500_000)).reply;
    const [one] = await store.replies.claimDue(500_400, 1, 5_000, 'w');
    assert.equal(one?.id, early.id);
    const rest = await store.replies.claimDue(500_400, 10, 5_000, 'w');
    assert.deepEqual(rest.map((r) => r.id), [late.id]);
    assert.ok(!rest.some((r) => r.id === notYet.id));
    assert.deepEqual(await store.replies.claimDue(500_400, 0, 5_000, 'w'), []);
    await settleAll(store, 10_000_000);
  });

  test('countOpen counts pending and delivering replies, not settled ones', async () => {
    const { store } = sut();
    const now = 20_000_000;
    await settleAll(store, now);
    const before = await store.replies.countOpen();
    const enqueue = async (overrides: Partial<NewReply> = {}): Promise<ReplyRecord> => (await store.replies.enqueue(aReply(overrides), now)).reply;
    const [delivered, expired, failed, retried] = [await enqueue(), await enqueue(), await enqueue(), await enqueue()];
    const later = await enqueue({ nextAttemptAt: now + 60_000 });
    assert.equal(await store.replies.countOpen(), before + 5, 'all pending, due or not');
    assert.equal(await store.replies.enqueue(aReply({ dedupeKey: later.dedupeKey }), now).then((r) => r.kind), 'duplicate');
    assert.equal(await store.replies.countOpen(), before + 5, 'a duplicate enqueue adds nothing');

    const claimed = await store.replies.claimDue(now, 10, 5_000, 'w');
    assert.equal(claimed.length, 4);
    assert.equal(await store.replies.countOpen(), before + 5, 'delivering replies are still owed');

    await store.replies.markDelivered(delivered.id, 'w', now, true);
    await store.replies.markExpired(expired.id, 'w', now, 'response_url expired, no bot token');
    await store.replies.markFailed(failed.id, 'w', now, 'HTTP 404 channel_not_found');
    assert.equal(await store.replies.countOpen(), before + 2, 'delivered, expired and failed are settled');

    // `retried` is still leased to `w`; past the lease it is taken over, and it stays open throughout.
    const [rescued] = await store.replies.claimDue(now + 5_000, 10, 5_000, 'rescuer');
    assert.equal(rescued?.id, retried.id);
    assert.equal(await store.replies.scheduleRetry(retried.id, 'rescuer', now + 6_000, 'HTTP 503', false), true);
    assert.equal(await store.replies.countOpen(), before + 2, 'a retry is pending again');

    await settleAll(store, now + 60_000);
    assert.equal(await store.replies.countOpen(), before);
  });
});
