import { entryError, listed, type Findings } from './entry-error.js';
import type { InheritSpec } from './job-spec.js';
import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `inherit: {default: bool | [keys], variables: bool | [names]}`. Listed
 * `default` keys must be keys `default:` may hold.
 */
export const DEFAULT_KEYS = [
  'before_script', 'after_script', 'hooks', 'cache', 'image', 'services', 'interruptible', 'timeout',
  'retry', 'tags', 'artifacts', 'id_tokens',
] as const;

export const INHERIT_ALL: InheritSpec = { default: true, variables: true };

export function readInherit(value: YamlValue, path: string, findings: Findings): InheritSpec | undefined {
  if (value === null) return INHERIT_ALL;
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'config should be a hash'));
    return undefined;
  }
  const unknown = [...value.keys()].filter((key) => key !== 'default' && key !== 'variables');
  if (unknown.length > 0) {
    findings.errors.push(entryError(path, `config contains unknown keys: ${listed(unknown)}`));
    return undefined;
  }
  const inheritDefault = readSwitch(value.get('default') ?? null, `${path}:default`, DEFAULT_KEYS, findings);
  const inheritVariables = readSwitch(value.get('variables') ?? null, `${path}:variables`, undefined, findings);
  if (inheritDefault === undefined || inheritVariables === undefined) return undefined;
  return { default: inheritDefault, variables: inheritVariables };
}

function readSwitch(
  value: YamlValue,
  path: string,
  allowed: readonly string[] | undefined,
  findings: Findings,
): boolean | readonly string[] | undefined {
  if (value === null) return true;
  if (typeof value === 'boolean') return value;
  if (!isYamlSeq(value) || !value.every((item) => typeof item === 'string')) {
    findings.errors.push(entryError(path, 'config should be a bool or array of strings'));
    return undefined;
  }
  const names = value as string[];
  const unknown = allowed ? names.filter((name) => !allowed.includes(name)) : [];
  if (unknown.length > 0) {
    findings.errors.push(entryError(path, `config contains unknown values: ${listed(unknown)}`));
    return undefined;
  }
  return names;
}
