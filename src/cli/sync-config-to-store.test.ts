import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../adapters/store/open-store.js';
import { validateServerConfig } from '../config/parse-server-config.js';
import { resolveSecrets } from '../config/resolve-secrets.js';
import type { ServerConfig } from '../config/server-config.js';
import type { Store } from '../ports/store/store.js';
import { syncConfigToStore, type SyncLogger } from './sync-config-to-store.js';

const CHEAP = { N: 16, r: 1, p: 1 };

function configOf(raw: unknown): ServerConfig {
  const parsed = validateServerConfig(raw, 'test.yml');
  if (!parsed.ok) assert.fail(parsed.errors.join('\n'));
  return parsed.config;
}

function recordingLogger(): SyncLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (message) => void warnings.push(message) };
}

async function withStore(work: (store: Store) => Promise<void>): Promise<void> {
  const store = openStore({ url: ':memory:' });
  const migrated = await store.migrate();
  assert.ok(migrated.ok);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

const RAW = {
  projects: [{ path: 'ops/infra', repository: '/srv/git/infra', members: { alice: 'developer', ghost: 'owner' }, variables: { REGION: 'eu' } }],
  users: [{ username: 'alice', name: 'Alice', email: 'alice@example.com', admin: true, password_env: 'ALICE_PW', chat: ['slack:T1:U1'] }],
};

async function sync(store: Store, config: ServerConfig, env: Record<string, string>, logger = recordingLogger()) {
  const resolved = resolveSecrets(config, { env, readFile: () => assert.fail('no files') });
  if (!resolved.ok) assert.fail(resolved.errors.join('\n'));
  return syncConfigToStore({ store, config, secrets: resolved.secrets, now: 1000, logger, scryptParams: CHEAP });
}

describe('syncConfigToStore', () => {
  test('writes projects, users with hashed passwords, memberships and pre-linked chat identities', async () => {
    await withStore(async (store) => {
      const logger = recordingLogger();
      await sync(store, configOf(RAW), { ALICE_PW: 'secret-1' }, logger);
      const project = await store.projects.getByPath('ops/infra');
      assert.equal(project?.repository, '/srv/git/infra');
      const alice = await store.users.getByUsername('alice');
      assert.ok(alice && project);
      assert.equal(alice.isAdmin, true);
      assert.equal(alice.email, 'alice@example.com');
      assert.match(alice.passwordHash ?? '', /^scrypt\$/);
      assert.ok(!(alice.passwordHash ?? '').includes('secret-1'));
      assert.equal(await store.memberships.getRole(alice.id, project.id), 'developer');
      assert.equal((await store.chatIdentities.find('slack', 'T1', 'U1'))?.userId, alice.id);
      // Settings carry variable names, never their values.
      assert.ok(!JSON.stringify(project.settings).includes('"eu"'));
    });
  });

  test('a member naming an unknown user is a warning, not a failure', async () => {
    await withStore(async (store) => {
      const logger = recordingLogger();
      const summary = await sync(store, configOf(RAW), { ALICE_PW: 'x' }, logger);
      assert.equal(summary.memberships, 1);
      assert.equal(logger.warnings.length, 1);
      assert.match(logger.warnings[0] ?? '', /ops\/infra: member ghost is not a user/);
    });
  });

  test('a restart with the same password keeps the hash; a changed password is rehashed', async () => {
    await withStore(async (store) => {
      const config = configOf(RAW);
      await sync(store, config, { ALICE_PW: 'pw-one' });
      const first = (await store.users.getByUsername('alice'))?.passwordHash;
      const again = await sync(store, config, { ALICE_PW: 'pw-one' });
      assert.equal(again.passwordsHashed, 0);
      assert.equal((await store.users.getByUsername('alice'))?.passwordHash, first);
      const changed = await sync(store, config, { ALICE_PW: 'pw-two' });
      assert.equal(changed.passwordsHashed, 1);
      assert.notEqual((await store.users.getByUsername('alice'))?.passwordHash, first);
    });
  });

  test('never deletes what lives only in the database (users and members added by the CLI)', async () => {
    await withStore(async (store) => {
      const config = configOf(RAW);
      await sync(store, config, { ALICE_PW: 'x' });
      const created = await store.users.create({ username: 'bob', name: 'Bob', email: '', isAdmin: false }, 1000);
      assert.equal(created.kind, 'created');
      const project = await store.projects.getByPath('ops/infra');
      assert.ok(project && created.kind === 'created');
      await store.memberships.setRole(created.user.id, project.id, 'maintainer', 1000);
      await sync(store, config, { ALICE_PW: 'x' });
      assert.equal(await store.memberships.getRole(created.user.id, project.id), 'maintainer');
    });
  });

  test('a member declared only in the database (made before the start) gets its configured role', async () => {
    await withStore(async (store) => {
      await store.users.create({ username: 'ghost', name: 'Ghost', email: '', isAdmin: false }, 1000);
      const logger = recordingLogger();
      await sync(store, configOf(RAW), { ALICE_PW: 'x' }, logger);
      const ghost = await store.users.getByUsername('ghost');
      const project = await store.projects.getByPath('ops/infra');
      assert.ok(ghost && project);
      assert.equal(await store.memberships.getRole(ghost.id, project.id), 'owner');
      assert.deepEqual(logger.warnings, []);
    });
  });
});
