/**
 * Whether one job belongs in a pipeline, and with which effective `when`,
 * `allow_failure` and `start_in` (GitLab's `seed/build.rb#included?`): a job
 * with `rules` is decided by its first matching rule only (no match, or a
 * match with `when: never`, leaves it out); otherwise by `only`/`except`
 * (./only-except.ts); a job with none of them is included.
 *
 * `allow_failure` follows GitLab: a matching rule's `allow_failure` wins (and
 * drops the job's `exit_codes`); else the job's own; else `true` only when the
 * job itself says `when: manual` (a `manual` coming from a rule gives false).
 */
import type { AllowFailure, JobSpec, JobWhen, VariableMap } from '../ci-config/job-spec.js';
import { describeNoMatch } from './describe-rule.js';
import { effectiveOnly, evaluateOnlyExcept } from './only-except.js';
import type { PolicyContext } from './only-except.js';
import type { FileList } from './path-clauses.js';
import { firstMatchingRule } from './rule-match.js';

/** A job that made it into the pipeline, with what the rules decided. */
export interface IncludedJob<W extends JobWhen = JobWhen> {
  readonly spec: JobSpec;
  readonly when: W;
  readonly allowFailure: AllowFailure;
  readonly startIn?: string;
  /** The matching rule's `variables:` ({} when none applied). */
  readonly ruleVariables: VariableMap;
  /** The matching `workflow:rules` entry's `variables:` ({} when none). */
  readonly workflowVariables: VariableMap;
  /** 1-based position of the rule that decided, when the job has `rules`. */
  readonly matchedRule?: number;
}

export type JobExclusionCause = 'rules' | 'only' | 'except';

export type JobInclusion =
  | { readonly kind: 'included'; readonly job: IncludedJob }
  | { readonly kind: 'excluded'; readonly by: JobExclusionCause; readonly detail: string };

export interface JobInclusionInput {
  readonly context: PolicyContext;
  /** What `rules:if` and `only:variables` see (./rule-variables.ts). */
  readonly variables: Readonly<Record<string, string>>;
  readonly files: FileList;
  readonly hasWorkflowRules: boolean;
  readonly workflowVariables: VariableMap;
}

const NO_VARIABLES: VariableMap = {};

export async function evaluateJobInclusion(spec: JobSpec, input: JobInclusionInput): Promise<JobInclusion> {
  if (spec.rules !== undefined) {
    const match = await firstMatchingRule(spec.rules, {
      variables: input.variables,
      changedPaths: input.context.changedPaths,
      files: input.files,
    });
    if (match.kind === 'no_match') return { kind: 'excluded', by: 'rules', detail: describeNoMatch(spec.rules) };
    const { rule, position } = match;
    if (rule.when === 'never') {
      return { kind: 'excluded', by: 'rules', detail: `rule ${position} matched with when: never` };
    }
    const when = rule.when ?? spec.when;
    const startIn = rule.startIn ?? (when === 'delayed' ? spec.startIn : undefined);
    return included({
      spec,
      when,
      allowFailure: rule.allowFailure ?? defaultAllowFailure(spec),
      ...(startIn !== undefined ? { startIn } : {}),
      ruleVariables: rule.variables ?? NO_VARIABLES,
      workflowVariables: input.workflowVariables,
      matchedRule: position,
    });
  }
  const verdict = evaluateOnlyExcept(effectiveOnly(spec, input.hasWorkflowRules), spec.except, input.context, input.variables);
  if (verdict.kind === 'excluded') return verdict;
  return included({
    spec,
    when: spec.when,
    allowFailure: defaultAllowFailure(spec),
    ...(spec.startIn !== undefined ? { startIn: spec.startIn } : {}),
    ruleVariables: NO_VARIABLES,
    workflowVariables: input.workflowVariables,
  });
}

function defaultAllowFailure(spec: JobSpec): AllowFailure {
  return spec.allowFailure ?? spec.when === 'manual';
}

function included(job: IncludedJob): JobInclusion {
  return { kind: 'included', job };
}
