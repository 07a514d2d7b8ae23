import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CiConfigCache } from '../../../src/app/ci-config-cache.js';
import { createCommandWorld, instrumentedGit, type CommandWorld } from './command-world.js';

describe('CiConfigCache', () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld();
  });
  after(() => world.close());

  test('concurrent reads of one commit share a single load; the result carries the tree', async () => {
    const repo = world.repo({ '.gitlab-ci.yml': 'a:\n  script: echo a\n', 'Dockerfile': 'FROM x\n' });
    const git = instrumentedGit(world.git);
    const cache = new CiConfigCache();
    const key = { repository: repo.dir, sha: repo.commit({}), ciConfigPath: '.gitlab-ci.yml' };
    const [one, two] = await Promise.all([cache.read(git, key), cache.read(git, key)]);
    assert.equal(git.calls['sourceTreeAt'], 1);
    assert.ok(one.ok && two.ok);
    assert.equal(one.value, two.value);
    assert.ok(one.value.result.ok);
    assert.ok((await one.value.tree.listFiles()).includes('Dockerfile'));
  });

  test('an invalid config is kept (the commit stays invalid); a git failure is not', async () => {
    const repo = world.repo({ '.gitlab-ci.yml': 'a: [\n' });
    const git = instrumentedGit(world.git);
    const cache = new CiConfigCache();
    const invalid = { repository: repo.dir, sha: repo.commit({}), ciConfigPath: '.gitlab-ci.yml' };
    const first = await cache.read(git, invalid);
    assert.ok(first.ok && !first.value.result.ok);
    await cache.read(git, invalid);
    assert.equal(git.calls['sourceTreeAt'], 1);

    const missing = { repository: repo.dir, sha: 'f'.repeat(40), ciConfigPath: '.gitlab-ci.yml' };
    assert.equal((await cache.read(git, missing)).ok, false);
    assert.equal((await cache.read(git, missing)).ok, false);
    assert.equal(git.calls['sourceTreeAt'], 3, 'each failed read is tried again');
    assert.equal(cache.size, 1);
  });

  test('bounded: the least recently used commit goes first', async () => {
    const repo = world.repo({ '.gitlab-ci.yml': 'a:\n  script: echo a\n' });
    const git = instrumentedGit(world.git);
    const cache = new CiConfigCache({ maxEntries: 2 });
    const at = (sha: string) => ({ repository: repo.dir, sha, ciConfigPath: '.gitlab-ci.yml' });
    const [s1, s2, s3] = [repo.commit({}), repo.commit({}), repo.commit({})];
    await cache.read(git, at(s1));
    await cache.read(git, at(s2));
    await cache.read(git, at(s1));
    await cache.read(git, at(s3));
    assert.equal(cache.size, 2);
    assert.equal(git.calls['sourceTreeAt'], 3);
    await cache.read(git, at(s1));
    assert.equal(git.calls['sourceTreeAt'], 3, 's1 was used recently, so s2 went');
    await cache.read(git, at(s2));
    assert.equal(git.calls['sourceTreeAt'], 4);
  });
});
