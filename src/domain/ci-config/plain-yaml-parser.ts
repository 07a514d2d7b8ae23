import { readBlockScalar } from './plain-yaml-block-scalar.js';
import {
  isLineEnd, plainEnd, readFlow, readName, readQuoted, scalarNode, startsNonPlain, type AnchorTable, type InlineRead,
} from './plain-yaml-inline.js';
import type { YamlMapNode, YamlNode, YamlSeqNode } from './yaml-node.js';

/**
 * A fast reader for the YAML that `.gitlab-ci.yml` files are nearly always
 * written in: one document of block mappings and sequences, one-line plain
 * and quoted scalars, one-line flow collections, `|`/`>` block scalars,
 * anchors, aliases, `<<` and `!reference [...]`. It builds the same tree as
 * the full parser (./full-yaml-parser.ts) and is several times faster,
 * which matters because loading the config is on the path of every chat
 * command.
 *
 * Anything else — tabs, CR, `---`, multi-line plain or quoted scalars,
 * flow collections spread over lines, other tags, complex keys, and every
 * syntax error — gives undefined, and the caller hands the text to the
 * full parser, which also words the errors. Taking less is always safe;
 * the tests compare both parsers on generated documents.
 */
const MAX_BLOCK_DEPTH = 100;
const MAX_KEY_LENGTH = 1000;
const UNSUPPORTED_TEXT = /[\t\r\uFEFF\u0085\u2028\u2029]|^(?:---|\.\.\.)/m;

/** Thrown only inside this module when the text leaves the subset; never escapes it. */
class NotPlain extends Error {}

interface Key {
  readonly node: YamlNode;
  /** Index in the line just after the `:`. */
  readonly after: number;
}

