/**
 * A YAML document's syntax tree as the loader reads it, whichever parser
 * produced it (./plain-yaml-parser.ts for the common subset, the `yaml`
 * package through ./yaml-document-tree.ts for the rest). Scalars keep their
 * text untyped: ./yaml-node-converter.ts types them the way Psych does.
 *
 * Aliases point at their anchored node (the last one with that name before
 * the alias), which may be a collection the alias sits inside: converting
 * must watch for that cycle. The tree is built once and never changed.
 */
export type YamlNode = YamlScalarNode | YamlMapNode | YamlSeqNode | YamlAliasNode;

interface Decorated {
  /** `!tag` as resolved by the parser (`!!str` is `tag:yaml.org,2002:str`). */
  readonly tag?: string | undefined;
  readonly anchor?: string | undefined;
}

export interface YamlScalarNode extends Decorated {
  readonly kind: 'scalar';
  readonly text: string;
  /** Unquoted and not a block scalar: only these are typed (`010` → 8). */
  readonly plain: boolean;
  /** Offset of the first character in the source text. */
  readonly offset: number;
}

export interface YamlPairNode {
  readonly key: YamlNode | null;
  readonly value: YamlNode | null;
}

export interface YamlMapNode extends Decorated {
  readonly kind: 'map';
  readonly pairs: YamlPairNode[];
}

export interface YamlSeqNode extends Decorated {
  readonly kind: 'seq';
  readonly items: Array<YamlNode | null>;
}

export interface YamlAliasNode {
  readonly kind: 'alias';
  readonly source: string;
  readonly target: YamlNode | undefined;
}
