import { entryError, listed, type Findings } from './entry-error.js';
import type { PathsClause } from './job-spec.js';
import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `rules:changes` and `rules:exists`: a list of globs, or a hash with
 * `paths` (and `compare_to` for changes; `project`/`ref` for exists, which
 * look at another repository and so are kept but cannot be honoured).
 */
const MAX_PATHS = 50;

export function readPathsClause(value: YamlValue, path: string, kind: 'changes' | 'exists', findings: Findings): PathsClause | undefined {
  if (isYamlSeq(value)) return readPathList(value, path, 'config', findings);
  if (!isYamlMap(value)) {
    findings.errors.push(entryError(path, 'config should be an array of strings or a hash'));
    return undefined;
  }
  const allowed = kind === 'changes' ? ['paths', 'compare_to'] : ['paths', 'project', 'ref'];
  const unknown = [...value.keys()].filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    findings.errors.push(entryError(path, `config contains unknown keys: ${listed(unknown)}`));
    return undefined;
  }
  const paths = readPathList(value.get('paths') ?? null, path, 'paths', findings);
  if (!paths) return undefined;
  const compareTo = value.get('compare_to');
  if (compareTo !== undefined && compareTo !== null && typeof compareTo !== 'string') {
    findings.errors.push(entryError(path, 'compare to should be a string'));
    return undefined;
  }
  if (kind === 'exists' && value.get('project') != null) {
    findings.warnings.push({ path, message: `${path}: exists:project looks at another repository; chatrun checks this repository's files` });
  }
  return typeof compareTo === 'string' ? { paths: paths.paths, compareTo } : paths;
}

function readPathList(value: YamlValue, path: string, attribute: string, findings: Findings): PathsClause | undefined {
  if (!isYamlSeq(value) || !value.every((item) => typeof item === 'string')) {
    findings.errors.push(entryError(path, `${attribute} should be an array of strings`));
    return undefined;
  }
  if (value.length > MAX_PATHS) {
    findings.errors.push(entryError(path, `${attribute} has too many entries (maximum ${MAX_PATHS})`));
    return undefined;
  }
  return { paths: value as string[] };
}
