/**
 * A runner asks for work: the oldest pending job becomes `running` for it
 * (the store's claim never hands one job to two runners), and the stored
 * payload becomes the RunnableJob it needs — masked values resolved from
 * the project's CI variables, the job and pipeline ids and URLs filled in,
 * the git source taken from the pipeline when the payload names none.
 *
 * A job whose payload cannot be read (or whose project is gone) cannot be
 * run by anyone: it is failed at once with `runner_system_failure`, its
 * chat is told, and the claim moves on to the next job.
 */
import type { RunnableJob } from '../domain/job/runnable-job.js';
import type { JobRecord } from '../ports/store/pipeline-record.js';
import { jobUrl, pipelineUrl } from './chatrun-urls.js';
import { finishJob } from './finish-job.js';
import type { JobDependencies } from './job-dependencies.js';
import { readJobPayload, resolveRunnableJob } from './job-payload.js';

export type ClaimJobResult =
  | { readonly kind: 'claimed'; readonly job: RunnableJob; readonly record: JobRecord }
  | { readonly kind: 'none' };

/** Unreadable jobs skipped per call, so one call stays bounded. */
const MAX_SKIPPED = 10;
/** Runner contact is written at most this often. */
export const RUNNER_CONTACT_INTERVAL_MS = 30_000;

export interface ClaimJobOptions {
  /**
   * Whether to record the runner's contact (default true). A caller that
   * keeps count itself passes false when it recorded one within
   * RUNNER_CONTACT_INTERVAL_MS, sparing the store a statement per claim.
   */
  readonly touchContact?: boolean;
}

export async function claimJob(deps: JobDependencies, runnerId: number, options: ClaimJobOptions = {}): Promise<ClaimJobResult> {
  const { store, clock } = deps;
  if (options.touchContact ?? true) await store.runners.touchContact(runnerId, clock.now(), RUNNER_CONTACT_INTERVAL_MS);
  for (let skipped = 0; skipped <= MAX_SKIPPED; skipped++) {
    const now = clock.now();
    const record = await store.pipelines.claimNextJob(runnerId, now);
    if (record === undefined) return { kind: 'none' };
    const resolved = await runnableJobFor(deps, record);
    if (resolved.ok) return { kind: 'claimed', job: resolved.job, record };
    await finishJob(deps, {
      jobId: record.id,
      runnerId,
      outcome: { status: 'failed', failureReason: 'runner_system_failure', exitCode: null },
      closingReason: resolved.error,
    });
  }
  return { kind: 'none' };
}

async function runnableJobFor(
  deps: JobDependencies,
  record: JobRecord,
): Promise<{ ok: true; job: RunnableJob } | { ok: false; error: string }> {
  const payload = readJobPayload(record.payload);
  if (!payload.ok) return payload;
  const [pipeline, project] = await Promise.all([
    deps.store.pipelines.getPipeline(record.pipelineId),
    deps.store.projects.getById(record.projectId),
  ]);
  if (pipeline === undefined || project === undefined) return { ok: false, error: 'its pipeline or project no longer exists' };
  const { externalUrl } = deps.settings;
  const job = resolveRunnableJob(payload.payload, {
    jobId: record.id,
    name: record.name,
    stage: record.stage,
    timeoutSeconds: record.timeoutSeconds,
    pipelineId: pipeline.id,
    jobUrl: jobUrl(externalUrl, project.path, record.id),
    pipelineUrl: pipelineUrl(externalUrl, project.path, pipeline.id),
    git: { repository: project.repository, sha: pipeline.sha, ref: pipeline.ref, projectPath: project.path },
    projectVariables: deps.settings.projectVariables(project.path),
  });
  return { ok: true, job };
}
