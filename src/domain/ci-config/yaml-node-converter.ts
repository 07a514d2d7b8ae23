import { tokenizePlainScalar } from './psych-scalar.js';
import { rubyToS } from './ruby-text.js';
import type { YamlNode, YamlPairNode } from './yaml-node.js';
import { ReferenceTag, isYamlMap, type YamlValue } from './yaml-value.js';

/**
 * Turns one document's syntax tree (./yaml-node.ts, every scalar still its
 * text) into values the way Psych builds Ruby objects for GitLab:
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

/** An anchored node's value with the size and height it adds wherever an alias repeats it. */
interface Converted {
  readonly value: YamlValue;
  readonly size: number;
  readonly height: number;
}

/** Thrown only inside this module to unwind deep recursion; never escapes it. */
class ConvertAbort extends Error {}

export function convertTree(root: YamlNode | null, limits: ConvertLimits): ConvertResult {
  // Only anchored nodes can be reached twice (through their aliases), so
  // only they are cached and watched for cycles.
  const cache = new Map<YamlNode, Converted>();
  const inProgress = new Set<YamlNode>();
  // Size (values, aliases expanded) and height of the value `convert` just
  // returned: kept here rather than in a result object per node, which
  // showed up in profiles of large files.
  let lastSize = 0;
  let lastHeight = 0;

  function fail(message: string): never {
    throw new ConvertAbort(message);
  }

  function measured(value: YamlValue, size: number, height: number): YamlValue {
    if (height > limits.maxDepth || size > limits.maxNodes) fail('The parsed YAML is too big');
    lastSize = size;
    lastHeight = height;
    return value;
  }

  function convert(node: YamlNode | null, depth: number): YamlValue {
    if (depth > limits.maxDepth) fail('The parsed YAML is too big');
    if (node === null) {
      lastSize = 1;
      lastHeight = 1;
      return null;
    }
    if (node.kind === 'alias') {
      if (!node.target) fail(`An alias referenced an unknown anchor: ${node.source}`);
      return convert(node.target, depth);
    }
    if (node.anchor === undefined || node.anchor === '') return convertFresh(node, depth);
    const cached = cache.get(node);
    if (cached) return measured(cached.value, cached.size, cached.height);
    if (inProgress.has(node)) fail('An alias refers to the collection that holds it');
    inProgress.add(node);
    const value = convertFresh(node, depth);
    inProgress.delete(node);
    cache.set(node, { value, size: lastSize, height: lastHeight });
    return value;
  }

  function convertFresh(node: Exclude<YamlNode, { kind: 'alias' }>, depth: number): YamlValue {
    if (node.kind === 'scalar') {
      if (node.tag === REFERENCE_TAG) return measured(new ReferenceTag({ scalar: node.text }), 1, 1);
      if (node.tag === STR_TAG || !node.plain) return measured(node.text, 1, 1);
      const typed = tokenizePlainScalar(node.text);
      if (!typed.ok) fail(typed.error);
      return measured(typed.value, 1, 1);
    }
    if (node.kind === 'seq') {
      const items: YamlValue[] = [];
      let size = 1;
      let childHeight = 0;
      for (const item of node.items) {
        items.push(convert(item, depth + 1));
        size += lastSize;
        if (lastHeight > childHeight) childHeight = lastHeight;
        if (size > limits.maxNodes) fail('The parsed YAML is too big');
      }
      return measured(node.tag === REFERENCE_TAG ? new ReferenceTag(items) : items, size, childHeight + 1);
    }
    const map = convertMap(node.pairs, depth);
    return node.tag === REFERENCE_TAG ? measured(new ReferenceTag(map), lastSize, lastHeight) : map;
  }

  function convertMap(pairs: readonly YamlPairNode[], depth: number): YamlValue {
    const out = new Map<string, YamlValue>();
    let size = 1;
    let childHeight = 0;
    const merge = (from: ReadonlyMap<string, YamlValue>): void => {
      for (const [k, v] of from) out.set(k, v);
    };
    for (const pair of pairs) {
      const value = convert(pair.value, depth + 1);
      size += lastSize;
      if (lastHeight > childHeight) childHeight = lastHeight;
      if (size > limits.maxNodes) fail('The parsed YAML is too big');
      if (isMergeKey(pair.key)) {
        const source = pair.value;
        const target = source?.kind === 'alias' ? source.target : source;
        if ((target?.kind === 'map' || source?.kind === 'alias') && isYamlMap(value)) {
          merge(value);
          continue;
        }
        if (target?.kind === 'seq' && Array.isArray(value) && value.every(isYamlMap)) {
          // Psych merges the list back to front into a fresh hash, so the
          // first item wins, then merges that hash over what came before.
          const combined = new Map<string, YamlValue>();
          for (const item of [...value].reverse()) for (const [k, v] of item) combined.set(k, v);
          merge(combined);
          continue;
        }
      }
      const key = convert(pair.key, depth + 1);
      out.set(rubyToS(key), value);
    }
    return measured(out, size, childHeight + 1);
  }

  try {
    return { ok: true, value: convert(root, 0) };
  } catch (error) {
    if (error instanceof ConvertAbort) return { ok: false, error: error.message };
    if (error instanceof RangeError) return { ok: false, error: 'The parsed YAML is too big' };
    throw error;
  }
}

function isMergeKey(key: YamlNode | null): boolean {
  return key !== null && key.kind === 'scalar' && key.tag !== STR_TAG && key.text === '<<';
}
