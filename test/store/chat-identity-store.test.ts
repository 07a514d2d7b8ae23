import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatAccount } from '../../src/ports/store/chat-identity-store.js';
import { aUser, unique } from './store-fixtures.js';
import { describeEachStore } from './store-variants.js';

function anAccount(): ChatAccount {
  return { platform: 'slack', teamId: 'T0001', chatUserId: unique('U'), chatUserName: 'roadrunner' };
}

describeEachStore('ChatIdentityStore', (sut) => {
  test('link is an upsert on (platform, team, chat user): relinking moves the account and refreshes its name', async () => {
    const { store } = sut();
    const alice = await aUser(store);
    const bob = await aUser(store);
    const account = anAccount();
    const linked = await store.chatIdentities.link(account, alice.id, 100);
    assert.deepEqual(await store.chatIdentities.find('slack', 'T0001', account.chatUserId), linked);
    assert.equal(await store.chatIdentities.find('mattermost', 'T0001', account.chatUserId), undefined, 'platform is part of identity');
    assert.equal(await store.chatIdentities.find('slack', 'T0002', account.chatUserId), undefined, 'team is part of identity');
    const moved = await store.chatIdentities.link({ ...account, chatUserName: 'coyote' }, bob.id, 200);
    assert.deepEqual([moved.id, moved.userId, moved.chatUserName], [linked.id, bob.id, 'coyote']);
    assert.deepEqual(await store.chatIdentities.listForUser(alice.id), []);
    assert.deepEqual((await store.chatIdentities.listForUser(bob.id)).map((i) => i.id), [linked.id]);
    assert.equal(await store.chatIdentities.unlink('slack', 'T0001', account.chatUserId), true);
    assert.equal(await store.chatIdentities.unlink('slack', 'T0001', account.chatUserId), false);
  });

  test('a link token is single use: consuming it links the account once', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const account = anAccount();
    const tokenHash = unique('hash');
    const token = await store.chatIdentities.createLinkToken({ ...account, tokenHash, expiresAt: 600_000 }, 0);
    assert.deepEqual([token.usedAt, token.expiresAt, token.chatUserId], [null, 600_000, account.chatUserId]);
    const first = await store.chatIdentities.consumeLinkToken(tokenHash, user.id, 1000);
    assert.equal(first.kind, 'linked');
    assert.deepEqual(first.kind === 'linked' && [first.identity.userId, first.identity.chatUserId], [user.id, account.chatUserId]);
    assert.equal((await store.chatIdentities.find(account.platform, account.teamId, account.chatUserId))?.userId, user.id);
    assert.deepEqual(await store.chatIdentities.consumeLinkToken(tokenHash, user.id, 2000), { kind: 'already_used' });
    assert.deepEqual(await store.chatIdentities.consumeLinkToken('no-such-hash', user.id, 2000), { kind: 'not_found' });
  });

  test('two concurrent consumes of one token: exactly one links', async () => {
    const { store, openReplica } = sut();
    const intruder = await aUser(store);
    const owner = await aUser(store);
    const account = anAccount();
    const tokenHash = unique('hash');
    await store.chatIdentities.createLinkToken({ ...account, tokenHash, expiresAt: 600_000 }, 0);
    const other = openReplica() ?? store;
    const results = await Promise.all([
      store.chatIdentities.consumeLinkToken(tokenHash, owner.id, 1000),
      other.chatIdentities.consumeLinkToken(tokenHash, intruder.id, 1000),
      store.chatIdentities.consumeLinkToken(tokenHash, intruder.id, 1000),
    ]);
    const winners = results.filter((r) => r.kind === 'linked');
    assert.equal(winners.length, 1);
    assert.equal(results.filter((r) => r.kind === 'already_used').length, 2);
    const identity = await store.chatIdentities.find(account.platform, account.teamId, account.chatUserId);
    const winner = winners[0];
    assert.equal(identity?.userId, winner?.kind === 'linked' ? winner.identity.userId : undefined);
  });

  test('findLinkToken reads a token by its hash through its whole life, changing nothing', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const account = anAccount();
    const tokenHash = unique('hash');
    assert.equal(await store.chatIdentities.findLinkToken(tokenHash), undefined, 'not issued yet');
    const created = await store.chatIdentities.createLinkToken({ ...account, tokenHash, expiresAt: 600_000 }, 50);
    const fresh = await store.chatIdentities.findLinkToken(tokenHash);
    assert.deepEqual(fresh, { ...account, tokenHash, createdAt: 50, expiresAt: 600_000, usedAt: null });
    assert.deepEqual(fresh, created);
    assert.deepEqual(await store.chatIdentities.findLinkToken(tokenHash), fresh, 'reading twice changes nothing');
    assert.equal(await store.chatIdentities.findLinkToken(tokenHash.toUpperCase()), undefined, 'the hash matches exactly');
    assert.equal(await store.chatIdentities.findLinkToken(''), undefined);
    assert.equal(await store.chatIdentities.find(account.platform, account.teamId, account.chatUserId), undefined, 'reading links nothing');

    const other = unique('hash');
    await store.chatIdentities.createLinkToken({ ...anAccount(), tokenHash: other, expiresAt: 600_000 }, 60);
    assert.equal((await store.chatIdentities.findLinkToken(other))?.tokenHash, other, 'each hash finds its own token');

    assert.equal((await store.chatIdentities.consumeLinkToken(tokenHash, user.id, 1000)).kind, 'linked');
    assert.deepEqual(await store.chatIdentities.findLinkToken(tokenHash), { ...fresh, usedAt: 1000 }, 'a used token is still found, with usedAt');
    assert.equal((await store.chatIdentities.findLinkToken(other))?.usedAt, null, 'consuming one leaves the other alone');
  });

  test('findLinkToken finds an expired token until it is swept', async () => {
    const { store } = sut();
    const tokenHash = unique('hash');
    await store.chatIdentities.createLinkToken({ ...anAccount(), tokenHash, expiresAt: 600_000 }, 0);
    const user = await aUser(store);
    assert.deepEqual(await store.chatIdentities.consumeLinkToken(tokenHash, user.id, 700_000), { kind: 'expired' });
    const expired = await store.chatIdentities.findLinkToken(tokenHash);
    assert.deepEqual([expired?.expiresAt, expired?.usedAt], [600_000, null], 'found as stored; expiry is the caller\'s to judge');
    assert.ok((await store.chatIdentities.deleteExpiredLinkTokens(600_001)) >= 1);
    assert.equal(await store.chatIdentities.findLinkToken(tokenHash), undefined);
  });

  test('an expired link token links nothing, and can be swept', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const account = anAccount();
    const tokenHash = unique('hash');
    await store.chatIdentities.createLinkToken({ ...account, tokenHash, expiresAt: 600_000 }, 0);
    assert.deepEqual(await store.chatIdentities.consumeLinkToken(tokenHash, user.id, 600_000), { kind: 'expired' });
    assert.equal(await store.chatIdentities.find(account.platform, account.teamId, account.chatUserId), undefined);
    assert.ok((await store.chatIdentities.deleteExpiredLinkTokens(600_001)) >= 1);
    assert.deepEqual(await store.chatIdentities.consumeLinkToken(tokenHash, user.id, 1), { kind: 'not_found' });
  });
});
