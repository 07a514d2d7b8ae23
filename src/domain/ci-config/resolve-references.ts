import { rubyInspect } from './ruby-text.js';
import { ReferenceTag, isYamlMap, isYamlSeq, type YamlMap, type YamlValue } from './yaml-value.js';

/**
 * `!reference [job, key, …]` resolution, after include and extends (so a
 * reference sees extended hashes). The path is looked up in the whole
 * config; the value found is resolved in turn (references inside
 * references), and a reference met again while it is being resolved is a
 * circular chain. Messages are GitLab's: `!reference ["a", "b"] could not be
 * found`, `… is part of a circular chain`, `… is not valid`.
 */
export type ResolveReferencesResult =
  | { readonly ok: true; readonly config: YamlMap }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Thrown only inside this module to unwind the recursion; never escapes it. */
class ReferenceFailure extends Error {}

export function resolveReferences(config: YamlMap): ResolveReferencesResult {
  const resolved = new Map<ReferenceTag, YamlValue>();
  const active = new Set<ReferenceTag>();
  const errors: string[] = [];
  const containsReference = new Map<object, boolean>();

  // Most of a config holds no reference; knowing that per collection (once,
  // as they are shared) lets resolution hand those back untouched.
  function needsResolving(value: YamlValue): boolean {
    if (value instanceof ReferenceTag) return true;
    if (!isYamlSeq(value) && !isYamlMap(value)) return false;
    const cached = containsReference.get(value);
    if (cached !== undefined) return cached;
    const answer = isYamlSeq(value) ? value.some(needsResolving) : someValue(value, needsResolving);
    containsReference.set(value, answer);
    return answer;
  }

  function resolveTag(tag: ReferenceTag): YamlValue {
    const known = resolved.get(tag);
    if (known !== undefined) return known;
    const path = referencePath(tag);
    if (!path) throw new ReferenceFailure(`!reference ${inspectTag(tag)} is not valid`);
    if (active.has(tag)) throw new ReferenceFailure(`!reference ${inspectTag(tag)} is part of a circular chain`);
    active.add(tag);
    let found: YamlValue | undefined = config;
    for (const step of path) found = isYamlMap(found) ? found.get(step) : undefined;
    if (found === undefined || found === null) throw new ReferenceFailure(`!reference ${inspectTag(tag)} could not be found`);
    const value = resolveValue(found);
    active.delete(tag);
    resolved.set(tag, value);
    return value;
  }

  function resolveValue(value: YamlValue): YamlValue {
    if (value instanceof ReferenceTag) return resolveTag(value);
    if (!needsResolving(value)) return value;
    if (isYamlSeq(value)) return value.map(resolveValue);
    if (!isYamlMap(value)) return value;
    const out = new Map<string, YamlValue>();
    for (const [key, item] of value) out.set(key, resolveValue(item));
    return out;
  }

  const out = new Map<string, YamlValue>();
  for (const [key, value] of config) {
    try {
      out.set(key, resolveValue(value));
    } catch (error) {
      if (!(error instanceof ReferenceFailure)) throw error;
      // GitLab raises the first reference error; later ones are often echoes of it.
      errors.push(error.message);
      break;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: out };
}

function someValue(map: YamlMap, test: (value: YamlValue) => boolean): boolean {
  for (const value of map.values()) if (test(value)) return true;
  return false;
}

function referencePath(tag: ReferenceTag): readonly string[] | undefined {
  const data = tag.data;
  if (!isYamlSeq(data) || data.length === 0) return undefined;
  return data.every((step): step is string => typeof step === 'string') ? data : undefined;
}

function inspectTag(tag: ReferenceTag): string {
  const data = tag.data;
  if (data !== null && typeof data === 'object' && 'scalar' in data && !(data instanceof Map)) {
    return data.scalar === '' ? '[]' : JSON.stringify(data.scalar);
  }
  return rubyInspect(data as YamlValue);
}
