/**
 * A small real world for the chat command use cases: a migrated SQLite
 * store in a temp file, real git repositories in temp dirs read through the
 * real GitCli, settings as a server would build them, and a clock the test
 * moves. Each helper makes uniquely named rows, so tests in one file do not
 * depend on each other's data.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitCli } from '../../../src/adapters/git/git-cli.js';
import { openStore } from '../../../src/adapters/store/open-store.js';
import type { AppSettings } from '../../../src/app/app-settings.js';
import type { ChatCommandDeps } from '../../../src/app/chat-command-deps.js';
import { wireChatCommandDeps } from '../../../src/cli/chat-command-wiring.js';
import type { ChatCommandRequest } from '../../../src/domain/chat-command/chat-command-request.js';
import type { ProjectVariables } from '../../../src/domain/pipeline/pipeline-context.js';
import type { Git } from '../../../src/ports/git.js';
import type { MemberRole } from '../../../src/ports/store/membership-store.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import type { Store } from '../../../src/ports/store/store.js';
import type { UserRecord } from '../../../src/ports/store/user-store.js';

export const EXTERNAL_URL = 'http://chatrun.test';
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export interface MovableClock {
  now(): number;
  advance(ms: number): void;
}

export interface TestRepo {
  readonly dir: string;
  /** Writes the files and commits them; answers the new HEAD. */
  commit(files: Readonly<Record<string, string>>, message?: string): string;
}

export interface CommandWorld {
  readonly store: Store;
  readonly git: GitCli;
  readonly clock: MovableClock;
  readonly channelDefaults: Map<string, string>;
  readonly projectVariables: Map<string, ProjectVariables>;
  settings(overrides?: Partial<AppSettings>): AppSettings;
  deps(overrides?: Partial<ChatCommandDeps>): ChatCommandDeps;
  repo(files: Readonly<Record<string, string>>, branch?: string): TestRepo;
  /** A project whose repository holds `files` (committed on `main`). */
  project(files: Readonly<Record<string, string>>, options?: { readonly path?: string; readonly repository?: string; readonly defaultBranch?: string | null }): Promise<ProjectRecord>;
  user(options?: { readonly admin?: boolean }): Promise<UserRecord>;
  member(user: UserRecord, project: ProjectRecord, role: MemberRole): Promise<void>;
  /** Links a fresh Slack account to the user; answers its chat user id. */
  linkSlack(user: UserRecord): Promise<string>;
  /**
   * Where most command tests start: a project holding `files`, the default
   * of Slack channel C1, and a developer of it with a linked Slack account.
   */
  developerInChannel(files: Readonly<Record<string, string>>): Promise<{ readonly project: ProjectRecord; readonly dev: UserRecord; readonly devChat: string }>;
  request(text: string, overrides?: Partial<ChatCommandRequest>): ChatCommandRequest;
  close(): Promise<void>;
}

