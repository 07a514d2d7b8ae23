/**
 * The variables `workflow:rules` and a job's `rules`/`only:variables` see.
 *
 * GitLab evaluates rules before the job exists, so "persisted" variables
 * (CI_JOB_ID, CI_PIPELINE_ID, CI_JOB_URL, CI_PIPELINE_URL, CI_JOB_TOKEN, …)
 * are undefined there; workflow rules also lack every job-level variable
 * (CI_JOB_*, CI_BUILD_*). A job's rules do see its own CI_JOB_NAME,
 * CI_JOB_NAME_SLUG and CI_JOB_STAGE, its YAML variables (globals filtered by
 * `inherit:variables`, the workflow rule's variables, its own, matrix
 * values) but never the variables of the rule being tried. Values are not
 * expanded (research ci-yaml.md §6.1, §7.3).
 */
import type { CiConfig, JobSpec, VariableMap } from '../ci-config/job-spec.js';
import type { PipelineContext } from './pipeline-context.js';
import { slugify } from './slugify.js';
import { layerVariables, variableValues } from './variable-layers.js';

const PERSISTED = new Set([
  'CI_JOB_ID',
  'CI_JOB_URL',
  'CI_JOB_TOKEN',
  'CI_JOB_STARTED_AT',
  'CI_JOB_STATUS',
  'CI_PIPELINE_ID',
  'CI_PIPELINE_URL',
  'CI_REPOSITORY_URL',
]);
const PERSISTED_PREFIXES = ['CI_REGISTRY_', 'CI_DEPLOY_'];
const JOB_LEVEL_PREFIXES = ['CI_JOB_', 'CI_BUILD_'];

type RuleContext = Pick<PipelineContext, 'predefinedVariables' | 'projectVariables' | 'pipelineVariables'>;

export function workflowRuleVariables(config: CiConfig, context: RuleContext): Record<string, string> {
  const predefined = pick(context.predefinedVariables, (name) => !isPersisted(name) && !hasPrefix(name, JOB_LEVEL_PREFIXES));
  return variableValues(
    layerVariables({
      globals: config.variables,
      project: context.projectVariables,
      pipeline: context.pipelineVariables,
      predefined,
    }),
  );
}

export function jobRuleVariables(
  config: CiConfig,
  job: JobSpec,
  workflowVariables: VariableMap,
  context: RuleContext,
): Record<string, string> {
  const predefined = {
    ...pick(context.predefinedVariables, (name) => !isPersisted(name) && !hasPrefix(name, JOB_LEVEL_PREFIXES)),
    CI_JOB_NAME: job.name,
    CI_JOB_NAME_SLUG: slugify(job.name),
    CI_JOB_STAGE: job.stage,
  };
  return variableValues(
    layerVariables({
      globals: config.variables,
      workflow: workflowVariables,
      inherit: job.inherit.variables,
      job: job.variables,
      matrix: job.parallelVariables,
      project: context.projectVariables,
      pipeline: context.pipelineVariables,
      predefined,
    }),
  );
}

function isPersisted(name: string): boolean {
  return PERSISTED.has(name) || hasPrefix(name, PERSISTED_PREFIXES);
}

function hasPrefix(name: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => name.startsWith(prefix));
}

function pick(source: Readonly<Record<string, string>>, keep: (name: string) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter(([name]) => keep(name)));
}
