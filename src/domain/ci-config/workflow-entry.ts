import { entryError, listed, type Findings } from './entry-error.js';
import type { WorkflowSpec } from './job-spec.js';
import { readRules } from './rules-entry.js';
import { isYamlMap, type YamlValue } from './yaml-value.js';

/** `workflow: {name, rules, auto_cancel}`; its rules may only say always or never. */
const WORKFLOW_KEYS = ['rules', 'name', 'auto_cancel'];

export function readWorkflow(value: YamlValue, findings: Findings): WorkflowSpec | undefined {
  if (value === null) return undefined;
  if (!isYamlMap(value)) {
    findings.errors.push(entryError('workflow', 'config should be a hash'));
    return undefined;
  }
  const unknown = [...value.keys()].filter((key) => !WORKFLOW_KEYS.includes(key));
  if (unknown.length > 0) findings.errors.push(entryError('workflow', `config contains unknown keys: ${listed(unknown)}`));
  const name = value.get('name') ?? null;
  if (name !== null && typeof name !== 'string') findings.errors.push(entryError('workflow', 'name should be a string'));
  const rawRules = value.get('rules') ?? null;
  const rules = rawRules === null ? undefined : readRules(rawRules, 'workflow:rules', 'workflow', findings);
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(rules ? { rules } : {}),
  };
}
