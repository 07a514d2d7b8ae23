import { entryError, listed, type Findings } from './entry-error.js';
import { isValidExpressionSyntax } from './expression-syntax.js';
import type { Policy } from './job-spec.js';
import { isValidRe2Regexp, looksLikeRegexp } from './re2-pattern.js';
import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `only:` / `except:`, normalised to the hash form. The array form is
 * `refs`. Refs are plain strings (`main`, `branches`, `tags`, `chat`, …) or
 * `/regex/flags` that must be valid RE2; `variables` are rules:if
 * expressions; `changes` are globs; `kubernetes` can only be `active`.
 */
const POLICY_KEYS = ['refs', 'kubernetes', 'variables', 'changes'];
const REFS_SHAPE = 'config should be an array of strings or regular expressions using re2 syntax';

export function readPolicy(value: YamlValue, path: string, findings: Findings): Policy | undefined {
  if (isYamlSeq(value)) {
    const refs = readRefs(value, path, findings);
    return refs ? { refs } : undefined;
  }
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'has to be either an array of conditions or a hash'));
    return undefined;
  }
  const before = findings.errors.length;
  const unknown = [...value.keys()].filter((key) => !POLICY_KEYS.includes(key));
  if (unknown.length > 0) findings.errors.push(entryError(path, `config contains unknown keys: ${listed(unknown)}`));
  const policy: { -readonly [K in keyof Policy]: Policy[K] } = {};
  const refs = value.get('refs') ?? null;
  if (refs !== null) {
    const read = isYamlSeq(refs) ? readRefs(refs, `${path}:refs`, findings) : undefined;
    if (!isYamlSeq(refs)) findings.errors.push(entryError(`${path}:refs`, REFS_SHAPE));
    if (read) policy.refs = read;
  }
  const variables = value.get('variables') ?? null;
  if (variables !== null) {
    if (!isYamlSeq(variables) || !variables.every((v) => typeof v === 'string')) {
      findings.errors.push(entryError(`${path}:variables`, 'config should be an array of strings'));
    } else if (!variables.every((v) => isValidExpressionSyntax(v as string))) {
      findings.errors.push(entryError(path, 'variables invalid expression syntax'));
    } else policy.variables = variables as string[];
  }
  const changes = value.get('changes') ?? null;
  if (changes !== null) {
    const paths = isYamlMap(changes) ? (changes.get('paths') ?? null) : changes;
    if (!isYamlSeq(paths) || !paths.every((c) => typeof c === 'string')) {
      findings.errors.push(entryError(`${path}:changes`, 'config should be an array of strings'));
    } else policy.changes = paths as string[];
  }
  const kubernetes = value.get('kubernetes') ?? null;
  if (kubernetes !== null) {
    if (kubernetes === 'active') policy.kubernetes = 'active';
    else findings.errors.push(entryError(`${path}:kubernetes`, 'config unknown value: should be active'));
  }
  return findings.errors.length > before ? undefined : policy;
}

function readRefs(items: readonly YamlValue[], path: string, findings: Findings): string[] | undefined {
  const valid = items.every((item) => typeof item === 'string' && (!looksLikeRegexp(item) || isValidRe2Regexp(item)));
  if (!valid) {
    findings.errors.push(entryError(path, REFS_SHAPE));
    return undefined;
  }
  return items as string[];
}
