import { deepMerge } from './deep-merge.js';
import { rubyToS } from './ruby-text.js';
import { isYamlMap, isYamlSeq, type YamlMap, type YamlValue } from './yaml-value.js';

/**
 * `extends:` for every top-level hash that has it (jobs, hidden jobs, even
 * `default:`), as GitLab's Extendable does: parents are extended first, then
 * merged left to right (later parents win) and the entry's own keys merged
 * on top with ./deep-merge.ts. Checks per entry, in GitLab's order: unknown
 * parents, parents that are not hashes, more than 10 ancestors, cycles.
 * The first failure ends resolution (GitLab raises it as the only error).
 */
export type ResolveExtendsResult =
  | { readonly ok: true; readonly config: YamlMap }
  | { readonly ok: false; readonly error: string };

const MAX_NESTING_LEVELS = 10;

/** Thrown only inside this module to unwind the recursion; never escapes it. */
class ExtendsFailure extends Error {}

export function resolveExtends(config: YamlMap): ResolveExtendsResult {
  const context = new Map<string, YamlValue>(config);
  // Extended entries and the length of their longest chain of extending
  // entries, so a shared parent is merged once but depth is still checked.
  const done = new Map<string, number>();

  function extend(key: string, ancestors: readonly string[]): { value: YamlValue; height: number } {
    const value = context.get(key) ?? null;
    if (!isYamlMap(value) || !value.has('extends')) return { value, height: 0 };
    const height = done.get(key);
    if (height !== undefined && ancestors.length + height - 1 <= MAX_NESTING_LEVELS) return { value, height };
    const parents = extendsKeys(value.get('extends') ?? null);
    const unknown = parents.filter((parent) => !context.has(parent));
    if (unknown.length > 0) throw new ExtendsFailure(`${key}: unknown keys in \`extends\` (${unknown.join(', ')})`);
    const invalid = parents.filter((parent) => !isYamlMap(context.get(parent)));
    if (invalid.length > 0) throw new ExtendsFailure(`${key}: invalid base hashes in \`extends\` (${invalid.join(', ')})`);
    if (ancestors.length > MAX_NESTING_LEVELS) throw new ExtendsFailure(`${key}: nesting too deep in \`extends\``);
    if (ancestors.includes(key)) throw new ExtendsFailure(`${key}: circular dependency detected in \`extends\``);
    let merged: YamlMap = new Map();
    let tallest = 0;
    for (const parent of parents) {
      const base = extend(parent, [...ancestors, key]);
      tallest = Math.max(tallest, base.height);
      // Merging into nothing would only copy the parent, and values are never mutated.
      if (isYamlMap(base.value)) merged = merged.size === 0 ? base.value : deepMerge(merged, base.value);
    }
    const result = deepMerge(merged, value);
    context.set(key, result);
    done.set(key, tallest + 1);
    return { value: result, height: tallest + 1 };
  }

  try {
    for (const key of config.keys()) extend(key, []);
  } catch (error) {
    if (error instanceof ExtendsFailure) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, config: context };
}

/** GitLab's `Array(value).map(&:to_s)`: one name or a list of names. */
function extendsKeys(value: YamlValue): string[] {
  if (value === null) return [];
  return (isYamlSeq(value) ? value : [value]).map((item) => rubyToS(item));
}
