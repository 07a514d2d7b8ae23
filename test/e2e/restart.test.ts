/**
 * `chatrun serve --config …` as a child process, SIGKILLed while a job runs
 * and while a reply is still owed, then started again on the same data:
 * the orphaned job is failed with runner_system_failure and its chat is
 * told, and the owed reply is delivered by the new process.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Store } from '../../src/ports/store/store.js';
import { chatrunBinary } from '../cli/chatrun-process.js';
import {
  createE2eWorld,
  E2E_ENV,
  slackCommand,
  spawnServe,
  waitForFile,
  waitForPost,
  waitUntil,
  type E2eWorld,
  type ServeProcess,
} from '../support/start-server.js';

const binary = chatrunBinary();
const running: ServeProcess[] = [];
let world: E2eWorld | undefined;
let store: Store | undefined;

after(async () => {
  for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  killOrphanedJob();
  await store?.close();
  await world?.close();
});

/** The killed server's job outlives it (its own process group); end it by the pid it wrote. */
function killOrphanedJob(): void {
  if (world === undefined) return;
  const marker = join(world.markerDir, 'killed.started');
  if (!existsSync(marker)) return;
  const pid = Number(readFileSync(marker, 'utf8').trim());
  try {
    if (pid > 1) process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function jobOf(db: Store, text: string): Promise<number> {
  return waitUntil(async () => {
    const event = (await db.audit.list({ limit: 100 })).find((e) => e.text === text && e.jobId !== null);
    return event?.jobId ?? undefined;
  }, `the job of "${text}"`);
}

test('SIGKILL while a job runs, then restart: the job fails with runner_system_failure, its chat is told, and an owed reply is delivered', { skip: binary.ok ? false : binary.skip, timeout: 40_000 }, async () => {
  assert.ok(binary.ok);
  world = await createE2eWorld({ slowSeconds: 30, adjust: (raw) => ({ ...raw, log: { level: 'warn' } }) });
  const config = world.writeConfigFile();
  const first = await spawnServe(binary.path, ['--config', config], { cwd: world.root, env: E2E_ENV });
  running.push(first);
  store = openStore({ url: `sqlite:${join(world.dataDir, 'chatrun.db')}` });

  const slow = await slackCommand(first.url, world, 'run slow killed');
  assert.equal(slow.sent.status, 200);
  await waitForFile(join(world.markerDir, 'killed.started'));

  // A reply whose first delivery fails; it is owed (scheduled for a retry) when the server dies.
  const owedUrl = world.slack.createResponseUrl();
  const owedPath = new URL(owedUrl).pathname;
  world.slack.failNext(1, 500, { path: owedPath });
  await slackCommand(first.url, world, 'run echo owed', { response_url: owedUrl });
  const owedJob = await jobOf(store, 'run echo owed');
  const db = store;
  await waitUntil(async () => {
    const [reply] = (await db.replies.listForJob(owedJob)).filter((r) => r.kind === 'result');
    return reply?.state === 'pending' && reply.attempts === 1 ? reply : undefined;
  }, 'the failed first attempt to be recorded');

  first.child.kill('SIGKILL');
  await first.exited;
  const restartedAt = Date.now();
  const second = await spawnServe(binary.path, ['--config', config], { cwd: world.root, env: E2E_ENV });
  running.push(second);

  const told = await waitForPost(world.slack, slow.path, 'system failure');
  assert.ok(told.atMs >= restartedAt);
  const slowJob = await jobOf(db, 'run slow killed');
  const failed = await db.pipelines.getJob(slowJob);
  assert.equal(failed?.status, 'failed');
  assert.equal(failed?.failureReason, 'runner_system_failure');

  const owedPosts = () => world?.slack.requests.filter((r) => r.path === owedPath) ?? [];
  const delivered = await waitUntil(async () => owedPosts()[1], 'the second attempt at the owed reply');
  assert.ok(delivered.body.includes('You said: owed'));
  assert.ok(delivered.atMs >= restartedAt, 'delivered by the restarted server');
  await waitUntil(async () => ((await db.replies.listForJob(owedJob)).some((r) => r.state === 'delivered') ? true : undefined), 'the owed reply recorded as delivered');
  assert.equal(owedPosts().length, 2, 'one failed attempt, one delivery');

  second.child.kill('SIGTERM');
  const exit = await second.exited;
  assert.equal(exit.code, 0, second.output().stderr);
});
