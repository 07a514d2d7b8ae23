import { entryError, listed, type Findings } from './entry-error.js';
import type { EnvironmentSpec } from './job-spec.js';
import { isYamlMap, type YamlValue } from './yaml-value.js';

/**
 * `environment: name` or the hash form. Names and URLs may hold `$VAR`s,
 * which are expanded when the job is created, not here.
 */
const KEYS = ['name', 'url', 'action', 'on_stop', 'auto_stop_in', 'kubernetes', 'deployment_tier'];
const ACTIONS = ['start', 'stop', 'prepare', 'verify', 'access'] as const;
const TIERS = ['production', 'staging', 'testing', 'development', 'other'];

export function readEnvironment(value: YamlValue, path: string, findings: Findings): EnvironmentSpec | undefined {
  if (typeof value === 'string') return value.trim() === '' ? blankName(path, findings) : { name: value };
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'config should be a hash or a string'));
    return undefined;
  }
  const before = findings.errors.length;
  const error = (text: string): void => {
    findings.errors.push(entryError(path, text));
  };
  const unknown = [...value.keys()].filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) error(`config contains unknown keys: ${listed(unknown)}`);
  const name = value.get('name') ?? null;
  if (name === null || (typeof name === 'string' && name.trim() === '')) error("name can't be blank");
  else if (typeof name !== 'string') error('name should be a string');
  const text = (key: string, label: string): string | undefined => {
    const raw = value.get(key) ?? null;
    if (raw === null) return undefined;
    if (typeof raw !== 'string') {
      error(`${label} should be a string`);
      return undefined;
    }
    return raw;
  };
  const url = text('url', 'url');
  const action = text('action', 'action');
  if (action !== undefined && !(ACTIONS as readonly string[]).includes(action)) error(`action should be ${ACTIONS.join(', ')}`);
  const onStop = text('on_stop', 'on stop');
  const autoStopIn = text('auto_stop_in', 'auto stop in');
  const tier = text('deployment_tier', 'deployment tier');
  if (tier !== undefined && !TIERS.includes(tier)) error(`deployment tier must be one of ${TIERS.join(', ')}`);
  if (findings.errors.length > before || typeof name !== 'string') return undefined;
  return {
    name,
    ...(url !== undefined ? { url } : {}),
    ...(action !== undefined ? { action: action as EnvironmentSpec['action'] } : {}),
    ...(onStop !== undefined ? { onStop } : {}),
    ...(autoStopIn !== undefined ? { autoStopIn } : {}),
    ...(tier !== undefined ? { deploymentTier: tier } : {}),
  };
}

function blankName(path: string, findings: Findings): undefined {
  findings.errors.push(entryError(path, "name can't be blank"));
  return undefined;
}
