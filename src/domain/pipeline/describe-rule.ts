/**
 * A rule's conditions in plain words, for refusal messages:
 * `if: $CI_PIPELINE_SOURCE == "push"`, `exists: [Dockerfile]`.
 */
import type { Rule } from '../ci-config/job-spec.js';

export function describeRuleConditions(rule: Rule): string {
  const parts: string[] = [];
  if (rule.if !== undefined) parts.push(`if: ${rule.if}`);
  if (rule.changes !== undefined) parts.push(`changes: [${rule.changes.paths.join(', ')}]`);
  if (rule.exists !== undefined) parts.push(`exists: [${rule.exists.paths.join(', ')}]`);
  return parts.length === 0 ? 'no conditions' : parts.join(', ');
}

/** `no rule matched (2 rules; the first has if: …)`. */
export function describeNoMatch(rules: readonly Rule[]): string {
  const first = rules[0];
  if (first === undefined) return 'no rule matched (the list is empty)';
  const count = rules.length === 1 ? '1 rule' : `${rules.length} rules`;
  const which = rules.length === 1 ? 'it has' : 'the first has';
  return `no rule matched (${count}; ${which} ${describeRuleConditions(first)})`;
}
