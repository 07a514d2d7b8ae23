/**
 * A real chatrun HTTP app for the HTTP tests: a migrated SQLite store in a
 * temp file, a real git repository holding the demo CI config, the real
 * use cases and the app built by createApp, driven with `app.inject()`.
 * The clock is the test's (Slack timestamps, session expiry). Helpers make
 * uniquely named users and projects, so tests in one file do not depend on
 * one another's rows.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/adapters/auth/password-hash.js';
import { generateToken, hashToken } from '../../src/adapters/auth/secret-token.js';
import { GitCli } from '../../src/adapters/git/git-cli.js';
import { createMetrics, type ChatrunMetrics } from '../../src/adapters/metrics/chatrun-metrics.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { AppSettings } from '../../src/app/app-settings.js';
import type { ChatCommandDeps } from '../../src/app/chat-command-deps.js';
import { wireChatCommandDeps } from '../../src/cli/chat-command-wiring.js';
import { createApp } from '../../src/http/create-app.js';
import type { HttpDeps } from '../../src/http/http-deps.js';
import type { MemberRole } from '../../src/ports/store/membership-store.js';
import type { ProjectRecord } from '../../src/ports/store/project-store.js';
import type { Store } from '../../src/ports/store/store.js';
import type { UserRecord } from '../../src/ports/store/user-store.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { repoRoot } from '../support/shared-conformance.js';

export const EXTERNAL_URL = 'http://chatrun.test';
export const ORIGIN = EXTERNAL_URL;
export const SLACK_SECRET = 'slack-signing-secret-for-tests';
export const MATTERMOST_TOKEN = 'mattermost-command-token';
export const PASSWORD = 'correct horse battery staple';
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export const DEMO_CI = readFileSync(join(repoRoot(), 'examples/demo/.gitlab-ci.yml'), 'utf8');

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export interface HttpWorld {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly clock: TestClock;
  readonly metrics: ChatrunMetrics;
  readonly settings: AppSettings;
  readonly commandDeps: ChatCommandDeps;
  readonly wakes: { runner: number; reply: number };
  /** A project whose repository holds the demo CI config (or `files`). */
  project(files?: Readonly<Record<string, string>>): Promise<ProjectRecord>;
  user(options?: { readonly admin?: boolean; readonly password?: string | null }): Promise<UserRecord>;
  member(user: UserRecord, project: ProjectRecord, role: MemberRole): Promise<void>;
  /** Signs in through the real form; answers the Cookie header value. */
  signIn(user: UserRecord, password?: string): Promise<string>;
  apiToken(user: UserRecord): Promise<string>;
  /** Where most page and API tests start: a demo project, a developer of it, signed in. */
  signedInDeveloper(): Promise<{ readonly project: ProjectRecord; readonly developer: UserRecord; readonly cookie: string }>;
  close(): Promise<void>;
}

let sequence = 0;
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${process.pid}x${sequence}`;
}

export interface HttpWorldOptions {
  readonly externalUrl?: string;
  readonly slackSecrets?: readonly string[];
  readonly mattermostTokens?: readonly string[];
  readonly sessionTtlMs?: number;
  /** Change the deps before the app is built (e.g. a broken store). */
  readonly adjust?: (deps: HttpDeps) => HttpDeps;
}

export async function createHttpWorld(options: HttpWorldOptions = {}): Promise<HttpWorld> {
  const root = mkdtempSync(join(tmpdir(), 'chatrun-http-'));
  const dbFile = join(root, 'chatrun.db');
  const store = openStore({ url: `sqlite:${dbFile}` });
  const migrated = await store.migrate();
  assert.ok(migrated.ok, 'migrations apply');
  const repos: GitRepo[] = [];
  let time = T0;
  const clock: TestClock = { now: () => time, set: (ms) => void (time = ms), advance: (ms) => void (time += ms) };
  const externalUrl = options.externalUrl ?? EXTERNAL_URL;
  const settings: AppSettings = {
    externalUrl,
    rateLimitPerMinute: 0,
    commandNames: { slack: '/chatrun', mattermost: '/chatrun', web: '/chatrun' },
    defaultJobTimeoutSeconds: 3600,
    linkTokenTtlMs: 10 * 60_000,
    defaultProjectFor: () => undefined,
    projectVariables: () => ({}),
    projectTimeoutSeconds: () => undefined,
  };
  const metrics = createMetrics({ processMetrics: false });
  const git = new GitCli({ cacheDir: join(root, 'git-cache') });
  const commandDeps = wireChatCommandDeps({ store, git, clock, settings }, { deadlineMs: 5000 });
  const wakes = { runner: 0, reply: 0 };
  const baseDeps: HttpDeps = {
    store,
    settings,
    commandDeps,
    slack: { signingSecrets: options.slackSecrets ?? [SLACK_SECRET] },
    mattermost: { tokens: options.mattermostTokens ?? [MATTERMOST_TOKEN] },
    metrics,
    clock,
    runnerWake: () => void (wakes.runner += 1),
    replyWake: () => void (wakes.reply += 1),
    ...(options.sessionTtlMs === undefined ? {} : { sessionTtlMs: options.sessionTtlMs }),
  };
  const app = createApp(options.adjust ? options.adjust(baseDeps) : baseDeps);
  await app.ready();

  const world: HttpWorld = {
    app,
    store,
    clock,
    metrics,
    settings,
    commandDeps,
    wakes,
    async project(files = { '.gitlab-ci.yml': DEMO_CI }) {
      const repo = createGitRepo({ files, prefix: 'chatrun-http-repo-' });
      repos.push(repo);
      return store.projects.upsertByPath({ path: unique('ops/app'), repository: repo.dir }, clock.now());
    },
    async user(userOptions = {}) {
      const username = unique('user');
      const passwordHash = userOptions.password === null ? null : await hashPassword(userOptions.password ?? PASSWORD, { N: 1024, r: 8, p: 1 });
      const created = await store.users.create(
        { username, name: `Name ${username}`, email: `${username}@example.com`, isAdmin: userOptions.admin === true, passwordHash },
        clock.now(),
      );
      return created.kind === 'created' ? created.user : assert.fail('user not created');
    },
    async member(user, project, role) {
      await store.memberships.setRole(user.id, project.id, role, clock.now());
    },
    async signIn(user, password = PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/-/sign_in',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ username: user.username, password }).toString(),
      });
      assert.equal(response.statusCode, 303, `sign-in answered ${response.statusCode}`);
      return sessionCookie(response);
    },
    async apiToken(user) {
      const token = generateToken('api');
      await store.users.createApiToken({ userId: user.id, name: 'tests', tokenHash: hashToken(token) }, clock.now());
      return token;
    },
    async signedInDeveloper() {
      const project = await world.project();
      const developer = await world.user();
      await world.member(developer, project, 'developer');
      return { project, developer, cookie: await world.signIn(developer) };
    },
    async close() {
      await app.close();
      await store.close();
      for (const repo of repos) repo.remove();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return world;
}

/** The `name=value` of the session cookie an answer set. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'chatrun_session');
  assert.ok(cookie !== undefined, 'the answer sets the session cookie');
  return `${cookie.name}=${cookie.value}`;
}
