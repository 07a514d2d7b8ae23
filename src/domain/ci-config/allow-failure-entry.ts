import { entryError, listed, type Findings } from './entry-error.js';
import type { AllowFailure } from './job-spec.js';
import { isRubyInteger, isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/** `allow_failure: true|false` or `allow_failure: {exit_codes: 1 | [1, 2]}`. */
export function readAllowFailure(value: YamlValue, path: string, findings: Findings): AllowFailure | undefined {
  if (typeof value === 'boolean') return value;
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'config should be a hash or a boolean value'));
    return undefined;
  }
  const unknown = [...value.keys()].filter((key) => key !== 'exit_codes');
  if (unknown.length > 0) {
    findings.errors.push(entryError(path, `config contains unknown keys: ${listed(unknown)}`));
    return undefined;
  }
  const exitCodes = readExitCodes(value.get('exit_codes') ?? null);
  if (!exitCodes) {
    findings.errors.push(entryError(path, 'exit codes should be an array of integers or an integer'));
    return undefined;
  }
  return { exitCodes };
}

/** An integer or a list of integers (also used by `retry:exit_codes`). */
export function readExitCodes(value: YamlValue): number[] | undefined {
  const items = isYamlSeq(value) ? value : [value];
  if (!items.every(isRubyInteger)) return undefined;
  return items.map((item) => Number(item));
}
