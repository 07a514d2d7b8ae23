/**
 * What the job-side tests share: a migrated SQLite store in a temp dir, a
 * real git repository with one commit, a project pointing at it, settings
 * with project variables, and a clock the test may move forward. Jobs are
 * created as the command side will create them (a chat pipeline holding one
 * job, payload written with storedJobPayload).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../src/adapters/store/open-store.js';
import type { ProjectVariables } from '../../../src/domain/pipeline/pipeline-context.js';
import type { RunnableJob } from '../../../src/domain/job/runnable-job.js';
import type { JobStatus } from '../../../src/domain/job/job-status.js';
import { registerEmbeddedRunner } from '../../../src/app/embedded-runner.js';
import type { JobDependencies } from '../../../src/app/job-dependencies.js';
import { storedJobPayload } from '../../../src/app/job-payload.js';
import type { RunnerIdentity } from '../../../src/ports/runner-protocol.js';
import type { ChatContext, JobRecord, PipelineRecord } from '../../../src/ports/store/pipeline-record.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import type { Store } from '../../../src/ports/store/store.js';

export const EXTERNAL_URL = 'http://chatrun.test';

export interface Harness {
  readonly dir: string;
  readonly dbFile: string;
  store: Store;
  readonly repository: string;
  readonly sha: string;
  readonly project: ProjectRecord;
  readonly variables: Record<string, ProjectVariables>;
  /** Epoch ms: real (or frozen) time plus whatever the test skipped. */
  readonly clock: { now(): number; advance(ms: number): void };
  readonly notified: { replies: number };
  readonly finished: JobRecord[];
  deps(overrides?: Partial<JobDependencies>): JobDependencies;
  runner(name?: string): Promise<RunnerIdentity>;
  /** Opens the same database again (a restarted server). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

/** `frozen`: time moves only by `clock.advance` (delivery and reaping tests); else it is real time. */
export async function openHarness(options: { readonly frozen?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'chatrun-jobs-test-'));
  const repository = join(dir, 'repo');
  mkdirSync(repository);
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: repository,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
    })
      .toString('utf8')
      .trim();
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repository, 'README'), 'hello from the repository\n');
  git('add', 'README');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'first');
  const sha = git('rev-parse', 'HEAD');

  const dbFile = join(dir, 'chatrun.db');
  let store = openStore({ url: `sqlite:${dbFile}` });
  const migrated = await store.migrate();
  if (!migrated.ok) throw new Error(`migration failed: ${migrated.error}`);
  const start = Date.now();
  let offset = 0;
  const clock = {
    now: () => (options.frozen === true ? start : Date.now()) + offset,
    advance: (ms: number) => void (offset += ms),
  };
  const project = await store.projects.upsertByPath({ path: 'ops/infra', repository }, clock.now());
  const variables: Record<string, ProjectVariables> = {};
  const notified = { replies: 0 };
  const finished: JobRecord[] = [];

  const harness: Harness = {
    dir,
    dbFile,
    get store() {
      return store;
    },
    set store(value) {
      store = value;
    },
    repository,
    sha,
    project,
    variables,
    clock,
    notified,
    finished,
    deps: (overrides = {}) => ({
      store,
      clock,
      settings: { externalUrl: EXTERNAL_URL, projectVariables: (path) => variables[path] ?? {} },
      notifyReplies: () => void (notified.replies += 1),
      onJobFinished: (job) => void finished.push(job),
      ...overrides,
    }),
    runner: (name = 'embedded@test') => registerEmbeddedRunner(store.runners, name, clock.now()),
    async reopen() {
      await store.close();
      store = openStore({ url: `sqlite:${dbFile}` });
      const again = await store.migrate();
      if (!again.ok) throw new Error(`migration failed: ${again.error}`);
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface ChatJobOptions {
  readonly script: readonly string[];
  readonly beforeScript?: readonly string[];
  readonly afterScript?: readonly string[];
  readonly variables?: RunnableJob['variables'];
  readonly timeoutSeconds?: number;
  readonly allowFailure?: RunnableJob['allowFailure'];
  readonly status?: JobStatus;
  readonly name?: string;
  readonly chat?: Partial<ChatContext> | null;
}

/** A chat pipeline with one job, as a `/chatrun run` command leaves it. */
export async function createChatJob(
  h: Harness,
  options: ChatJobOptions,
): Promise<{ pipeline: PipelineRecord; job: JobRecord }> {
  const chat: ChatContext | null =
    options.chat === null
      ? null
      : {
          platform: 'slack',
          teamId: 'T0001',
          channelId: 'C0123',
          channelName: 'ops',
          chatUserId: 'U0001',
          chatUserName: 'alice',
          responseUrl: null,
          thread: null,
          commandText: `run ${options.name ?? 'hello'}`,
          ...options.chat,
        };
  const payload = storedJobPayload({
    beforeScript: [...(options.beforeScript ?? [])],
    script: [...options.script],
    afterScript: [...(options.afterScript ?? [])],
    variables: [...(options.variables ?? [])],
    allowFailure: options.allowFailure ?? false,
  });
  const status = options.status ?? 'pending';
  const created = await h.store.pipelines.createPipeline(
    { projectId: h.project.id, source: chat?.platform === 'web' ? 'web' : 'chat', ref: 'main', sha: h.sha, userId: null, status, chat },
    [
      {
        name: options.name ?? 'hello',
        stage: 'test',
        status,
        when: status === 'manual' ? 'manual' : 'on_success',
        allowFailure: options.allowFailure !== undefined && options.allowFailure !== false,
        timeoutSeconds: options.timeoutSeconds ?? 60,
        payload,
      },
    ],
    h.clock.now(),
  );
  const job = created.jobs[0];
  if (job === undefined) throw new Error('no job created');
  return { pipeline: created.pipeline, job };
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
