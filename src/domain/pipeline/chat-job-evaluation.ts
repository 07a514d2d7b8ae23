/**
 * One job judged as GitLab judges it in a chat pipeline (SPEC §3): source
 * `chat`, a branch pipeline on the default branch, and the pipeline holds
 * this job alone. Beyond rules/only/except, two things make such a pipeline
 * impossible, and chatrun says so instead of failing vaguely:
 * - a job in `.pre`/`.post`: GitLab never creates a pipeline holding only
 *   those stages;
 * - `when: on_failure`: nothing before the job can fail, so it would only
 *   ever be skipped.
 */
import type { CiConfig, JobSpec } from '../ci-config/job-spec.js';
import { isEdgeStage } from '../ci-config/stages-entry.js';
import { evaluateConfigJob } from './config-job-inclusion.js';
import type { IncludedJob, JobExclusionCause } from './job-inclusion.js';
import type { FileList } from './path-clauses.js';
import type { PipelineContext } from './pipeline-context.js';
import type { WorkflowDecision } from './workflow-rules.js';

export type ChatWhen = 'on_success' | 'always' | 'manual' | 'delayed';

/** The job chat will run: its spec and what its rules decided. */
export type SelectedJob = IncludedJob<ChatWhen>;

export type ChatExclusionCause = 'workflow' | JobExclusionCause | 'when' | 'stage';

/** What a chat pipeline is evaluated against; source and ref kind are implied. */
export type ChatPipelineContext = Omit<PipelineContext, 'source' | 'refKind'>;

export type ChatJobVerdict =
  | { readonly kind: 'selected'; readonly job: SelectedJob }
  | { readonly kind: 'excluded'; readonly by: ChatExclusionCause; readonly detail: string };

/** The context as a chat pipeline sees it, whatever the caller filled in. */
export function chatPipelineContext(context: ChatPipelineContext): PipelineContext {
  return {
    ...context,
    source: 'chat',
    refKind: 'branch',
    predefinedVariables: { ...context.predefinedVariables, CI_PIPELINE_SOURCE: 'chat' },
  };
}

export async function evaluateChatJob(
  config: CiConfig,
  spec: JobSpec,
  context: PipelineContext,
  workflow: Extract<WorkflowDecision, { kind: 'run' }>,
  files: FileList,
): Promise<ChatJobVerdict> {
  const inclusion = await evaluateConfigJob(config, spec, { context, workflowVariables: workflow.variables, files });
  if (inclusion.kind === 'excluded') return inclusion;
  const { job } = inclusion;
  if (isEdgeStage(spec.stage)) {
    return {
      kind: 'excluded',
      by: 'stage',
      detail: `stage ${spec.stage}: a pipeline holding only .pre/.post jobs is never created, so this job cannot run on its own`,
    };
  }
  if (job.when === 'on_failure') {
    return {
      kind: 'excluded',
      by: 'when',
      detail: 'when: on_failure: the job runs only after an earlier job failed, and a chat pipeline holds only this job',
    };
  }
  return { kind: 'selected', job: { ...job, when: job.when } };
}