let sequence = 0;
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}${process.pid}x${sequence}`;
}

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

export async function createCommandWorld(): Promise<CommandWorld> {
  const root = mkdtempSync(join(tmpdir(), 'chatrun-commands-'));
  const dbFile = join(root, 'chatrun.db');
  const store = openStore({ url: `sqlite:${dbFile}` });
  const migrated = await store.migrate();
  assert.ok(migrated.ok, 'migrations apply');
  const git = new GitCli({ cacheDir: join(root, 'git-cache') });
  let time = T0;
  const clock: MovableClock = { now: () => time, advance: (ms) => void (time += ms) };
  const channelDefaults = new Map<string, string>();
  const projectVariables = new Map<string, ProjectVariables>();

  const settings = (overrides: Partial<AppSettings> = {}): AppSettings => ({
    externalUrl: EXTERNAL_URL,
    rateLimitPerMinute: 30,
    commandNames: { slack: '/chatrun', mattermost: '/chatrun', web: '/chatrun' },
    defaultJobTimeoutSeconds: 3600,
    linkTokenTtlMs: 10 * 60_000,
    defaultProjectFor: (platform, channelId) => channelDefaults.get(`${platform}:${channelId}`),
    projectVariables: (path) => projectVariables.get(path) ?? {},
    projectTimeoutSeconds: () => undefined,
    ...overrides,
  });

  const repo = (files: Readonly<Record<string, string>>, branch = 'main'): TestRepo => {
    const dir = join(root, unique('repo'));
    mkdirSync(dir);
    const run = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
    run('init', '--quiet', `--initial-branch=${branch}`);
    run('config', 'user.name', 'Chat Tester');
    run('config', 'user.email', 'tester@chatrun.test');
    const commit = (more: Readonly<Record<string, string>>, message = 'commit'): string => {
      for (const [path, content] of Object.entries(more)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      run('add', '--all');
      run('commit', '--quiet', '--allow-empty', '-m', message);
      return run('rev-parse', 'HEAD').trim();
    };
    commit(files, 'initial commit');
    return { dir, commit };
  };

  const world: CommandWorld = {
    store,
    git,
    clock,
    channelDefaults,
    projectVariables,
    settings,
    deps: (overrides = {}) => wireChatCommandDeps({ store, git, clock, settings: settings() }, { deadlineMs: 5000, ...overrides }),
    repo,
    async project(files, options = {}) {
      const repository = options.repository ?? repo(files).dir;
      return store.projects.upsertByPath(
        { path: options.path ?? unique('ops/p'), repository, defaultBranch: options.defaultBranch ?? null },
        clock.now(),
      );
    },
    async user(options = {}) {
      const username = unique('user');
      const created = await store.users.create(
        { username, name: `Name ${username}`, email: `${username}@example.com`, isAdmin: options.admin === true },
        clock.now(),
      );
      return created.kind === 'created' ? created.user : assert.fail('user not created');
    },
    async member(user, project, role) {
      await store.memberships.setRole(user.id, project.id, role, clock.now());
    },
    async linkSlack(user) {
      const chatUserId = unique('U');
      await store.chatIdentities.link({ platform: 'slack', teamId: 'T1', chatUserId, chatUserName: `chat-${user.username}` }, user.id, clock.now());
      return chatUserId;
    },
    async developerInChannel(files) {
      const project = await world.project(files);
      channelDefaults.set('slack:C1', project.path);
      const dev = await world.user();
      await world.member(dev, project, 'developer');
      return { project, dev, devChat: await world.linkSlack(dev) };
    },
    request(text, overrides = {}) {
      return {
        platform: 'slack',
        teamId: 'T1',
        channelId: 'C1',
        channelName: 'ops-room',
        chatUserId: 'U0',
        chatUserName: 'jane',
        command: '/chatrun',
        text,
        responseUrl: 'https://hooks.slack.test/commands/1',
        requestKey: unique('slack:T1:trigger:'),
        ...overrides,
      };
    },
    async close() {
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return world;
}

/** A Git port that counts and can slow down calls, around a real one. */
export function instrumentedGit(inner: Git, options: { delayMs?: number } = {}): Git & { calls: Record<string, number>; configReads: number } {
  const delay = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
  const wrapper = {
    calls: { resolveDefaultBranch: 0, resolveCommit: 0, sourceTreeAt: 0 } as Record<string, number>,
    configReads: 0,
    async resolveDefaultBranch(repository: string) {
      wrapper.calls['resolveDefaultBranch'] = (wrapper.calls['resolveDefaultBranch'] ?? 0) + 1;
      return inner.resolveDefaultBranch(repository);
    },
    async resolveCommit(repository: string, ref: string) {
      wrapper.calls['resolveCommit'] = (wrapper.calls['resolveCommit'] ?? 0) + 1;
      await delay();
      return inner.resolveCommit(repository, ref);
    },
    async sourceTreeAt(repository: string, sha: string) {
      wrapper.calls['sourceTreeAt'] = (wrapper.calls['sourceTreeAt'] ?? 0) + 1;
      const tree = await inner.sourceTreeAt(repository, sha);
      if (!tree.ok) return tree;
      const files = tree.value;
      return {
        ok: true as const,
        value: {
          listFiles: () => files.listFiles(),
          readFile: (path: string) => {
            wrapper.configReads += 1;
            return files.readFile(path);
          },
        },
      };
    },
    prepareWorkingCopy: inner.prepareWorkingCopy.bind(inner),
  };
  return wrapper;
}
