/**
 * Shutting down while a job runs. SIGTERM to `chatrun serve` (a child
 * process): the job finishes, its reply reaches the chat, then the process
 * exits 0. And when the job outlives the grace period (in-process, short
 * grace): it is cancelled and reported canceled before stop() returns.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chatrunBinary } from '../cli/chatrun-process.js';
import {
  createE2eWorld,
  E2E_ENV,
  FAST_TIMING,
  slackCommand,
  spawnServe,
  startServer,
  waitForFile,
  type E2eWorld,
  type ServeProcess,
} from '../support/start-server.js';

const binary = chatrunBinary();
const worlds: E2eWorld[] = [];
const children: ServeProcess[] = [];

after(async () => {
  for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  for (const world of worlds) await world.close();
});

test('SIGTERM while a job runs: the job finishes and its reply is delivered before the process exits 0', { skip: binary.ok ? false : binary.skip, timeout: 30_000 }, async () => {
  assert.ok(binary.ok);
  const world = await createE2eWorld({ slowSeconds: 1.5, adjust: (raw) => ({ ...raw, log: { level: 'warn' } }) });
  worlds.push(world);
  const server = await spawnServe(binary.path, ['--config', world.writeConfigFile()], { cwd: world.root, env: E2E_ENV });
  children.push(server);

  const run = await slackCommand(server.url, world, 'run slow graceful');
  await waitForFile(join(world.markerDir, 'graceful.started'));
  server.child.kill('SIGTERM');

  // New commands are refused once the listener is closed.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await assert.rejects(slackCommand(server.url, world, 'run hello-world'));

  const exit = await server.exited;
  assert.equal(exit.code, 0, server.output().stderr);
  const result = world.slack.requests.find((r) => r.path === run.path && r.body.includes('slow graceful finished'));
  assert.ok(result, `the result reply was posted (saw ${world.slack.requests.length} requests)\n${server.output().stderr}`);
  assert.ok(result.atMs <= exit.at, 'before the process exited');
});

test('a job still running when the grace period ends is cancelled, and its chat is told', { timeout: 20_000 }, async () => {
  const world = await createE2eWorld({ slowSeconds: 30 });
  worlds.push(world);
  const { server, url } = await startServer(world, { ...FAST_TIMING, shutdownGraceMs: 300 });
  const run = await slackCommand(url, world, 'run slow overdue');
  await waitForFile(join(world.markerDir, 'overdue.started'));
  const stopping = Date.now();
  await server.stop();
  assert.ok(Date.now() - stopping < 5000, 'stop() did not wait for the 30-second job');
  const told = world.slack.requests.find((r) => r.path === run.path && /cancel/i.test(r.body));
  assert.ok(told, `the chat was told the job was canceled (saw: ${world.slack.requests.map((r) => r.body).join('\n')})`);
});
