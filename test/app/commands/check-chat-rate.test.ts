import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../../src/adapters/store/open-store.js';
import { checkChatRate } from '../../../src/app/check-chat-rate.js';
import type { Store } from '../../../src/ports/store/store.js';

// The rate limit counts what a user asked for, not what the server refused
// for its own reasons: "busy" answers, rate refusals and redeliveries.

const dir = mkdtempSync(join(tmpdir(), 'chatrun-rate-test-'));
let store: Store;
before(async () => {
  store = openStore({ url: `sqlite:${join(dir, 'chatrun.db')}` });
  const migrated = await store.migrate();
  assert.equal(migrated.ok, true);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function record(chatUserId: string, decision: string, count: number, at: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await store.audit.append({ at, platform: 'slack', teamId: 'T1', chatUserId, decision });
  }
}

const now = 1_800_000_000_000;

test('refused_busy, rate_limited and duplicate answers do not count towards the limit', async () => {
  await record('U-busy', 'refused_busy', 25, now - 10_000);
  await record('U-busy', 'rate_limited', 5, now - 10_000);
  await record('U-busy', 'duplicate', 5, now - 10_000);
  await record('U-busy', 'accepted', 2, now - 10_000);
  const decision = await checkChatRate(store.audit, {
    account: { platform: 'slack', teamId: 'T1', chatUserId: 'U-busy' },
    limitPerMinute: 3,
    now,
  });
  assert.deepEqual(decision, { allowed: true });
});

test('commands the user really sent do count', async () => {
  await record('U-many', 'accepted', 3, now - 10_000);
  const decision = await checkChatRate(store.audit, {
    account: { platform: 'slack', teamId: 'T1', chatUserId: 'U-many' },
    limitPerMinute: 3,
    now,
  });
  assert.equal(decision.allowed, false);
});
