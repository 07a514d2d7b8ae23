import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEventInput } from '../../src/ports/store/audit-log.js';
import { unique } from './store-fixtures.js';
import { describeEachStore } from './store-variants.js';

describeEachStore('AuditLog', (sut) => {
  test('append keeps every field; list filters and pages newest first', async () => {
    const { audit } = sut().store;
    const chatUserId = unique('U');
    const full: AuditEventInput = {
      at: 1000,
      userId: 7,
      username: 'alice',
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      channelName: 'ops',
      chatUserId,
      text: 'run deploy production\n  with spaces  ',
      decision: 'accepted',
      reason: null,
      projectPath: 'ops/infra',
      pipelineId: 11,
      jobId: 12,
      outcome: null,
    };
    const appended = await audit.append(full);
    assert.deepEqual({ ...appended, id: 0 }, { ...full, id: 0 });
    for (let i = 1; i <= 4; i++) {
      await audit.append({ at: 1000 + i, platform: 'slack', teamId: 'T1', chatUserId, decision: i % 2 ? 'denied' : 'accepted', reason: 'role' });
    }
    const mine = await audit.list({ chatUserId });
    assert.deepEqual(mine.map((e) => e.at), [1004, 1003, 1002, 1001, 1000]);
    const page1 = await audit.list({ chatUserId, limit: 2 });
    const page2 = await audit.list({ chatUserId, limit: 2, beforeId: page1.at(-1)?.id ?? 0 });
    assert.deepEqual([...page1, ...page2].map((e) => e.at), [1004, 1003, 1002, 1001]);
    assert.deepEqual((await audit.list({ chatUserId, decision: 'denied' })).map((e) => e.at), [1003, 1001]);
    assert.deepEqual((await audit.list({ chatUserId, since: 1002, until: 1004 })).map((e) => e.at), [1003, 1002]);
    assert.deepEqual((await audit.list({ projectPath: 'ops/infra', userId: 7, jobId: 12, chatUserId })).map((e) => e.id), [appended.id]);
    assert.equal(await audit.setOutcome(appended.id, 'success'), true);
    assert.equal((await audit.list({ chatUserId, jobId: 12 }))[0]?.outcome, 'success');
  });

  test('countByChatUser counts one chat account since t (the rate limit)', async () => {
    const { audit } = sut().store;
    const chatUserId = unique('U');
    for (const at of [10_000, 50_000, 59_000, 60_000]) {
      await audit.append({ at, platform: 'slack', teamId: 'T9', chatUserId, decision: 'accepted' });
    }
    await audit.append({ at: 60_000, platform: 'mattermost', teamId: 'T9', chatUserId, decision: 'accepted' });
    await audit.append({ at: 60_000, platform: 'slack', teamId: 'T8', chatUserId, decision: 'accepted' });
    await audit.append({ at: 60_000, platform: 'web', teamId: null, chatUserId, decision: 'accepted' });
    assert.equal(await audit.countByChatUser({ platform: 'slack', teamId: 'T9', chatUserId }, 50_000), 3);
    assert.equal(await audit.countByChatUser({ platform: 'slack', teamId: 'T9', chatUserId }, 0), 4);
    assert.equal(await audit.countByChatUser({ platform: 'web', teamId: null, chatUserId }, 0), 1);
    assert.equal(await audit.countByChatUser({ platform: 'slack', teamId: 'T9', chatUserId: unique('nobody') }, 0), 0);
  });
});

describeEachStore('CommandReceipts', (sut) => {
  test('the same request recorded twice is a duplicate, per platform', async () => {
    const { commandReceipts } = sut().store;
    const key = unique('trigger');
    assert.equal(await commandReceipts.recordOnce('slack', key, 100), 'first');
    assert.equal(await commandReceipts.recordOnce('slack', key, 200), 'duplicate');
    assert.equal(await commandReceipts.recordOnce('mattermost', key, 200), 'first');
  });

  test('concurrent deliveries of one command: exactly one is first', async () => {
    const { store, openReplica } = sut();
    const replica = openReplica() ?? store;
    const key = unique('trigger');
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? replica : store).commandReceipts.recordOnce('slack', key, 100)),
    );
    assert.equal(outcomes.filter((o) => o === 'first').length, 1);
  });

  test('purgeBefore forgets old receipts only', async () => {
    const { commandReceipts } = sut().store;
    const old = unique('old');
    const recent = unique('recent');
    await commandReceipts.recordOnce('slack', old, 1);
    await commandReceipts.recordOnce('slack', recent, 5_000_000);
    assert.ok((await commandReceipts.purgeBefore(1000)) >= 1);
    assert.equal(await commandReceipts.recordOnce('slack', old, 5_000_001), 'first');
    assert.equal(await commandReceipts.recordOnce('slack', recent, 5_000_001), 'duplicate');
  });
});

describeEachStore('RunnerStore', (sut) => {
  test('create, token_taken, lookup by token hash, throttled contact, delete', async () => {
    const { runners } = sut().store;
    const tokenHash = unique('glrt');
    const created = await runners.create({ name: 'build-1', tokenHash }, 100);
    const runner = created.kind === 'created' ? created.runner : assert.fail();
    assert.deepEqual([runner.name, runner.lastContactAt, runner.createdAt], ['build-1', null, 100]);
    assert.deepEqual(await runners.create({ name: 'again', tokenHash }, 200), { kind: 'token_taken' });
    assert.deepEqual(await runners.findByTokenHash(tokenHash), runner);
    assert.equal(await runners.touchContact(runner.id, 1_000, 30_000), true, 'first contact is written');
    assert.equal(await runners.touchContact(runner.id, 20_000, 30_000), false, 'within the interval: skipped');
    assert.equal((await runners.getById(runner.id))?.lastContactAt, 1_000);
    assert.equal(await runners.touchContact(runner.id, 31_000, 30_000), true);
    assert.equal((await runners.getById(runner.id))?.lastContactAt, 31_000);
    assert.ok((await runners.list()).some((r) => r.id === runner.id));
    assert.equal(await runners.delete(runner.id), true);
    assert.equal(await runners.findByTokenHash(tokenHash), undefined);
  });
});
