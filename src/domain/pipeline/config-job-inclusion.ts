/**
 * One job of a config judged for a pipeline that `workflow:rules` let run,
 * the same way for a whole pipeline (./select-pipeline-jobs.ts) and for a
 * chat pipeline of one job (./chat-job-evaluation.ts): the variables its
 * `rules:if` and `only:variables` see (./rule-variables.ts) and whether the
 * config has `workflow:rules` (which changes the default `only`) come from
 * the config, then ./job-inclusion.ts decides.
 */
import type { CiConfig, JobSpec, VariableMap } from '../ci-config/job-spec.js';
import { evaluateJobInclusion, type JobInclusion } from './job-inclusion.js';
import type { FileList } from './path-clauses.js';
import type { PipelineContext } from './pipeline-context.js';
import { jobRuleVariables } from './rule-variables.js';
import { hasWorkflowRules } from './workflow-rules.js';

export interface ConfigPipeline {
  readonly context: PipelineContext;
  /** The matching `workflow:rules` entry's `variables:` ({} when none). */
  readonly workflowVariables: VariableMap;
  readonly files: FileList;
}

export function evaluateConfigJob(config: CiConfig, spec: JobSpec, pipeline: ConfigPipeline): Promise<JobInclusion> {
  const { context, workflowVariables, files } = pipeline;
  return evaluateJobInclusion(spec, {
    context,
    variables: jobRuleVariables(config, spec, workflowVariables, context),
    files,
    hasWorkflowRules: hasWorkflowRules(config),
    workflowVariables,
  });
}
