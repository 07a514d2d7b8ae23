import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { tokenizePlainScalar } from './psych-scalar.js';
import { rubyToS } from './ruby-text.js';
import { ReferenceTag, isYamlMap, type YamlValue } from './yaml-value.js';

/**
 * Turns one parsed YAML document (the `yaml` package's syntax tree, loaded
 * with the failsafe schema so every scalar arrives as its text) into values
 * the way Psych builds Ruby objects for GitLab:
 *
 * - plain scalars are typed by ./psych-scalar.ts (YAML 1.1 rules);
 * - `<<` merge keys are applied in document order with `merge!`, so a later
 *   `<<` overrides keys set before it, and in `<<: [*a, *b]` the earlier
 *   item wins;
 * - duplicate keys: the last value wins, the first position stays;
 * - aliases share the anchored value (it is converted once);
 * - `!reference` becomes a ReferenceTag, resolved later.
 *
 * Size and depth are measured with aliases expanded, so alias bombs stop at
 * the limit instead of exhausting memory in later passes.
 */
export interface ConvertLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
}

export type ConvertResult =
  | { readonly ok: true; readonly value: YamlValue }
  | { readonly ok: false; readonly error: string };

const STR_TAG = 'tag:yaml.org,2002:str';
const REFERENCE_TAG = '!reference';

interface Converted {
  readonly value: YamlValue;
  readonly size: number;
  readonly depth: number;
}

/** Thrown only inside this module to unwind deep recursion; never escapes it. */
class ConvertAbort extends Error {}

export function convertDocument(document: Document, limits: ConvertLimits): ConvertResult {
  const state = { cache: new Map<Node, Converted>(), inProgress: new Set<Node>() };

  function fail(message: string): never {
    throw new ConvertAbort(message);
  }

  function track(converted: Converted): Converted {
    if (converted.depth > limits.maxDepth || converted.size > limits.maxNodes) fail('The parsed YAML is too big');
    return converted;
  }

  function convert(node: unknown, depth: number): Converted {
    if (depth > limits.maxDepth) fail('The parsed YAML is too big');
    if (node === null || node === undefined) return { value: null, size: 1, depth: 1 };
    if (isAlias(node)) {
      const target = node.resolve(document);
      if (!target) fail(`An alias referenced an unknown anchor: ${node.source}`);
      return convert(target, depth);
    }
    const cached = state.cache.get(node as Node);
    if (cached) return track(cached);
    if (state.inProgress.has(node as Node)) fail('An alias refers to the collection that holds it');
    state.inProgress.add(node as Node);
    const converted = track(convertFresh(node, depth));
    state.inProgress.delete(node as Node);
    state.cache.set(node as Node, converted);
    return converted;
  }

  function convertFresh(node: unknown, depth: number): Converted {
    if (isScalar(node)) {
      const text = node.value === null || node.value === undefined ? '' : String(node.value);
      if (node.tag === REFERENCE_TAG) return { value: new ReferenceTag({ scalar: text }), size: 1, depth: 1 };
      if (node.tag === STR_TAG || node.type !== 'PLAIN') return { value: text, size: 1, depth: 1 };
      const typed = tokenizePlainScalar(text);
      if (!typed.ok) fail(typed.error);
      return { value: typed.value, size: 1, depth: 1 };
    }
    if (isSeq(node)) {
      const items: YamlValue[] = [];
      let size = 1;
      let childDepth = 0;
      for (const item of node.items) {
        const c = convert(item, depth + 1);
        items.push(c.value);
        size += c.size;
        childDepth = Math.max(childDepth, c.depth);
        if (size > limits.maxNodes) fail('The parsed YAML is too big');
      }
      const value = node.tag === REFERENCE_TAG ? new ReferenceTag(items) : items;
      return { value, size, depth: childDepth + 1 };
    }
    if (isMap(node)) {
      const built = convertMap(node.items, depth);
      const value = node.tag === REFERENCE_TAG ? new ReferenceTag(built.value) : built.value;
      return { ...built, value };
    }
    fail('Invalid YAML node');
  }

  function convertMap(pairs: readonly Pair<unknown, unknown>[], depth: number): Converted {
    const out = new Map<string, YamlValue>();
    let size = 1;
    let childDepth = 0;
    const merge = (from: ReadonlyMap<string, YamlValue>): void => {
      for (const [k, v] of from) out.set(k, v);
    };
    for (const pair of pairs) {
      const value = convert(pair.value, depth + 1);
      size += value.size;
      childDepth = Math.max(childDepth, value.depth);
      if (size > limits.maxNodes) fail('The parsed YAML is too big');
      if (isMergeKey(pair.key)) {
        const source = pair.value;
        const target = isAlias(source) ? source.resolve(document) : source;
        if ((isMap(target) || isAlias(source)) && isYamlMap(value.value)) {
          merge(value.value);
          continue;
        }
        if (isSeq(target) && Array.isArray(value.value) && value.value.every(isYamlMap)) {
          // Psych merges the list back to front into a fresh hash, so the
          // first item wins, then merges that hash over what came before.
          const combined = new Map<string, YamlValue>();
          for (const item of [...value.value].reverse()) for (const [k, v] of item) combined.set(k, v);
          merge(combined);
          continue;
        }
      }
      const key = convert(pair.key, depth + 1);
      out.set(rubyToS(key.value), value.value);
    }
    return { value: out, size, depth: childDepth + 1 };
  }

  try {
    return { ok: true, value: convert(document.contents, 0).value };
  } catch (error) {
    if (error instanceof ConvertAbort) return { ok: false, error: error.message };
    if (error instanceof RangeError) return { ok: false, error: 'The parsed YAML is too big' };
    throw error;
  }
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.tag !== STR_TAG && key.value === '<<';
}
