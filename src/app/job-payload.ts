/**
 * The job payload as the jobs table keeps it, and the RunnableJob a runner
 * receives when it claims the job.
 *
 * Stored form (JSON, written by whoever creates the job through
 * `storedJobPayload`): the RunnableJob without `id`, `name`, `stage` and
 * `timeoutSeconds` (the job row holds them), and with the VALUE of every
 * masked variable left out — only its key and `masked: true` are kept, so
 * secrets are not at rest in the jobs table or its backups. The claim puts
 * the values back from the project's CI variables (`resolveRunnableJob`).
 *
 * Ids only exist once the rows do, so the claim also sets CI_JOB_ID,
 * CI_JOB_URL, CI_PIPELINE_ID and CI_PIPELINE_URL (whatever the payload said
 * about them), last so that nothing overrides them.
 */
import { z } from 'zod';
import type { ProjectVariables } from '../domain/pipeline/pipeline-context.js';
import type { RunnableJob, RunnableJobGitSource, RunnableJobVariable } from '../domain/job/runnable-job.js';
import type { JsonObject, JsonValue } from '../ports/store/json-value.js';

const variableSchema = z.object({
  key: z.string().min(1),
  value: z.string().optional(),
  masked: z.boolean().optional(),
  raw: z.boolean().optional(),
});

const gitSchema = z.object({
  repository: z.string().min(1),
  sha: z.string().min(1),
  ref: z.string().min(1),
  projectPath: z.string().min(1),
});

const payloadSchema = z.object({
  beforeScript: z.array(z.string()).default([]),
  script: z.array(z.string()),
  afterScript: z.array(z.string()).default([]),
  variables: z.array(variableSchema).default([]),
  allowFailure: z.union([z.boolean(), z.object({ exitCodes: z.array(z.number().int()) })]).default(false),
  git: gitSchema.optional(),
});

export type StoredJobPayload = z.infer<typeof payloadSchema>;

export type ReadJobPayloadResult =
  | { readonly ok: true; readonly payload: StoredJobPayload }
  | { readonly ok: false; readonly error: string };

/** The JSON to store for a job: masked values dropped. */
export function storedJobPayload(job: Omit<RunnableJob, 'id' | 'name' | 'stage' | 'timeoutSeconds'>): JsonObject {
  return {
    beforeScript: [...job.beforeScript],
    script: [...job.script],
    afterScript: [...job.afterScript],
    variables: job.variables.map((v) => ({
      key: v.key,
      ...(v.masked ? { masked: true } : { value: v.value }),
      ...(v.raw === true ? { raw: true } : {}),
    })),
    allowFailure: typeof job.allowFailure === 'boolean' ? job.allowFailure : { exitCodes: [...job.allowFailure.exitCodes] },
    ...(job.git === undefined ? {} : { git: { ...job.git } }),
  };
}

export function readJobPayload(payload: JsonValue): ReadJobPayloadResult {
  const parsed = payloadSchema.safeParse(payload);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'payload' : issue.path.join('.');
  return { ok: false, error: `the stored job payload is unreadable (${where}: ${issue?.message ?? 'invalid'})` };
}

export interface RunnableJobFacts {
  readonly jobId: number;
  readonly name: string;
  readonly stage: string;
  readonly timeoutSeconds: number;
  readonly pipelineId: number;
  readonly jobUrl: string;
  readonly pipelineUrl: string;
  /** Used when the payload names no git source. */
  readonly git: RunnableJobGitSource;
  readonly projectVariables: ProjectVariables;
}

const ID_VARIABLES = new Set(['CI_JOB_ID', 'CI_JOB_URL', 'CI_PIPELINE_ID', 'CI_PIPELINE_URL']);

export function resolveRunnableJob(payload: StoredJobPayload, facts: RunnableJobFacts): RunnableJob {
  const variables: RunnableJobVariable[] = payload.variables
    .filter((v) => !ID_VARIABLES.has(v.key))
    .map((v) => {
      const masked = v.masked === true;
      // A masked value in the payload is not trusted to be current (or to be there at all).
      const value = masked ? (facts.projectVariables[v.key]?.value ?? v.value ?? '') : (v.value ?? '');
      return { key: v.key, value, masked, ...(v.raw === true ? { raw: true } : {}) };
    });
  variables.push(
    { key: 'CI_JOB_ID', value: String(facts.jobId), masked: false },
    { key: 'CI_JOB_URL', value: facts.jobUrl, masked: false },
    { key: 'CI_PIPELINE_ID', value: String(facts.pipelineId), masked: false },
    { key: 'CI_PIPELINE_URL', value: facts.pipelineUrl, masked: false },
  );
  return {
    id: facts.jobId,
    name: facts.name,
    stage: facts.stage,
    beforeScript: payload.beforeScript,
    script: payload.script,
    afterScript: payload.afterScript,
    variables,
    timeoutSeconds: facts.timeoutSeconds,
    allowFailure: payload.allowFailure,
    git: payload.git ?? facts.git,
  };
}

/** The values to hide in anything shown: masked variables' current values, longest first. */
export function maskedValuesOf(payload: Pick<StoredJobPayload, 'variables'>, projectVariables: ProjectVariables): string[] {
  const values = new Set<string>();
  for (const v of payload.variables) {
    if (v.masked !== true) continue;
    const value = projectVariables[v.key]?.value ?? v.value ?? '';
    if (value !== '') values.add(value);
  }
  for (const variable of Object.values(projectVariables)) {
    if (variable.masked === true && variable.value !== '') values.add(variable.value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}
