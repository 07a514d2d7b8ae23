/**
 * The final variables of one job (SPEC §4): the layers of
 * ./variable-layers.ts (YAML globals filtered by `inherit:variables`, the
 * workflow rule's, the job's, matrix values, the matching rule's, project,
 * pipeline, and predefined last so nothing overrides them), then expanded
 * as ./expand-variable-set.ts describes (nested references resolved, `$$` →
 * `$`, undefined → empty, raw values untouched).
 *
 * Only what the job is given is here: the server adds PATH, HOME, LANG…
 * itself, and `$PATH` inside a YAML value is undefined at this point (as
 * under GitLab's runner).
 */
import type { CiConfig } from '../ci-config/job-spec.js';
import { expandVariableSet } from './expand-variable-set.js';
import type { IncludedJob } from './job-inclusion.js';
import type { ProjectVariables } from './pipeline-context.js';
import { layerVariables } from './variable-layers.js';
import type { VariableOrigin } from './variable-layers.js';

export interface JobVariablesInput {
  readonly config: Pick<CiConfig, 'variables'>;
  /** The selected job: its spec plus the rule and workflow variables that applied. */
  readonly job: Pick<IncludedJob, 'spec' | 'ruleVariables' | 'workflowVariables'>;
  /** From ./predefined-variables.ts. */
  readonly predefined: Readonly<Record<string, string>>;
  readonly projectVariables?: ProjectVariables;
  readonly pipelineVariables?: Readonly<Record<string, string>>;
}

export interface JobVariable {
  readonly name: string;
  readonly value: string;
  readonly masked: boolean;
  /** Which layer the value came from (the one that won). */
  readonly origin: VariableOrigin;
}

export type JobVariablesResult =
  | {
      readonly kind: 'built';
      /** In order of first definition. */
      readonly variables: readonly JobVariable[];
      /** name → value, ready to become the job's environment. */
      readonly environment: Readonly<Record<string, string>>;
      /** Values to hide in traces and replies: distinct, non-empty, longest first. */
      readonly maskedValues: readonly string[];
    }
  | {
      readonly kind: 'circular_reference';
      readonly cycles: readonly (readonly string[])[];
      /** GitLab's text: `deploy: circular variable reference detected: ["A", "B"]`. */
      readonly message: string;
    };

export function buildJobVariables(input: JobVariablesInput): JobVariablesResult {
  const { spec } = input.job;
  const layered = layerVariables({
    globals: input.config.variables,
    workflow: input.job.workflowVariables,
    inherit: spec.inherit.variables,
    job: spec.variables,
    matrix: spec.parallelVariables,
    rule: input.job.ruleVariables,
    project: input.projectVariables,
    pipeline: input.pipelineVariables,
    predefined: input.predefined,
  });
  const expansion = expandVariableSet([...layered.values()]);
  if (expansion.kind === 'circular_reference') {
    return { kind: 'circular_reference', cycles: expansion.cycles, message: `${spec.name}: ${expansion.message}` };
  }
  const variables: JobVariable[] = [];
  for (const variable of layered.values()) {
    const value = expansion.values.get(variable.name) ?? variable.value;
    variables.push({ name: variable.name, value, masked: variable.masked, origin: variable.origin });
  }
  const masked = new Set(variables.filter((variable) => variable.masked && variable.value !== '').map((variable) => variable.value));
  return {
    kind: 'built',
    variables,
    environment: Object.fromEntries(variables.map((variable) => [variable.name, variable.value])),
    maskedValues: [...masked].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)),
  };
}
