import { entryError, listed, type Findings } from './entry-error.js';
import type { VariableMap, VariableSpec } from './job-spec.js';
import { rubyToS } from './ruby-text.js';
import { RubyFloat, RubySymbol, isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `variables:` at the top level, in a job, or in a rule. A value is a
 * scalar (turned to text the way Ruby's `to_s` does: `true` → "true",
 * `1.0` → "1.0"), null (→ ""), or a hash: `value`/`expand` everywhere, plus
 * `description`/`options` at the top level only.
 */
export type VariablesScope = 'global' | 'job';

const DATA_KEYS: Record<VariablesScope, readonly string[]> = {
  global: ['value', 'description', 'expand', 'options'],
  job: ['value', 'expand'],
};

export function isVariableScalar(value: YamlValue): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof RubyFloat ||
    value instanceof RubySymbol
  );
}

export function readVariables(value: YamlValue, path: string, scope: VariablesScope, findings: Findings): VariableMap | undefined {
  if (value === null) return {};
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'config should be a hash'));
    return undefined;
  }
  const out: Record<string, VariableSpec> = {};
  let valid = true;
  for (const [name, raw] of value) {
    const spec = readVariable(raw, `${path}:${name}`, scope, findings);
    if (spec) out[name] = spec;
    else valid = false;
  }
  return valid ? out : undefined;
}

function readVariable(raw: YamlValue, path: string, scope: VariablesScope, findings: Findings): VariableSpec | undefined {
  if (raw === null) return { value: '', expand: true };
  if (isVariableScalar(raw)) return { value: rubyToS(raw), expand: true };
  if (!isYamlMap(raw)) {
    findings.errors.push(entryError(path, 'variable definition must be either a string or a hash'));
    return undefined;
  }
  const before = findings.errors.length;
  const invalidKeys = [...raw.keys()].filter((key) => !DATA_KEYS[scope].includes(key));
  if (invalidKeys.length > 0) findings.errors.push(entryError(path, `config uses invalid data keys: ${listed(invalidKeys)}`));
  const rawValue = raw.get('value') ?? null;
  if (rawValue !== null && !isVariableScalar(rawValue)) findings.errors.push(entryError(path, 'config value must be an alphanumeric string'));
  const expand = raw.get('expand') ?? null;
  if (expand !== null && typeof expand !== 'boolean') findings.errors.push(entryError(path, 'config expand should be a boolean value'));
  const description = raw.get('description') ?? null;
  if (description !== null && typeof description !== 'string') findings.errors.push(entryError(path, 'config description should be a string'));
  const text = rawValue === null ? '' : rubyToS(rawValue);
  const rawOptions = raw.get('options');
  let options: string[] | undefined;
  if (rawOptions !== undefined) {
    if (!isYamlSeq(rawOptions) || !rawOptions.every((o) => typeof o === 'string')) {
      findings.errors.push(entryError(path, 'config options should be an array of strings'));
    } else {
      options = rawOptions as string[];
      if (!options.includes(text)) findings.errors.push(entryError(path, 'config value must be present in options'));
    }
  }
  if (findings.errors.length > before) return undefined;
  return {
    value: text,
    expand: expand !== false,
    ...(typeof description === 'string' ? { description } : {}),
    ...(options ? { options } : {}),
  };
}
