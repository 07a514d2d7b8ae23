import { entryError, type Findings } from './entry-error.js';
import { isValidRe2Regexp } from './re2-pattern.js';
import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * Keywords chatrun accepts and keeps but its shell executor does not act
 * on. Each is checked for its broad shape only (so a file GitLab accepts is
 * accepted) and, where ignoring it changes what the job does, produces a
 * warning that says so.
 */
interface InertKeyword {
  /** An error text when the shape is wrong. */
  readonly check: (value: YamlValue) => string | undefined;
  /** What is lost by not honouring it; absent when nothing is. */
  readonly warning?: string;
}

const isString = (v: YamlValue): boolean => typeof v === 'string';
const hashOrString = (v: YamlValue): string | undefined =>
  isString(v) || isYamlMap(v) ? undefined : 'config should be a hash or a string';
const hash = (v: YamlValue): string | undefined => (isYamlMap(v) ? undefined : 'config should be a hash');
const string = (v: YamlValue): string | undefined => (isString(v) ? undefined : 'config should be a string');
const listOf =
  (ok: (v: YamlValue) => boolean, text: string) =>
  (v: YamlValue): string | undefined =>
    isYamlSeq(v) && v.every(ok) ? undefined : text;

export const INERT_KEYWORDS: Readonly<Record<string, InertKeyword>> = {
  image: { check: hashOrString, warning: 'image is ignored: the shell executor runs the job on the host' },
  services: {
    check: listOf((s) => isString(s) || isYamlMap(s), 'config should be an array of strings or hashes'),
    warning: 'services are not started by the shell executor',
  },
  cache: {
    check: (v) => (isYamlMap(v) || (isYamlSeq(v) && v.every(isYamlMap)) ? undefined : 'config should be a hash or an array of hashes'),
    warning: 'cache is neither restored nor saved by chatrun',
  },
  artifacts: { check: hash, warning: 'artifacts are not uploaded; files stay in the job directory only' },
  needs: {
    check: (v) => (isYamlSeq(v) || isYamlMap(v) ? undefined : 'config can only be an array or a hash'),
    warning: 'needs: a chat pipeline holds only this job, so artifacts of needed jobs are not available',
  },
  dependencies: {
    check: listOf(isString, 'config should be an array of strings'),
    warning: 'dependencies: a chat pipeline holds only this job, so no artifacts are downloaded',
  },
  coverage: {
    check: (v) => (typeof v === 'string' && isValidRe2Regexp(v) ? undefined : 'config must be a regular expression with re2 syntax'),
  },
  secrets: { check: hash, warning: 'secrets are not fetched; their variables will be missing' },
  id_tokens: { check: hash, warning: 'ID tokens are not issued; their variables will be missing' },
  hooks: { check: hash, warning: 'hooks are not run by chatrun' },
  release: { check: hash, warning: 'no release is created' },
  pages: { check: (v) => (typeof v === 'boolean' || isYamlMap(v) ? undefined : 'config should be a hash or a boolean value'), warning: 'pages are not deployed' },
  publish: { check: string },
  inputs: { check: hash },
  manual_confirmation: { check: string },
  identity: { check: string },
  dast_configuration: { check: hash },
};

export function isInertKeyword(key: string): boolean {
  return Object.hasOwn(INERT_KEYWORDS, key);
}

/**
 * Validates one inert keyword at `path` (e.g. `jobs:deploy:image`). Returns
 * whether the value is acceptable; null values count as absent.
 */
export function checkInertKeyword(key: string, value: YamlValue, path: string, findings: Findings): boolean {
  const keyword = INERT_KEYWORDS[key];
  if (!keyword || value === null) return true;
  const problem = keyword.check(value);
  if (problem) findings.errors.push(entryError(path, problem));
  return problem === undefined;
}

export function inertWarning(key: string, path: string): { path: string; message: string } | undefined {
  const warning = INERT_KEYWORDS[key]?.warning;
  return warning ? { path, message: `${path}: ${warning}` } : undefined;
}
