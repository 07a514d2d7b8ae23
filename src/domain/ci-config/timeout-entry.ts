import { durationSeconds } from './duration-seconds.js';
import { entryError, type Findings } from './entry-error.js';
import type { YamlValue } from './yaml-value.js';

/**
 * `timeout:` must be a string ChronicDuration understands (so an unquoted
 * `1:30:00`, which YAML 1.1 reads as the integer 5400, is refused as GitLab
 * refuses it) and strictly less than a month. Whole seconds.
 */
export const MAX_TIMEOUT_SECONDS = 30 * 24 * 3600;

export function readTimeout(value: YamlValue, path: string, findings: Findings): number | undefined {
  const seconds = typeof value === 'string' ? durationSeconds(value) : undefined;
  if (seconds === undefined) {
    findings.errors.push(entryError(path, 'config should be a duration'));
    return undefined;
  }
  if (seconds >= MAX_TIMEOUT_SECONDS) {
    findings.errors.push(entryError(path, 'config should not exceed the limit'));
    return undefined;
  }
  return Math.floor(seconds);
}