export function parsePlainYaml(text: string): YamlNode | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const anchors: AnchorTable = new Map();
  let line = 0;

  const unsupported = (): never => {
    throw new NotPlain();
  };
  const indentOf = (index: number): number => {
    const text = lines[index] ?? '';
    let i = 0;
    while (text.charCodeAt(i) === 32) i += 1;
    return i;
  };
  // Blank and comment-only lines carry nothing outside block scalars.
  const skipEmpty = (): void => {
    for (; line < lines.length; line += 1) {
      const text = lines[line] ?? '';
      const i = indentOf(line);
      if (i < text.length && text[i] !== '#') return;
    }
  };
  const isSeqItem = (text: string, at: number): boolean => text[at] === '-' && (at + 1 === text.length || text[at + 1] === ' ');
  const orUnsupported = <T>(read: InlineRead<T> | undefined): InlineRead<T> => read ?? unsupported();

  /** The block collection whose first entry starts the current line, at `indent`. */
  function readCollection(indent: number, depth: number, anchor?: string): YamlNode {
    if (depth > MAX_BLOCK_DEPTH) unsupported();
    return isSeqItem(lines[line] ?? '', indent) ? readSeq(indent, depth, anchor) : readMap(indent, indent, depth, anchor);
  }

  function readMap(indent: number, column: number, depth: number, anchor?: string): YamlMapNode {
    const map: YamlMapNode = { kind: 'map', pairs: [], tag: undefined, anchor };
    if (anchor !== undefined) anchors.set(anchor, map);
    let at = column;
    for (;;) {
      const text = lines[line] ?? '';
      const key = splitKey(text, at) ?? unsupported();
      map.pairs.push({ key: key.node, value: readValue(text, key.after, indent, depth, true) });
      skipEmpty();
      if (line >= lines.length) return map;
      const next = indentOf(line);
      if (next < indent) return map;
      if (next > indent || isSeqItem(lines[line] ?? '', next)) unsupported();
      at = indent;
    }
  }

  function readSeq(indent: number, depth: number, anchor?: string): YamlSeqNode {
    const seq: YamlSeqNode = { kind: 'seq', items: [], tag: undefined, anchor };
    if (anchor !== undefined) anchors.set(anchor, seq);
    for (;;) {
      const text = lines[line] ?? '';
      let at = indent + 1;
      while (text.charCodeAt(at) === 32) at += 1;
      if (at < text.length && text[at] !== '#' && splitKey(text, at)) {
        seq.items.push(readMap(at, at, depth + 1));
      } else {
        if (isSeqItem(text, at)) unsupported();
        seq.items.push(readValue(text, at, indent, depth, false));
      }
      skipEmpty();
      if (line >= lines.length) return seq;
      const next = indentOf(line);
      if (next > indent) unsupported();
      if (next < indent || !isSeqItem(lines[line] ?? '', next)) return seq;
    }
  }

  /**
   * The value after a key's `: ` or a `- `, from `at` in the current line;
   * leaves `line` after it. `inMap`: a sequence may then sit at the key's
   * own indentation.
   */
  function readValue(text: string, at: number, indent: number, depth: number, inMap: boolean): YamlNode | null {
    const lineStart = starts[line] ?? 0;
    let i = at;
    while (text.charCodeAt(i) === 32) i += 1;
    let anchor: string | undefined;
    if (text[i] === '&') {
      const name = orUnsupported(readName(text, i + 1));
      if (name.end < text.length && text[name.end] !== ' ') unsupported();
      anchor = name.value;
      i = name.end;
      while (text.charCodeAt(i) === 32) i += 1;
    }
    if (isLineEnd(text, i)) {
      line += 1;
      skipEmpty();
      const next = line < lines.length ? indentOf(line) : -1;
      if (next > indent || (inMap && next === indent && isSeqItem(lines[line] ?? '', next))) {
        return readCollection(next, depth + 1, anchor);
      }
      if (anchor !== undefined) unsupported();
      return scalarNode('', true, lineStart + at);
    }
    const c = text[i];
    if (c === '|' || c === '>') {
      const block = readBlockScalar(lines, line, i, indent) ?? unsupported();
      line = block.nextLine;
      return remember(scalarNode(block.text, false, lineStart + i, anchor), anchor);
    }
    let node: YamlNode;
    let end: number;
    if (c === '*') {
      if (anchor !== undefined) unsupported();
      const name = orUnsupported(readName(text, i + 1));
      node = { kind: 'alias', source: name.value, target: anchors.get(name.value) ?? unsupported() };
      end = name.end;
    } else if (c === '!') {
      if (anchor !== undefined || !text.startsWith('!reference [', i)) unsupported();
      const flow = orUnsupported(readFlow(text, i + 11, lineStart, anchors));
      node = { ...(flow.value as YamlSeqNode), tag: '!reference' };
      end = flow.end;
    } else if (c === '[' || c === '{') {
      // Registered before the items are read, so an alias inside sees it.
      const flow = orUnsupported(readFlow(text, i, lineStart, anchors));
      node = anchor === undefined ? flow.value : { ...(flow.value as YamlMapNode | YamlSeqNode), anchor };
      if (anchor !== undefined && containsAlias(flow.value, anchor)) unsupported();
      end = flow.end;
    } else if (c === '"' || c === "'") {
      const quoted = orUnsupported(readQuoted(text, i));
      node = scalarNode(quoted.value, false, lineStart + i, anchor);
      end = quoted.end;
    } else {
      if (startsNonPlain(text, i)) unsupported();
      end = plainEnd(text, i) ?? unsupported();
      node = scalarNode(text.slice(i, end), true, lineStart + i, anchor);
    }
    if (!isLineEnd(text, end)) unsupported();
    remember(node, anchor);
    line += 1;
    skipEmpty();
    // A deeper line after a one-line value would continue a multi-line scalar.
    if (line < lines.length && indentOf(line) > indent) unsupported();
    return node;
  }

  function remember(node: YamlNode, anchor: string | undefined): YamlNode {
    if (anchor !== undefined) anchors.set(anchor, node);
    return node;
  }

  /** A `key:` at `at`, when the text there is one. */
  function splitKey(text: string, at: number): Key | undefined {
    const c = text[at];
    if (c === '"' || c === "'") {
      const quoted = readQuoted(text, at);
      if (!quoted || text[quoted.end] !== ':' || (quoted.end + 1 < text.length && text[quoted.end + 1] !== ' ')) return undefined;
      if (quoted.end - at > MAX_KEY_LENGTH) unsupported();
      return { node: scalarNode(quoted.value, false, (starts[line] ?? 0) + at), after: quoted.end + 1 };
    }
    if (startsNonPlain(text, at)) return undefined;
    for (let i = at; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 35 /* # */ && text.charCodeAt(i - 1) === 32) return undefined;
      if (code !== 58 /* : */ || (i + 1 < text.length && text.charCodeAt(i + 1) !== 32)) continue;
      let end = i;
      while (end > at && text.charCodeAt(end - 1) === 32) end -= 1;
      // YAML caps implicit keys at 1024 characters up to the colon; the full parser words that error.
      if (i - at > MAX_KEY_LENGTH) unsupported();
      return { node: scalarNode(text.slice(at, end), true, (starts[line] ?? 0) + at), after: i + 1 };
    }
    return undefined;
  }

  try {
    skipEmpty();
    if (line >= lines.length || indentOf(line) !== 0) return undefined;
    const root = readCollection(0, 1);
    skipEmpty();
    return line < lines.length ? undefined : root;
  } catch (error) {
    if (error instanceof NotPlain || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Whether an alias to `anchor` sits inside `node` (a self-referencing flow collection). */
function containsAlias(node: YamlNode, anchor: string): boolean {
  if (node.kind === 'alias') return node.source === anchor;
  if (node.kind === 'seq') return node.items.some((item) => item !== null && containsAlias(item, anchor));
  if (node.kind === 'map') return node.pairs.some((pair) => (pair.value !== null && containsAlias(pair.value, anchor)) || (pair.key !== null && containsAlias(pair.key, anchor)));
  return false;
}
