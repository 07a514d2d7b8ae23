import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { composeBusyMessage, createQueueAdmission, refuseWhenBusy } from './admission-control.js';
import type { UserRecord } from '../ports/store/user-store.js';

const user: UserRecord = { id: 7, username: 'jane', name: 'Jane', email: 'jane@example.com', isAdmin: false, passwordHash: null, createdAt: 0 };

describe('createQueueAdmission', () => {
  test('admits below the limit and refuses from the limit on, with the count', async () => {
    let waiting = 0;
    const admission = createQueueAdmission({ limit: 3, countWaiting: async () => waiting });
    waiting = 2;
    assert.deepEqual(await admission.admit(), { kind: 'admitted' });
    waiting = 3;
    assert.deepEqual(await admission.admit(), { kind: 'busy', waiting: 3, limit: 3 });
    waiting = 40;
    assert.deepEqual(await admission.admit(), { kind: 'busy', waiting: 40, limit: 3 });
  });

  test('a limit of 0 admits everything without counting', async () => {
    let counted = 0;
    const admission = createQueueAdmission({ limit: 0, countWaiting: async () => (counted += 1, 1_000_000) });
    assert.deepEqual(await admission.admit(), { kind: 'admitted' });
    assert.equal(counted, 0);
  });

  test('commands judged together share one count; the next ones count again', async () => {
    let counted = 0;
    let release: (n: number) => void = () => undefined;
    const admission = createQueueAdmission({
      limit: 5,
      countWaiting: () => {
        counted += 1;
        return new Promise<number>((resolve) => (release = resolve));
      },
    });
    const together = [admission.admit(), admission.admit(), admission.admit()];
    release(5);
    for (const decision of await Promise.all(together)) assert.deepEqual(decision, { kind: 'busy', waiting: 5, limit: 5 });
    assert.equal(counted, 1);
    const later = admission.admit();
    release(1);
    assert.deepEqual(await later, { kind: 'admitted' });
    assert.equal(counted, 2);
  });

  test('a failing count rejects the commands judged with it, and the next command counts afresh', async () => {
    let fail = true;
    const admission = createQueueAdmission({ limit: 1, countWaiting: async () => (fail ? Promise.reject(new Error('database is locked')) : 0) });
    await assert.rejects(admission.admit(), /database is locked/);
    fail = false;
    assert.deepEqual(await admission.admit(), { kind: 'admitted' });
  });
});

describe('refuseWhenBusy', () => {
  const busy = createQueueAdmission({ limit: 1, countWaiting: async () => 12 });

  test('refuses run and play with an ephemeral busy answer naming the queue depth', async () => {
    for (const command of [{ kind: 'run', job: 'deploy', args: null }, { kind: 'play', jobId: 4 }] as const) {
      const decision = await refuseWhenBusy(busy, command, user);
      assert.equal(decision?.outcome, 'refused_busy');
      assert.equal(decision?.message.visibility, 'ephemeral');
      assert.equal(decision?.message.text, 'chatrun is busy: 12 jobs are waiting; try again in a minute.');
      assert.equal(decision?.reason, '12 jobs waiting for a runner; the limit is 1');
      assert.equal(decision?.user?.id, 7);
    }
  });

  test('help and invalid commands, and servers without admission control, go on', async () => {
    assert.equal(await refuseWhenBusy(busy, { kind: 'help' }, user), undefined);
    assert.equal(await refuseWhenBusy(busy, { kind: 'invalid', text: 'x' }, user), undefined);
    assert.equal(await refuseWhenBusy(undefined, { kind: 'run', job: 'deploy', args: null }, user), undefined);
  });

  test('one waiting job reads in the singular', () => {
    assert.equal(composeBusyMessage({ waiting: 1 }).text, 'chatrun is busy: 1 job is waiting; try again in a minute.');
  });
});
