import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aProject, aUser, unique } from './store-fixtures.js';
import { describeEachStore } from './store-variants.js';

describeEachStore('ProjectStore', (sut) => {
  test('create answers path_taken for a second project with the same path', async () => {
    const { projects } = sut().store;
    const path = unique('ops/infra');
    const created = await projects.create({ path, repository: '/srv/git/infra' }, 100);
    assert.equal(created.kind, 'created');
    const project = created.kind === 'created' ? created.project : assert.fail();
    assert.deepEqual(
      [project.path, project.repository, project.defaultBranch, project.ciConfigPath, project.settings, project.createdAt],
      [path, '/srv/git/infra', null, '.gitlab-ci.yml', {}, 100],
    );
    assert.deepEqual(await projects.create({ path, repository: '/elsewhere' }, 200), { kind: 'path_taken' });
    assert.deepEqual(await projects.getByPath(path), project);
    assert.deepEqual(await projects.getById(project.id), project);
    assert.equal(await projects.getByPath(unique('none')), undefined);
  });

  test('upsertByPath updates in place and keeps settings unless given', async () => {
    const { projects } = sut().store;
    const path = unique('ops/app');
    const settings = { chat: { channels: ['C1'] }, variables: [{ key: 'TOKEN', masked: true }] };
    const first = await projects.upsertByPath({ path, repository: '/a', settings }, 100);
    const second = await projects.upsertByPath({ path, repository: '/b', defaultBranch: 'trunk', ciConfigPath: 'ci.yml' }, 200);
    assert.deepEqual(
      [second.id, second.repository, second.defaultBranch, second.ciConfigPath, second.settings, second.createdAt],
      [first.id, '/b', 'trunk', 'ci.yml', settings, 100],
    );
    assert.equal(await projects.updateSettings(first.id, { replaced: true }), true);
    assert.deepEqual((await projects.getById(first.id))?.settings, { replaced: true });
    assert.equal(await projects.updateSettings(999_999, {}), false);
    const listed = await projects.list();
    assert.ok(listed.some((p) => p.path === path));
    assert.deepEqual(listed.map((p) => p.path), [...listed.map((p) => p.path)].sort());
  });
});

describeEachStore('UserStore', (sut) => {
  test('users: create, username_taken, upsert keeps the password hash unless given', async () => {
    const { users } = sut().store;
    const username = unique('alice');
    const input = { username, name: 'Alice', email: 'alice@example.com', isAdmin: true, passwordHash: 'scrypt$1' };
    const created = await users.create(input, 100);
    const alice = created.kind === 'created' ? created.user : assert.fail();
    assert.deepEqual([alice.isAdmin, alice.passwordHash, alice.createdAt], [true, 'scrypt$1', 100]);
    assert.deepEqual(await users.create(input, 200), { kind: 'username_taken' });
    const updated = await users.upsertByUsername({ username, name: 'Alice E.', email: 'a@example.com', isAdmin: false }, 300);
    assert.deepEqual(
      [updated.id, updated.name, updated.email, updated.isAdmin, updated.passwordHash],
      [alice.id, 'Alice E.', 'a@example.com', false, 'scrypt$1'],
    );
    assert.equal(await users.setPasswordHash(alice.id, null), true);
    assert.equal((await users.getByUsername(username))?.passwordHash, null);
    assert.deepEqual(await users.getById(alice.id), { ...updated, passwordHash: null });
  });

  test('API tokens are found by hash with their owner, touched, listed and deleted', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const tokenHash = unique('tok');
    const token = await store.users.createApiToken({ userId: user.id, name: 'ci', tokenHash }, 100);
    assert.equal(token.lastUsedAt, null);
    const found = await store.users.findApiToken(tokenHash);
    assert.deepEqual([found?.token.id, found?.user.id], [token.id, user.id]);
    await store.users.touchApiToken(token.id, 500);
    assert.equal((await store.users.listApiTokens(user.id))[0]?.lastUsedAt, 500);
    assert.equal(await store.users.deleteApiToken(token.id), true);
    assert.equal(await store.users.findApiToken(tokenHash), undefined);
  });

  test('sessions are live until they expire, then absent and swept', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const idHash = unique('sess');
    await store.users.createSession({ idHash, userId: user.id, expiresAt: 10_000 }, 100);
    assert.equal((await store.users.findSession(idHash, 9_999))?.user.id, user.id);
    assert.equal(await store.users.findSession(idHash, 10_000), undefined);
    assert.ok((await store.users.deleteExpiredSessions(10_000)) >= 1);
    const other = unique('sess');
    await store.users.createSession({ idHash: other, userId: user.id, expiresAt: 10_000 }, 100);
    assert.equal(await store.users.deleteSession(other), true);
    assert.equal(await store.users.findSession(other, 1), undefined);
  });
});

describeEachStore('MembershipStore', (sut) => {
  test('setRole upserts one role per (user, project); remove and lists', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const project = await aProject(store);
    const other = await aProject(store);
    assert.equal(await store.memberships.getRole(user.id, project.id), undefined);
    await store.memberships.setRole(user.id, project.id, 'reporter', 100);
    const promoted = await store.memberships.setRole(user.id, project.id, 'developer', 200);
    assert.equal(promoted.role, 'developer');
    await store.memberships.setRole(user.id, other.id, 'owner', 300);
    assert.equal(await store.memberships.getRole(user.id, project.id), 'developer');
    assert.deepEqual((await store.memberships.listForProject(project.id)).map((m) => [m.userId, m.role]), [[user.id, 'developer']]);
    assert.deepEqual((await store.memberships.listForUser(user.id)).map((m) => m.projectId), [project.id, other.id]);
    assert.equal(await store.memberships.remove(user.id, project.id), true);
    assert.equal(await store.memberships.remove(user.id, project.id), false);
    assert.equal(await store.memberships.getRole(user.id, project.id), undefined);
  });

  test('a member of a project that is deleted loses the membership with it', async () => {
    const { store } = sut();
    const user = await aUser(store);
    const project = await aProject(store);
    await store.memberships.setRole(user.id, project.id, 'maintainer', 100);
    await store.projects.delete(project.id);
    assert.deepEqual(await store.memberships.listForUser(user.id), []);
  });
});
