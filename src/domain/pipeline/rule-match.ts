/**
 * Which entry of a `rules:` list (job or workflow) matches: the first one
 * whose clauses all hold (`if`, then `changes`, then `exists`); a rule with
 * no clause always matches. `if` sees the variables as given, unexpanded.
 */
import type { Rule } from '../ci-config/job-spec.js';
import { isTruthful } from '../expression/evaluate-expression.js';
import { changesHold, findExisting, matchChanges } from './path-clauses.js';
import type { FileList } from './path-clauses.js';

export interface RuleInput {
  readonly variables: Readonly<Record<string, string>>;
  readonly changedPaths: readonly string[] | null;
  readonly files: FileList;
}

export type RuleMatch =
  | { readonly kind: 'matched'; readonly rule: Rule; /** 1-based, as people count. */ readonly position: number }
  | { readonly kind: 'no_match' };

export async function firstMatchingRule(rules: readonly Rule[], input: RuleInput): Promise<RuleMatch> {
  for (const [index, rule] of rules.entries()) {
    if (await ruleMatches(rule, input)) return { kind: 'matched', rule, position: index + 1 };
  }
  return { kind: 'no_match' };
}

export async function ruleMatches(rule: Rule, input: RuleInput): Promise<boolean> {
  if (rule.if !== undefined && !isTruthful(rule.if, input.variables)) return false;
  if (rule.changes !== undefined && !changesHold(matchChanges(rule.changes.paths, input.changedPaths, input.variables))) {
    return false;
  }
  if (rule.exists !== undefined) {
    return (await findExisting(rule.exists.paths, input.files, input.variables)) !== undefined;
  }
  return true;
}
