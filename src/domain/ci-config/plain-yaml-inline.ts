import type { YamlMapNode, YamlNode, YamlSeqNode } from './yaml-node.js';

/**
 * The parts of ./plain-yaml-parser.ts that sit within one line: quoted
 * scalars, flow collections (`[a, b]`, `{K: v}`), aliases, anchor names,
 * and where a plain scalar or a key ends. Each reader returns undefined
 * for anything outside the subset it takes (a flow collection running
 * onto the next line, an unusual escape, `:` inside a flow scalar), and the
 * caller then leaves the whole file to the full parser.
 */
export interface InlineRead<T> {
  readonly value: T;
  /** Index in the line just after what was read. */
  readonly end: number;
}

/** The latest node seen for each anchor name, in document order. */
export type AnchorTable = Map<string, YamlNode>;

const MAX_FLOW_DEPTH = 64;
// Below YAML's 1024-character cap on implicit keys, which the full parser reports.
const MAX_KEY_LENGTH = 1000;
const NAME = /[A-Za-z0-9_.\-/]/;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

export function scalarNode(text: string, plain: boolean, offset: number, anchor?: string): YamlNode {
  // Every property present, in one order: one object shape for the engine.
  return { kind: 'scalar', text, plain, offset, anchor, tag: undefined };
}

/** Whether only spaces, then optionally a comment, remain from `at`. */
export function isLineEnd(line: string, at: number): boolean {
  let i = at;
  while (line.charCodeAt(i) === 32) i += 1;
  if (i >= line.length) return true;
  return line[i] === '#' && (i > at || line[at - 1] === ' ');
}

/** An anchor or alias name (`&name`, `*name`) starting at `at`, the sigil excluded. */
export function readName(line: string, at: number): InlineRead<string> | undefined {
  let end = at;
  while (end < line.length && NAME.test(line[end] ?? '')) end += 1;
  return end === at ? undefined : { value: line.slice(at, end), end };
}

export function readQuoted(line: string, at: number): InlineRead<string> | undefined {
  return line[at] === "'" ? readSingleQuoted(line, at) : readDoubleQuoted(line, at);
}

function readSingleQuoted(line: string, at: number): InlineRead<string> | undefined {
  let text = '';
  let from = at + 1;
  for (;;) {
    const close = line.indexOf("'", from);
    if (close < 0) return undefined;
    text += line.slice(from, close);
    if (line[close + 1] !== "'") return { value: text, end: close + 1 };
    text += "'";
    from = close + 2;
  }
}

function readDoubleQuoted(line: string, at: number): InlineRead<string> | undefined {
  let text = '';
  let from = at + 1;
  for (let i = from; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"') return { value: text + line.slice(from, i), end: i + 1 };
    if (c !== '\\') continue;
    text += line.slice(from, i);
    const code = line[i + 1] ?? '';
    const simple = DOUBLE_QUOTE_ESCAPES[code];
    const hexLength = HEX_LENGTH[code];
    if (simple !== undefined) {
      text += simple;
      i += 1;
    } else if (hexLength !== undefined) {
      const hex = line.slice(i + 2, i + 2 + hexLength);
      if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const point = Number.parseInt(hex, 16);
      if (point > 0x10ffff) return undefined;
      text += String.fromCodePoint(point);
      i += 1 + hexLength;
    } else return undefined;
    from = i + 1;
  }
  return undefined;
}

/**
 * Where a plain scalar starting at `at` in block context ends: before a
 * ` #` comment or the end of the line, trailing spaces dropped. Undefined
 * when a `: ` inside (or a final `:`) would make it a mapping.
 */
export function plainEnd(line: string, at: number): number | undefined {
  let end = line.length;
  for (let i = at; i < line.length; i += 1) {
    const c = line.charCodeAt(i);
    if (c === 35 /* # */ && line.charCodeAt(i - 1) === 32) {
      end = i;
      break;
    }
    if (c === 58 /* : */ && (i + 1 === line.length || line.charCodeAt(i + 1) === 32)) return undefined;
  }
  while (end > at && line.charCodeAt(end - 1) === 32) end -= 1;
  return end;
}

/**
 * A character no plain scalar may start with (YAML's indicators), or `-`,
 * `?`, `:` not followed by text (in flow, `,[]{}` end the text too; taken
 * as the stricter rule everywhere).
 */
export function startsNonPlain(line: string, at: number): boolean {
  const c = line[at] ?? '';
  if ('[]{},#&*!|>\'"%@`'.includes(c)) return true;
  if (c === '-' || c === '?' || c === ':') return at + 1 >= line.length || ' ,[]{}'.includes(line[at + 1] ?? '');
  return false;
}

