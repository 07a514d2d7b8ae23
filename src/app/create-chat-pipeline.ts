/**
 * Creates the pipeline of an accepted chat command and its single job.
 *
 * The job's variables are expanded here, once, and a config may use the
 * job's own ids in them (`TAG: build-$CI_JOB_ID`), which exist only once
 * the rows do (the claim sets the id variables again, to the same values,
 * see ./job-payload.ts; that cannot reach into other values). So the pipeline
 * and job are written together in one transaction as `created` (a status no
 * runner takes), and one compare-and-set then stores the payload and moves
 * the job to `pending` (queued) or `manual` (waiting to be started), with
 * the pipeline, in one more transaction. A runner can therefore never see
 * a job without its payload. `beforeQueue` runs between the two, while no
 * runner can have taken the job: an acknowledgement written to the reply
 * outbox there is sure to precede the job's result.
 *
 * `when: delayed` is treated as `manual` (the job waits for someone to
 * start it; `start_in` is not honoured), as chatrun has no scheduler.
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import type { CiConfig } from '../domain/ci-config/job-spec.js';
import type { PipelinePredefinedInput } from '../domain/pipeline/predefined-variables.js';
import type { SelectedJob } from '../domain/pipeline/select-chat-job.js';
import type { CommitInfo } from '../ports/git.js';
import type { JobRecord, PipelineRecord } from '../ports/store/pipeline-record.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { AppSettings } from './app-settings.js';
import { buildChatJobPayload } from './build-chat-job-payload.js';
import { chatContextOf } from './chat-context-of.js';
import { jobUrl, pipelineUrl } from './chatrun-urls.js';
import { storedJobPayload } from './job-payload.js';

export interface CreateChatPipelineInput {
  readonly request: ChatCommandRequest;
  readonly project: ProjectRecord;
  readonly user: UserRecord;
  readonly branch: string;
  readonly commit: CommitInfo;
  readonly config: CiConfig;
  readonly selected: SelectedJob;
  readonly facts: PipelinePredefinedInput;
  readonly beforeQueue: (created: { readonly pipeline: PipelineRecord; readonly job: JobRecord; readonly manual: boolean }) => Promise<void>;
}

export type CreateChatPipelineResult =
  | { readonly kind: 'created'; readonly pipeline: PipelineRecord; readonly job: JobRecord; readonly manual: boolean }
  /** The job's variables refer to each other in a circle: nothing was created. */
  | { readonly kind: 'circular_reference'; readonly message: string }
  /** Someone canceled the job in the instant between its creation and its queueing. */
  | { readonly kind: 'canceled'; readonly pipeline: PipelineRecord; readonly job: JobRecord };

export async function createChatPipeline(
  deps: { readonly store: Store; readonly settings: AppSettings; readonly clock: { now(): number } },
  input: CreateChatPipelineInput,
): Promise<CreateChatPipelineResult> {
  const { store, settings } = deps;
  const { project, selected, request } = input;
  const { spec } = selected;
  const manual = selected.when === 'manual' || selected.when === 'delayed';
  const timeoutSeconds = spec.timeoutSeconds ?? settings.projectTimeoutSeconds(project.path) ?? settings.defaultJobTimeoutSeconds;
  const payloadFor = (jobId: number, pipelineId: number) =>
    buildChatJobPayload({
      config: input.config,
      selected,
      facts: input.facts,
      projectVariables: settings.projectVariables(project.path),
      jobId,
      pipelineId,
      jobUrl: jobUrl(settings.externalUrl, project.path, jobId),
      pipelineUrl: pipelineUrl(settings.externalUrl, project.path, pipelineId),
      timeoutSeconds,
      git: { repository: project.repository, sha: input.commit.sha, ref: input.branch, projectPath: project.path },
    });
  // Ids do not change whether variables refer to each other in a circle: find out before writing anything.
  const rehearsal = payloadFor(0, 0);
  if (rehearsal.kind === 'circular_reference') return rehearsal;

  const { pipeline, jobs } = await store.pipelines.createPipeline(
    {
      projectId: project.id,
      source: 'chat',
      ref: input.branch,
      sha: input.commit.sha,
      userId: input.user.id,
      status: 'created',
      chat: chatContextOf(request),
    },
    [
      {
        name: spec.name,
        stage: spec.stage,
        status: 'created',
        when: selected.when,
        allowFailure: selected.allowFailure !== false,
        timeoutSeconds,
        payload: {},
      },
    ],
    deps.clock.now(),
  );
  const created = jobs[0];
  if (created === undefined) throw new Error(`pipeline ${pipeline.id} was created without its job`);
  const payload = payloadFor(created.id, pipeline.id);
  if (payload.kind === 'circular_reference') throw new Error('job variables became circular between two identical builds');

  await input.beforeQueue({ pipeline, job: created, manual });
  const status = manual ? 'manual' : 'pending';
  const queued = await store.pipelines.transitionJob(created.id, ['created'], status, {
    at: deps.clock.now(),
    payload: storedJobPayload(payload.job),
    pipelineStatus: status,
  });
  if (queued.kind === 'not_found') throw new Error(`job ${created.id} vanished right after its creation`);
  if (queued.kind === 'conflict') return { kind: 'canceled', pipeline, job: queued.job };
  return { kind: 'created', pipeline: { ...pipeline, status }, job: queued.job, manual };
}
