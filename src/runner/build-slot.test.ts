import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireBuildSlot } from './build-slot.js';

const builds = mkdtempSync(join(tmpdir(), 'chatrun-build-slot-test-'));
after(() => rmSync(builds, { recursive: true, force: true }));

describe('acquireBuildSlot', () => {
  test('hands out distinct slots while held and reuses a released one', async () => {
    const a = await acquireBuildSlot(builds, 'group/app');
    const b = await acquireBuildSlot(builds, 'group/app');
    assert.ok(a.ok && b.ok);
    assert.equal(a.slot.dir, join(builds, '0', 'group', 'app'));
    assert.equal(b.slot.id, 1);
    await a.slot.release();
    const c = await acquireBuildSlot(builds, 'group/app');
    assert.ok(c.ok);
    assert.equal(c.slot.id, 0);
    const other = await acquireBuildSlot(builds, 'group/other');
    assert.ok(other.ok);
    assert.equal(other.slot.id, 0);
    await Promise.all([b.slot.release(), c.slot.release(), other.slot.release()]);
  });

  test('takes over a lock whose owner process is gone', async () => {
    const lock = join(builds, '.locks', `${encodeURIComponent('stale/app')}-0`);
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'owner'), `2147483646 ${hostname()}\n`);
    const slot = await acquireBuildSlot(builds, 'stale/app');
    assert.ok(slot.ok);
    assert.equal(slot.slot.id, 0);
    await slot.slot.release();
  });

  test('refuses project paths that could leave the builds directory', async () => {
    for (const bad of ['../etc', 'a/../../b', '/abs', 'a//b', '']) {
      const result = await acquireBuildSlot(builds, bad);
      assert.equal(result.ok, false, bad);
    }
  });
});
