import { isYamlMap, type YamlMap, type YamlValue } from './yaml-value.js';

/**
 * ActiveSupport's `deep_merge`, which GitLab uses for `include` and
 * `extends`: where both sides hold a hash the hashes merge recursively;
 * anything else on the right (arrays, scalars, null) replaces the left.
 * Arrays are never concatenated. Returns a new map; inputs are untouched.
 */
export function deepMerge(left: YamlMap, right: YamlMap): YamlMap {
  const out = new Map<string, YamlValue>(left);
  for (const [key, value] of right) {
    const existing = out.get(key);
    out.set(key, isYamlMap(existing) && isYamlMap(value) ? deepMerge(existing, value) : value);
  }
  return out;
}
