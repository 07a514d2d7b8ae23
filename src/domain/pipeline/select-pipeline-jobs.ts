/**
 * A whole pipeline of any source (web, API, push…): `workflow:rules` first,
 * then every visible job through its `rules` or `only`/`except`. Like GitLab,
 * a pipeline left with no job, or only with `.pre`/`.post` jobs, is empty
 * and not created. Jobs keep document order; `excluded` says why each
 * missing job is missing.
 */
import type { CiConfig, VariableMap } from '../ci-config/job-spec.js';
import { isEdgeStage } from '../ci-config/stages-entry.js';
import { evaluateConfigJob } from './config-job-inclusion.js';
import type { IncludedJob, JobExclusionCause } from './job-inclusion.js';
import { lazyFileList } from './path-clauses.js';
import type { PipelineContext } from './pipeline-context.js';
import { evaluateWorkflow } from './workflow-rules.js';

export type PipelineJob = IncludedJob;

export interface ExcludedJob {
  readonly name: string;
  readonly by: JobExclusionCause;
  readonly detail: string;
}

export type PipelineJobSelection =
  | {
      readonly kind: 'created';
      readonly jobs: readonly PipelineJob[];
      readonly excluded: readonly ExcludedJob[];
      readonly workflowVariables: VariableMap;
    }
  /** `workflow:rules` refused the pipeline. */
  | { readonly kind: 'not_created'; readonly by: 'workflow'; readonly detail: string }
  /** Every job was excluded, or only `.pre`/`.post` jobs were left. */
  | { readonly kind: 'empty'; readonly excluded: readonly ExcludedJob[]; readonly detail: string };

export async function selectPipelineJobs(config: CiConfig, context: PipelineContext): Promise<PipelineJobSelection> {
  const files = lazyFileList(context.tree);
  const workflow = await evaluateWorkflow(config, context, files);
  if (workflow.kind === 'filtered') return { kind: 'not_created', by: 'workflow', detail: workflow.detail };
  const jobs: PipelineJob[] = [];
  const excluded: ExcludedJob[] = [];
  for (const spec of config.jobs.values()) {
    const inclusion = await evaluateConfigJob(config, spec, { context, workflowVariables: workflow.variables, files });
    if (inclusion.kind === 'included') jobs.push(inclusion.job);
    else excluded.push({ name: spec.name, by: inclusion.by, detail: inclusion.detail });
  }
  if (jobs.length === 0) {
    const detail = excluded.length === 0 ? 'the config has no jobs' : 'the rules of every job excluded it from this pipeline';
    return { kind: 'empty', excluded, detail };
  }
  if (jobs.every((job) => isEdgeStage(job.spec.stage))) {
    return { kind: 'empty', excluded, detail: 'only .pre/.post jobs are left, and such a pipeline is never created' };
  }
  return { kind: 'created', jobs, excluded, workflowVariables: workflow.variables };
}
