/**
 * `workflow:rules` (research ci-yaml.md §3.4): none → the pipeline is
 * created; otherwise the first matching rule decides (`when` defaults to
 * `always`; `never` stops the pipeline) and its `variables` override the
 * global ones for every job; no matching rule → no pipeline.
 */
import type { CiConfig, VariableMap } from '../ci-config/job-spec.js';
import { describeNoMatch } from './describe-rule.js';
import type { FileList } from './path-clauses.js';
import type { PipelineContext } from './pipeline-context.js';
import { firstMatchingRule } from './rule-match.js';
import { workflowRuleVariables } from './rule-variables.js';

export type WorkflowDecision =
  | { readonly kind: 'run'; readonly variables: VariableMap; readonly matchedRule?: number }
  | { readonly kind: 'filtered'; readonly detail: string };

export async function evaluateWorkflow(config: CiConfig, context: PipelineContext, files: FileList): Promise<WorkflowDecision> {
  const rules = config.workflow?.rules;
  if (rules === undefined) return { kind: 'run', variables: {} };
  const match = await firstMatchingRule(rules, {
    variables: workflowRuleVariables(config, context),
    changedPaths: context.changedPaths,
    files,
  });
  if (match.kind === 'no_match') return { kind: 'filtered', detail: `workflow:rules: ${describeNoMatch(rules)}` };
  if (match.rule.when === 'never') {
    return { kind: 'filtered', detail: `workflow:rules: rule ${match.position} matched with when: never` };
  }
  return { kind: 'run', variables: match.rule.variables ?? {}, matchedRule: match.position };
}

export function hasWorkflowRules(config: CiConfig): boolean {
  return config.workflow?.rules !== undefined;
}
