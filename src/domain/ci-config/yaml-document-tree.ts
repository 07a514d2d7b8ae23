import type { Document } from 'yaml';
import type { YamlMapNode, YamlNode, YamlSeqNode } from './yaml-node.js';
import { yamlPackage } from './yaml-package.js';

/**
 * The `yaml` package's document (the full parser, for what
 * ./plain-yaml-parser.ts does not take) as a YamlNode tree.
 *
 * Aliases are resolved here, in one walk: the package's `Alias#resolve`
 * walks the whole document on every call, which made a file with many
 * `*alias` uses quadratic. The walk goes in the order `Alias#resolve`
 * searches (a collection before its items, a key before its value), so an
 * alias gets the same node.
 */
export type DocumentTreeResult = { readonly ok: true; readonly root: YamlNode | null } | { readonly ok: false; readonly error: string };

/** Thrown only inside this module to unwind the recursion; never escapes it. */
class UnknownNode extends Error {}

export function documentTree(document: Document): DocumentTreeResult {
  const { isAlias, isMap, isScalar, isSeq } = yamlPackage();
  const latest = new Map<string, YamlNode>();
  const remember = (anchor: string | undefined, node: YamlNode): void => {
    if (anchor) latest.set(anchor, node);
  };

  function walk(node: unknown): YamlNode | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return { kind: 'alias', source: node.source, target: latest.get(node.source) };
    if (isScalar(node)) {
      const text = node.value === null || node.value === undefined ? '' : String(node.value);
      const scalar: YamlNode = { kind: 'scalar', text, plain: node.type === 'PLAIN', tag: node.tag, anchor: node.anchor, offset: node.range?.[0] ?? 0 };
      remember(node.anchor, scalar);
      return scalar;
    }
    if (isMap(node)) {
      const map: YamlMapNode = { kind: 'map', pairs: [], tag: node.tag, anchor: node.anchor };
      remember(node.anchor, map);
      for (const pair of node.items) {
        const key = walk(pair.key);
        map.pairs.push({ key, value: walk(pair.value) });
      }
      return map;
    }
    if (isSeq(node)) {
      const seq: YamlSeqNode = { kind: 'seq', items: [], tag: node.tag, anchor: node.anchor };
      remember(node.anchor, seq);
      for (const item of node.items) seq.items.push(walk(item));
      return seq;
    }
    throw new UnknownNode();
  }

  try {
    return { ok: true, root: walk(document.contents) };
  } catch (error) {
    if (error instanceof UnknownNode) return { ok: false, error: 'Invalid YAML node' };
    if (error instanceof RangeError) return { ok: false, error: 'The parsed YAML is too big' };
    throw error;
  }
}
