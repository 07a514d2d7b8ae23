/**
 * A whole chatrun server for browser tests, wired as `chatrun serve` wires
 * one but in-process: a migrated SQLite store in a temp dir, the HTTP app
 * listening on 127.0.0.1 port 0, the embedded runner loop (real bash, real
 * git checkouts) talking to the in-process runner protocol, and the reply
 * delivery worker (web replies are marked delivered without HTTP). The
 * clock is the real one: jobs really run.
 *
 * Call `close()` when done: it stops the runner (cancelling what runs),
 * the worker and the server, closes the store and removes the temp dir.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/adapters/auth/password-hash.js';
import { createChatDelivery } from '../../src/adapters/chat/chat-delivery-adapter.js';
import { ShellExecutor } from '../../src/adapters/executor/shell-executor.js';
import { GitCli } from '../../src/adapters/git/git-cli.js';
import { createMetrics } from '../../src/adapters/metrics/chatrun-metrics.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { AppSettings } from '../../src/app/app-settings.js';
import type { ChatCommandDeps } from '../../src/app/chat-command-deps.js';
import { startReplyDelivery } from '../../src/app/deliver-replies.js';
import { registerEmbeddedRunner } from '../../src/app/embedded-runner.js';
import { createInProcessRunnerProtocol } from '../../src/app/in-process-runner-protocol.js';
import type { JobDependencies } from '../../src/app/job-dependencies.js';
import { wireChatCommandDeps } from '../../src/cli/chat-command-wiring.js';
import { createApp } from '../../src/http/create-app.js';
import type { Clock } from '../../src/ports/clock.js';
import type { MemberRole } from '../../src/ports/store/membership-store.js';
import type { ProjectRecord } from '../../src/ports/store/project-store.js';
import type { Store } from '../../src/ports/store/store.js';
import type { UserRecord } from '../../src/ports/store/user-store.js';
import { startRunnerLoop } from '../../src/runner/runner-loop.js';
import { createGitRepo, type GitRepo, type RepoFiles } from './git-repo.js';
import { repoRoot } from './shared-conformance.js';

export const DEMO_CI = readFileSync(join(repoRoot(), 'examples/demo/.gitlab-ci.yml'), 'utf8');

export interface WebTestServer {
  /** `http://127.0.0.1:<port>`, also the server's external URL. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly commandDeps: ChatCommandDeps;
  project(path: string, files?: RepoFiles): Promise<ProjectRecord>;
  user(username: string, options?: { readonly name?: string; readonly password?: string; readonly admin?: boolean }): Promise<UserRecord>;
  member(user: UserRecord, project: ProjectRecord, role: MemberRole): Promise<void>;
  close(): Promise<void>;
}

export async function startWebTestServer(): Promise<WebTestServer> {
  const root = mkdtempSync(join(tmpdir(), 'chatrun-web-'));
  const buildsDir = join(root, 'builds');
  const cacheDir = join(root, 'cache');
  const scriptDir = join(root, 'scripts');
  for (const dir of [buildsDir, cacheDir, scriptDir]) mkdirSync(dir);
  const dbFile = join(root, 'chatrun.db');
  const store = openStore({ url: `sqlite:${dbFile}` });
  const migrated = await store.migrate();
  assert.ok(migrated.ok, 'migrations apply');
  const repos: GitRepo[] = [];
  const clock: Clock = { now: () => Date.now() };
  let url = 'http://127.0.0.1';
  const settings: AppSettings = {
    get externalUrl() {
      return url;
    },
    rateLimitPerMinute: 0,
    commandNames: { slack: '/chatrun', mattermost: '/chatrun', web: '/chatrun' },
    defaultJobTimeoutSeconds: 600,
    linkTokenTtlMs: 10 * 60_000,
    defaultProjectFor: () => undefined,
    projectVariables: () => ({}),
    projectTimeoutSeconds: () => undefined,
  };
  const git = new GitCli({ cacheDir });
  const commandDeps = wireChatCommandDeps({ store, git, clock, settings });
  const delivery = startReplyDelivery({
    store,
    delivery: createChatDelivery({}),
    clock,
    workerId: 'web-test',
    pollIntervalMs: 200,
  });
  const jobDeps: JobDependencies = { store, settings, clock, notifyReplies: () => delivery.notify() };
  const runner = await registerEmbeddedRunner(store.runners, 'embedded@web-test', clock.now());
  const loop = startRunnerLoop({
    protocol: createInProcessRunnerProtocol(jobDeps),
    runner,
    concurrency: 2,
    executor: new ShellExecutor({ scriptDir }),
    git,
    workspace: { buildsDir, cacheDir },
    baseEnv: process.env,
    traceLimitBytes: 4 * 1024 * 1024,
    clock,
    pollIntervalMs: 200,
    heartbeatIntervalMs: 1000,
    traceFlushIntervalMs: 100,
  });
  const app = createApp({
    store,
    settings,
    commandDeps,
    jobDeps,
    metrics: createMetrics({ processMetrics: false }),
    clock,
    runnerWake: () => loop.notify(),
    replyWake: () => delivery.notify(),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  return {
    get url() {
      return url;
    },
    app,
    store,
    commandDeps,
    async project(path, files = { '.gitlab-ci.yml': DEMO_CI }) {
      const repo = createGitRepo({ files, prefix: 'chatrun-web-repo-' });
      repos.push(repo);
      return store.projects.upsertByPath({ path, repository: repo.dir }, clock.now());
    },
    async user(username, options = {}) {
      const passwordHash = await hashPassword(options.password ?? 'secret-password', { N: 1024, r: 8, p: 1 });
      return store.users.upsertByUsername(
        { username, name: options.name ?? username, email: `${username}@example.com`, isAdmin: options.admin === true, passwordHash },
        clock.now(),
      );
    },
    async member(user, project, role) {
      await store.memberships.setRole(user.id, project.id, role, clock.now());
    },
    async close() {
      await loop.stop({ drain: false });
      await delivery.stop();
      await app.close();
      await store.close();
      for (const repo of repos) repo.remove();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
