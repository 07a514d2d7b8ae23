import { durationSeconds } from './duration-seconds.js';
import { entryError, listed, type Findings } from './entry-error.js';
import { isValidExpressionSyntax } from './expression-syntax.js';
import type { Rule, RuleWhen } from './job-spec.js';
import { readPathsClause } from './paths-clause-entry.js';
import { rubyToS } from './ruby-text.js';
import { readVariables } from './variables-entry.js';
import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `rules:` of a job and `workflow:rules:`. The list may nest (that is how
 * `!reference` lists of rules arrive) and is flattened up to 10 levels.
 * Workflow rules may only say `when: always` or `when: never`.
 */
export type RulesKind = 'job' | 'workflow';

const RULE_KEYS: Record<RulesKind, readonly string[]> = {
  job: ['if', 'changes', 'exists', 'when', 'start_in', 'allow_failure', 'variables', 'needs', 'interruptible'],
  workflow: ['if', 'changes', 'exists', 'when', 'variables', 'auto_cancel'],
};
const RULE_WHEN: Record<RulesKind, readonly RuleWhen[]> = {
  job: ['on_success', 'on_failure', 'always', 'never', 'manual', 'delayed'],
  workflow: ['always', 'never'],
};
const ONE_WEEK = 604_800;

export function readRules(value: YamlValue, path: string, kind: RulesKind, findings: Findings): Rule[] | undefined {
  if (!isYamlSeq(value)) {
    findings.errors.push(entryError(path, 'config should be an array of hashes'));
    return undefined;
  }
  const flat = flattenRules(value, 1);
  if (!flat) {
    findings.errors.push(entryError(path, 'config should be an array of hashes or a nested array of hashes up to 10 levels deep'));
    return undefined;
  }
  if (flat.length === 0) {
    findings.errors.push(entryError(path, "config can't be blank"));
    return undefined;
  }
  const before = findings.errors.length;
  const rules = flat.map((rule) => readRule(rule, `${path}:rule`, kind, findings));
  return findings.errors.length > before ? undefined : rules.filter((r): r is Rule => r !== undefined);
}

function flattenRules(items: readonly YamlValue[], level: number): YamlValue[] | undefined {
  if (level > 10) return undefined;
  const out: YamlValue[] = [];
  for (const item of items) {
    if (isYamlSeq(item)) {
      const inner = flattenRules(item, level + 1);
      if (!inner) return undefined;
      out.push(...inner);
    } else out.push(item);
  }
  return out;
}

function readRule(value: YamlValue, path: string, kind: RulesKind, findings: Findings): Rule | undefined {
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'config should be a hash'));
    return undefined;
  }
  const errorsBefore = findings.errors.length;
  const error = (text: string): void => {
    findings.errors.push(entryError(path, text));
  };
  const unknown = [...value.keys()].filter((key) => !RULE_KEYS[kind].includes(key));
  if (unknown.length > 0) error(`config contains unknown keys: ${listed(unknown)}`);
  const get = (key: string): YamlValue => value.get(key) ?? null;
  const rule: { -readonly [K in keyof Rule]: Rule[K] } = {};

  const condition = get('if');
  if (condition !== null) {
    if (typeof condition !== 'string') error('if should be a string');
    else if (!isValidExpressionSyntax(condition)) error('if invalid expression syntax');
    else rule.if = condition;
  }
  const when = get('when');
  if (when !== null) {
    if (typeof when === 'string' && (RULE_WHEN[kind] as readonly string[]).includes(when)) rule.when = when as RuleWhen;
    else error(`when unknown value: ${rubyToS(when)}`);
  }
  const startIn = get('start_in');
  if (kind === 'job') {
    if (rule.when === 'delayed') {
      if (startIn === null) error("start in can't be blank");
      else if (typeof startIn !== 'string' || durationSeconds(startIn) === undefined) error('start in should be a duration');
      else if ((durationSeconds(startIn) ?? 0) > ONE_WEEK) error('start in should not exceed the limit');
      else rule.startIn = startIn;
    } else if (startIn !== null) error('start in must be blank');
  }
  const allowFailure = get('allow_failure');
  if (allowFailure !== null) {
    if (typeof allowFailure === 'boolean') rule.allowFailure = allowFailure;
    else error('allow_failure should be a boolean value');
  }
  const interruptible = get('interruptible');
  if (interruptible !== null) {
    if (typeof interruptible === 'boolean') rule.interruptible = interruptible;
    else error('interruptible should be a boolean value');
  }
  if (value.has('variables')) {
    const variables = readVariables(get('variables'), `${path}:variables`, 'job', findings);
    if (variables) rule.variables = variables;
  }
  for (const clause of ['changes', 'exists'] as const) {
    const raw = get(clause);
    if (raw === null) continue;
    const paths = readPathsClause(raw, `${path}:${clause}`, clause, findings);
    if (paths) rule[clause] = paths;
  }
  return findings.errors.length > errorsBefore ? undefined : rule;
}
