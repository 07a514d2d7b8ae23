import { readExitCodes } from './allow-failure-entry.js';
import { entryError, listed, type Findings } from './entry-error.js';
import type { RetrySpec } from './job-spec.js';
import { isRubyInteger, isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/** `retry: 0..2` or `retry: {max, when, exit_codes}`. */
export const RETRY_WHEN = [
  'always', 'unknown_failure', 'script_failure', 'api_failure', 'stuck_or_timeout_failure',
  'runner_system_failure', 'runner_unsupported', 'stale_schedule', 'job_execution_timeout',
  'archived_failure', 'unmet_prerequisites', 'scheduler_failure', 'data_integrity_failure',
] as const;

const MAX_RETRIES = 2;

export function readRetry(value: YamlValue, path: string, findings: Findings): RetrySpec | undefined {
  const error = (text: string): undefined => {
    findings.errors.push(entryError(path, text));
    return undefined;
  };
  const checkMax = (max: YamlValue, attribute: string): number | undefined => {
    if (!isRubyInteger(max)) return error(`${attribute} should be an integer`);
    if (Number(max) < 0) return error(`${attribute} must be greater than or equal to 0`);
    if (Number(max) > MAX_RETRIES) return error(`${attribute} must be less than or equal to ${MAX_RETRIES}`);
    return Number(max);
  };
  if (isRubyInteger(value)) {
    const max = checkMax(value, 'config');
    return max === undefined ? undefined : { max, when: ['always'], exitCodes: [] };
  }
  if (!isYamlMap(value)) return error('config has to be either an integer or a hash');
  const unknown = [...value.keys()].filter((key) => !['max', 'when', 'exit_codes'].includes(key));
  if (unknown.length > 0) return error(`config contains unknown keys: ${listed(unknown)}`);
  const rawMax = value.get('max') ?? null;
  const max = rawMax === null ? 0 : checkMax(rawMax, 'max');
  if (max === undefined) return undefined;
  const rawWhen = value.get('when') ?? null;
  const when = rawWhen === null ? ['always'] : isYamlSeq(rawWhen) ? rawWhen : [rawWhen];
  const badWhen = when.filter((w) => typeof w !== 'string' || !(RETRY_WHEN as readonly string[]).includes(w));
  if (badWhen.length > 0) return error(`when contains unknown values: ${listed(badWhen.map(String))}`);
  const rawCodes = value.get('exit_codes') ?? null;
  const exitCodes = rawCodes === null ? [] : readExitCodes(rawCodes);
  if (!exitCodes) return error('exit codes should be an array of integers or an integer');
  return { max, when: when as string[], exitCodes };
}
