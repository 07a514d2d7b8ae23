/**
 * `only` / `except` (research ci-yaml.md §6.2): a job is included when every
 * key of `only` holds (`refs`: any entry matches; `variables`: any
 * expression is true; `changes`: any glob matches a changed path, or there is
 * no diff; `kubernetes: active`) and no key of `except` holds.
 *
 * GitLab's implicit `only: {refs: [branches, tags]}` applies when the job has
 * no `rules` and the file has no `workflow:rules`; it is deep-merged into
 * what the user wrote, so `only: {variables: […]}` keeps the default refs and
 * `only: [main]` replaces them. Applying it is idempotent, so it does not
 * matter whether the loader has already done so.
 */
import type { JobSpec, Policy } from '../ci-config/job-spec.js';
import { isTruthful } from '../expression/evaluate-expression.js';
import { matchChanges } from './path-clauses.js';
import type { PipelineContext } from './pipeline-context.js';
import { matchRefPattern, sourceKeyword } from './ref-pattern.js';

export const DEFAULT_ONLY_REFS: readonly string[] = ['branches', 'tags'];

/** The `only` GitLab evaluates for this job, or undefined when it has none. */
export function effectiveOnly(job: JobSpec, hasWorkflowRules: boolean): Policy | undefined {
  if (job.only !== undefined) return job.only.refs !== undefined ? job.only : { ...job.only, refs: DEFAULT_ONLY_REFS };
  if (job.rules !== undefined || hasWorkflowRules) return undefined;
  return { refs: DEFAULT_ONLY_REFS };
}

export type PolicyContext = Pick<
  PipelineContext,
  'source' | 'ref' | 'refKind' | 'projectPath' | 'changedPaths' | 'kubernetesActive'
>;

export type PolicyVerdict =
  | { readonly kind: 'included' }
  | { readonly kind: 'excluded'; readonly by: 'only' | 'except'; readonly detail: string };

export function evaluateOnlyExcept(
  only: Policy | undefined,
  except: Policy | undefined,
  context: PolicyContext,
  variables: Readonly<Record<string, string>>,
): PolicyVerdict {
  if (only !== undefined) {
    const failure = firstUnmetOnly(only, context, variables);
    if (failure !== undefined) return { kind: 'excluded', by: 'only', detail: failure };
  }
  if (except !== undefined) {
    const hit = firstMetExcept(except, context, variables);
    if (hit !== undefined) return { kind: 'excluded', by: 'except', detail: hit };
  }
  return { kind: 'included' };
}

function firstUnmetOnly(
  only: Policy,
  context: PolicyContext,
  variables: Readonly<Record<string, string>>,
): string | undefined {
  if (only.refs !== undefined && !only.refs.some((entry) => matchRefPattern(entry, context) !== undefined)) {
    return `only: refs [${only.refs.join(', ')}] do not match a ${sourceKeyword(context.source)} pipeline on ${describeRef(context)}`;
  }
  if (only.variables !== undefined && !only.variables.some((expression) => isTruthful(expression, variables))) {
    const verb = only.variables.length === 1 ? 'is' : 'are all';
    return `only: variables [${only.variables.join(', ')}] ${verb} false`;
  }
  if (only.changes !== undefined && matchChanges(only.changes, context.changedPaths, variables).kind === 'none') {
    return `only: changes [${only.changes.join(', ')}] match no changed file`;
  }
  if (only.kubernetes === 'active' && context.kubernetesActive !== true) {
    return 'only: kubernetes: active needs an active Kubernetes integration, and this project has none';
  }
  return undefined;
}

function firstMetExcept(
  except: Policy,
  context: PolicyContext,
  variables: Readonly<Record<string, string>>,
): string | undefined {
  for (const entry of except.refs ?? []) {
    const how = matchRefPattern(entry, context);
    if (how !== undefined) return `except: [${entry}] excludes ${describeRefMatch(how, context)}`;
  }
  const expression = except.variables?.find((candidate) => isTruthful(candidate, variables));
  if (expression !== undefined) return `except: variables [${expression}] is true`;
  if (except.changes !== undefined) {
    const match = matchChanges(except.changes, context.changedPaths, variables);
    const globs = `[${except.changes.join(', ')}]`;
    if (match.kind === 'matched') return `except: changes ${globs} match the changed file ${match.path}`;
    if (match.kind === 'no_diff') {
      return `except: changes ${globs} hold: a ${sourceKeyword(context.source)} pipeline has no list of changed files, so every changes clause counts as matched`;
    }
  }
  if (except.kubernetes === 'active' && context.kubernetesActive === true) {
    return 'except: kubernetes: active excludes projects with an active Kubernetes integration';
  }
  return undefined;
}

function describeRefMatch(how: 'tags' | 'branches' | 'source' | 'ref', context: PolicyContext): string {
  switch (how) {
    case 'source':
      return `${sourceKeyword(context.source)} pipelines`;
    case 'branches':
      return `branch pipelines (this one is on branch ${context.ref})`;
    case 'tags':
      return `tag pipelines (this one is on tag ${context.ref})`;
    case 'ref':
      return describeRef(context);
  }
}

function describeRef(context: PolicyContext): string {
  return context.refKind === 'merge_request' ? `merge request ref ${context.ref}` : `${context.refKind} ${context.ref}`;
}
