/**
 * Small builders the contract tests share: a project, a user, a pipeline
 * with jobs. Each call makes fresh, uniquely named rows, so tests within a
 * file never depend on one another's data.
 */
import assert from 'node:assert/strict';
import type { JsonValue } from '../../src/ports/store/json-value.js';
import type { JobRecord, NewJob, PipelineRecord } from '../../src/ports/store/pipeline-record.js';
import type { ProjectRecord } from '../../src/ports/store/project-store.js';
import type { Store } from '../../src/ports/store/store.js';
import type { UserRecord } from '../../src/ports/store/user-store.js';

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function aProject(store: Store): Promise<ProjectRecord> {
  return store.projects.upsertByPath({ path: unique('group/project'), repository: '/srv/git/repo' }, 1000);
}

export async function aUser(store: Store): Promise<UserRecord> {
  const username = unique('user');
  const result = await store.users.create(
    { username, name: `Name of ${username}`, email: `${username}@example.com`, isAdmin: false },
    1000,
  );
  assert.equal(result.kind, 'created');
  return result.kind === 'created' ? result.user : assert.fail();
}

export async function aRunner(store: Store): Promise<number> {
  const result = await store.runners.create({ name: 'runner', tokenHash: unique('runner-token') }, 1000);
  return result.kind === 'created' ? result.runner.id : assert.fail('runner not created');
}

export function aJob(overrides: Partial<NewJob> = {}, payload: JsonValue = { script: ['echo hi'] }): NewJob {
  return {
    name: 'deploy',
    stage: 'deploy',
    status: 'pending',
    when: 'on_success',
    allowFailure: false,
    timeoutSeconds: 3600,
    payload,
    ...overrides,
  };
}

export async function aPipeline(
  store: Store,
  jobs: readonly NewJob[] = [aJob()],
  now = 2000,
): Promise<{ pipeline: PipelineRecord; jobs: readonly JobRecord[]; project: ProjectRecord }> {
  const project = await aProject(store);
  const created = await store.pipelines.createPipeline(
    { projectId: project.id, source: 'chat', ref: 'main', sha: 'a'.repeat(40), userId: null, status: 'pending', chat: null },
    jobs,
    now,
  );
  return { ...created, project };
}

/** Moves every pending job out of the queue, so a test can reason about exactly its own jobs. */
export async function drainQueue(store: Store): Promise<void> {
  const pending = await store.pipelines.listJobs({ statuses: ['pending'], limit: 10_000 });
  for (const job of pending) {
    await store.pipelines.transitionJob(job.id, ['pending'], 'canceled', { at: 1 });
  }
}
