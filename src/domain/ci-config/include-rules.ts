import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `include: rules:` decide whether a file is included. The loader runs
 * before any pipeline exists, so `if:` cannot be evaluated here: a rule with
 * `if:` is taken as matching (the file is included) and the caller is told,
 * so it can warn. `exists:` is checked against the source tree.
 */
export interface IncludeRulesOutcome {
  readonly include: boolean;
  readonly unevaluatedIf: boolean;
}

export function evaluateIncludeRules(rules: YamlValue, files: readonly string[]): IncludeRulesOutcome {
  if (!isYamlSeq(rules)) return { include: true, unevaluatedIf: false };
  let unevaluatedIf = false;
  for (const rule of rules) {
    if (!isYamlMap(rule)) continue;
    if (rule.has('if')) unevaluatedIf = true;
    const exists = rule.get('exists');
    const paths = isYamlSeq(exists) ? exists.filter((p): p is string => typeof p === 'string') : typeof exists === 'string' ? [exists] : undefined;
    if (paths && !paths.some((glob) => files.some((file) => globToRegExp(glob).test(file)))) continue;
    return { include: rule.get('when') !== 'never', unevaluatedIf };
  }
  return { include: false, unevaluatedIf };
}

/** File.fnmatch-style glob (PATHNAME, DOTMATCH, EXTGLOB braces). */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  const text = glob.replace(/^\//, '');
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (c === '*' && text[i + 1] === '*' && text[i + 2] === '/') {
      source += '(?:.*/)?';
      i += 2;
    } else if (c === '*' && text[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',' && source.includes('(?:')) source += '|';
    else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