/** A flow collection on one line, `[` or `{` at `at`; `lineStart` is the line's offset in the text. */
export function readFlow(line: string, at: number, lineStart: number, anchors: AnchorTable, depth = 1): InlineRead<YamlNode> | undefined {
  if (depth > MAX_FLOW_DEPTH) return undefined;
  return line[at] === '[' ? readFlowSeq(line, at, lineStart, anchors, depth) : readFlowMap(line, at, lineStart, anchors, depth);
}

function readFlowSeq(line: string, at: number, lineStart: number, anchors: AnchorTable, depth: number): InlineRead<YamlNode> | undefined {
  const seq: YamlSeqNode = { kind: 'seq', items: [], tag: undefined, anchor: undefined };
  let i = skipSpaces(line, at + 1);
  if (line[i] === ']') return { value: seq, end: i + 1 };
  for (;;) {
    const item = readFlowItem(line, i, lineStart, anchors, depth);
    if (!item) return undefined;
    seq.items.push(item.value);
    i = skipSpaces(line, item.end);
    if (line[i] === ']') return { value: seq, end: i + 1 };
    if (line[i] !== ',') return undefined;
    i = skipSpaces(line, i + 1);
    if (line[i] === ']') return undefined;
  }
}

function readFlowMap(line: string, at: number, lineStart: number, anchors: AnchorTable, depth: number): InlineRead<YamlNode> | undefined {
  const map: YamlMapNode = { kind: 'map', pairs: [], tag: undefined, anchor: undefined };
  let i = skipSpaces(line, at + 1);
  if (line[i] === '}') return { value: map, end: i + 1 };
  for (;;) {
    const key = readFlowKey(line, i, lineStart);
    if (!key) return undefined;
    const value = readFlowItem(line, skipSpaces(line, key.end + 1), lineStart, anchors, depth);
    if (!value) return undefined;
    map.pairs.push({ key: key.value, value: value.value });
    i = skipSpaces(line, value.end);
    if (line[i] === '}') return { value: map, end: i + 1 };
    if (line[i] !== ',') return undefined;
    i = skipSpaces(line, i + 1);
    if (line[i] === '}') return undefined;
  }
}

/** A flow map key and its `: ` (the returned end is at the colon). */
function readFlowKey(line: string, at: number, lineStart: number): InlineRead<YamlNode> | undefined {
  if (line[at] === '"' || line[at] === "'") {
    const quoted = readQuoted(line, at);
    if (!quoted || line[quoted.end] !== ':' || line[quoted.end + 1] !== ' ' || quoted.end - at > MAX_KEY_LENGTH) return undefined;
    return { value: scalarNode(quoted.value, false, lineStart + at), end: quoted.end };
  }
  if (startsNonPlain(line, at)) return undefined;
  let i = at;
  while (i < line.length && !',[]{}#:'.includes(line[i] ?? '')) i += 1;
  if (line[i] !== ':' || line[i + 1] !== ' ' || i - at > MAX_KEY_LENGTH) return undefined;
  let end = i;
  while (end > at && line.charCodeAt(end - 1) === 32) end -= 1;
  if (end === at) return undefined;
  return { value: scalarNode(line.slice(at, end), true, lineStart + at), end: i };
}

function readFlowItem(line: string, at: number, lineStart: number, anchors: AnchorTable, depth: number): InlineRead<YamlNode> | undefined {
  const c = line[at];
  if (c === '[' || c === '{') return readFlow(line, at, lineStart, anchors, depth + 1);
  if (c === '"' || c === "'") {
    const quoted = readQuoted(line, at);
    // A quoted scalar followed by `:` would be a single-pair mapping.
    if (!quoted || line[skipSpaces(line, quoted.end)] === ':') return undefined;
    return { value: scalarNode(quoted.value, false, lineStart + at), end: quoted.end };
  }
  if (c === '*') {
    const name = readName(line, at + 1);
    const target = name && anchors.get(name.value);
    if (!name || !target || !' ,]}'.includes(line[name.end] ?? '')) return undefined;
    return { value: { kind: 'alias', source: name.value, target }, end: name.end };
  }
  if (startsNonPlain(line, at)) return undefined;
  let i = at;
  while (i < line.length && !',[]{}:'.includes(line[i] ?? '') && !(line[i] === '#' && line[i - 1] === ' ')) i += 1;
  if (line[i] === ':' || line[i] === '#') return undefined;
  let end = i;
  while (end > at && line.charCodeAt(end - 1) === 32) end -= 1;
  if (end === at) return undefined;
  return { value: scalarNode(line.slice(at, end), true, lineStart + at), end };
}

function skipSpaces(line: string, at: number): number {
  let i = at;
  while (line.charCodeAt(i) === 32) i += 1;
  return i;
}
