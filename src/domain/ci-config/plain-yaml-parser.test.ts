import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseFullYaml } from './full-yaml-parser.js';
import { parsePlainYaml } from './plain-yaml-parser.js';
import type { YamlNode } from './yaml-node.js';

/**
 * The fast parser must build exactly the tree the full parser builds, for
 * every text it takes. These tests compare the two on hand-picked texts and
 * on generated (and randomly damaged) documents.
 */

/** A tree as plain data: aliases by the pre-order number of their target, offsets of non-empty scalars. */
function canonical(root: YamlNode | null): unknown {
  const ids = new Map<YamlNode, number>();
  let next = 0;
  const walk = (node: YamlNode | null): unknown => {
    if (node === null) return null;
    if (node.kind === 'alias') return { alias: node.source, target: node.target ? (ids.get(node.target) ?? 'later') : 'none' };
    const id = next;
    next += 1;
    ids.set(node, id);
    const decoration = { id, tag: node.tag ?? null, anchor: node.anchor ?? null };
    if (node.kind === 'scalar') {
      return { ...decoration, text: node.text, plain: node.plain, offset: node.text === '' && node.plain ? null : node.offset };
    }
    if (node.kind === 'seq') return { ...decoration, seq: node.items.map(walk) };
    return { ...decoration, map: node.pairs.map((pair) => [walk(pair.key), walk(pair.value)]) };
  };
  return walk(root);
}

function fullParse(text: string): unknown {
  const result = parseFullYaml(text, { path: 'test.yml', maxDocuments: 2 });
  if (!result.ok) return { error: result.error };
  if (result.documents.length !== 1) return { documents: result.documents.length };
  return canonical(result.documents[0] ?? null);
}

/** True when the fast parser took the text (and then agreed with the full one). */
function agreesWithFull(text: string): boolean {
  const plain = parsePlainYaml(text);
  if (plain === undefined) return false;
  assert.deepEqual(canonical(plain), fullParse(text), `the parsers disagree on:\n${text}`);
  return true;
}

describe('plain YAML parser: the forms it takes, read as the full parser reads them', () => {
  const taken: Array<[string, string]> = [
    ['nested maps and a sequence at the key’s indentation', 'a:\n  b: 1\n  c:\n    d: x\nlist:\n- one\n- two\ne: 3\n'],
    ['compact maps in a sequence (rules)', 'job:\n  rules:\n    - if: $A == "1"\n      when: manual\n    -   if: $B\n        allow_failure: true\n'],
    ['comments and blank lines anywhere', '# top\na: 1 # trailing\n\n   # odd indent\nb:\n  # inside\n  - x  # c\n'],
    ['quoted scalars and keys', 'a: "x: y # z"\n\'b c\': \'it\'\'s\'\n"k": "\\x41\\u00e9\\t\\\\\\"\\/"\nd: \'\'\n'],
    ['flow collections', 'a: [x, "y, z", \'w\', [1, 2], {k: v}]\nb: { K: 1, J: [] , L: {} }\nc: []\n'],
    ['anchors, aliases and merge keys', 'x: &x {k: 1}\ny: &y\n  j: 2\nz:\n  <<: *x\n  <<: [*x, *y]\n  v: &v value\n  w: *v\n'],
    ['an alias inside the collection it names', 'a: &a\n  b: *a\n'],
    ['!reference', 'a:\n  script:\n    - !reference [.setup, script]\n    - echo\n'],
    ['literal and folded block scalars', 'a: |\n  one\n    two\n\n  three\n\n\nb: >-\n  folded\n  text\n\n  para\nc: |-\n  x\n'],
    ['a block scalar at the end of the file without a newline', 'a: |\n  x\n  y'],
    ['plain scalars YAML types later', 'a: yes\nb: 010\nc: 1:30\nd: :sym\ne: -1\nf: a:b\ng: x]\nh: ~\non: 1\n'],
    ['empty values', 'a:\nb:\n  c:\nd: # comment\n'],
    ['a job description comment above a key', '# Deploys.\n# Carefully.\ndeploy:\n  script: x\n'],
    ['an anchored block scalar, and a comment that ends one', 'a: &x |\n  text\n# note\nb: *x\nc: >-\n  t\n'],
    ['a sequence under a key of a compact map', '- a:\n  - x\n  b: |\n    y\n- c\n'],
  ];
  for (const [name, text] of taken) {
    test(name, () => assert.ok(agreesWithFull(text), `expected the fast parser to take:\n${text}`));
  }
});

describe('plain YAML parser: what it leaves to the full parser', () => {
  const declined: Array<[string, string]> = [
    ['tabs', 'a:\n\tb: 1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['several documents', 'spec:\n  inputs: {}\n---\na: 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['a flow collection over two lines', 'a: [one,\n  two]\n'],
    ['a mapping inside a one-line value', 'a: b: c\n'],
    ['an unknown alias (an error the full parser words)', 'a: *nope\n'],
    ['other tags', 'a: !!str 010\n'],
    ['keep chomping', 'a: |+\n  x\n\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a top-level scalar', 'just text\n'],
    ['an empty document', '# only a comment\n'],
    ['a nested sequence on one line', 'a:\n  - - x\n'],
    ['a trailing comma in flow', 'a: [x, ]\n'],
  ];
  for (const [name, text] of declined) {
    test(name, () => assert.equal(parsePlainYaml(text), undefined));
  }
});

// ---- generated documents ----

type Tree =
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [string, Tree]>; readonly step: number; readonly anchor: string | null }
  | { readonly kind: 'seq'; readonly items: readonly Tree[]; readonly step: number; readonly sameIndent: boolean; readonly anchor: string | null }
  | { readonly kind: 'block'; readonly header: string; readonly lines: readonly string[]; readonly step: number };

// Mostly ordinary values and keys, so that most documents are in the fast
// parser's subset; the odd ones probe its edges.
const COMMON_SCALARS = [
  'a', 'hello world', 'yes', 'No', '~', '010', '1:30', '1.5', ':sym', '-1', 'a:b', 'a#b', 'x # comment', 'echo $X "q"', "it's",
  '${X}', 'a [b]', 'x]', '"dq"', '"d\\"q"', '"\\x41\\u00e9\\n\\t"', "'sq'", "'s''q'", "''", '""', '[a, b]', '[a, [b, c]]', '[ ]',
  '{k: v}', '{k: v, j: [1, 2]}', '{}', '!reference [x, y]', '*a', '*anc', '&anc value', '&a [1, 2]', '&b {k: 1}', '[*a]', '{<<: *a, k: 1}',
  '"x" # c', '[a] # c', '[a, "b, c", \'d\']', '{"k": v}', '{ a: 1 , b: 2 }', 'é', 'x  y', 'a   ',
];
const ODD_SCALARS = [
  'on', 'null', '0x1F', '.inf', '1e3', '-x', '?x', 'a #b', 'a: b', 'a:', 'x}', 'x,y', '@x', '`x`', '%x', '!x', '!!str 1', '&a',
  '*b', '*missing', '"\\q"', '"\\U0001F600"', '"\\N\\_"', '"open', "'open", '[a,]', '{a}', '[a: b]', '{a: }', '["q": 1]',
  '2001-12-14', '1_000', '+12', '- x', '? x', '# c', '"x"#c', '[a]#c', '[*anc, x]', '-', ':', '::', 'a::b', '| x', '>', '|',
  'a\tb', '---', '...', '[a, {b: [c, {d: e}]}]', '[a , b]', '"a" "b"', '0b101', '.5', '{k: "v"}',
];
const COMMON_KEYS = ['a', 'b', 'c', 'job name', '"quoted key"', "'single'", '1', '<<', '.hidden', 'a:b', 'k#x', 'script', 'variables', 'key '];
const ODD_KEYS = ['on', '-k', ':k', '? k', 'k #x', '"k" x', '&a k', '*a', '[k]', '{k: 1}', '"a": b', 'x'.repeat(1100), ''];
const scalarText = fc.oneof({ arbitrary: fc.constantFrom(...COMMON_SCALARS), weight: 6 }, { arbitrary: fc.constantFrom(...ODD_SCALARS), weight: 1 });
const keyText = fc.oneof({ arbitrary: fc.constantFrom(...COMMON_KEYS), weight: 8 }, { arbitrary: fc.constantFrom(...ODD_KEYS), weight: 1 });
const BLOCK_HEADERS = ['|', '|-', '>', '>-', '| # c', '|', '|-', '|+', '|2', '|x', '>+', '|-  '];
const BLOCK_LINES = ['line', 'second', 'a: b', '# not comment', '- x', '', 'x  ', '  more', '   '];
const ANCHORS = ['a', 'b', 'anc'];

const { tree: treeArbitrary } = fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    scalarText.map((text): Tree => ({ kind: 'scalar', text })),
    tie('map'),
    tie('seq'),
    fc.record({
      kind: fc.constant('block' as const),
      header: fc.constantFrom(...BLOCK_HEADERS),
      lines: fc.array(fc.constantFrom(...BLOCK_LINES), { minLength: 0, maxLength: 4 }),
      step: fc.integer({ min: 1, max: 3 }),
    }),
  ),
  map: fc.record({
    kind: fc.constant('map' as const),
    entries: fc.array(fc.tuple(keyText, tie('tree')), { minLength: 1, maxLength: 4 }),
    step: fc.integer({ min: 1, max: 3 }),
    anchor: fc.option(fc.constantFrom(...ANCHORS), { nil: null }) as fc.Arbitrary<string | null>,
  }),
  seq: fc.record({
    kind: fc.constant('seq' as const),
    items: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }),
    step: fc.integer({ min: 1, max: 3 }),
    sameIndent: fc.boolean(),
    anchor: fc.option(fc.constantFrom(...ANCHORS), { nil: null }) as fc.Arbitrary<string | null>,
  }),
}));

const pad = (n: number): string => ' '.repeat(n);

/** Lines for `prefix` (`key:` or `-`) followed by `tree`, the prefix's column being `indent`. */
function renderAfter(prefix: string, tree: Tree, indent: number, inMap: boolean): string[] {
  switch (tree.kind) {
    case 'scalar':
      return [`${pad(indent)}${prefix} ${tree.text}`];
    case 'block':
      return [`${pad(indent)}${prefix} ${tree.header}`, ...tree.lines.map((line) => (line === '' ? '' : `${pad(indent + tree.step)}${line}`))];
    case 'map': {
      const anchor = tree.anchor ? ` &${tree.anchor}` : '';
      if (!inMap && !tree.anchor) {
        // A compact map: the first entry on the dash's line.
        const inner = renderMap(tree, indent + 2);
        return [`${pad(indent)}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1)];
      }
      return [`${pad(indent)}${prefix}${anchor}`, ...renderMap(tree, indent + tree.step)];
    }
    case 'seq': {
      const anchor = tree.anchor ? ` &${tree.anchor}` : '';
      const childIndent = inMap && tree.sameIndent ? indent : indent + tree.step;
      return [`${pad(indent)}${prefix}${anchor}`, ...tree.items.flatMap((item) => renderAfter('-', item, childIndent, false))];
    }
  }
}

function renderMap(tree: Extract<Tree, { kind: 'map' }>, indent: number): string[] {
  return tree.entries.flatMap(([key, value]) => renderAfter(`${key}:`, value, indent, true));
}

function render(tree: Tree): string {
  if (tree.kind === 'map') return `${renderMap(tree, 0).join('\n')}\n`;
  return `${renderAfter('root:', tree, 0, true).join('\n')}\n`;
}

const EDIT_CHARACTERS = [' ', ':', '-', '#', '"', "'", '\n', '[', ']', '{', '}', '&', '*', '!', '|', '>', ',', 'a', '\\', '  '];

/** A document, sometimes with comment or blank lines slipped in, sometimes damaged by one edit. */
const documentArbitrary = fc
  .record({
    tree: treeArbitrary,
    inserts: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 }), fc.constantFrom('# note', '', '#', '   ')), { maxLength: 3 }),
    edit: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...EDIT_CHARACTERS), fc.boolean())),
  })
  .map(({ tree, inserts, edit }) => {
    const lines = render(tree).split('\n');
    for (const [at, indent, text] of inserts) lines.splice(at % (lines.length + 1), 0, `${pad(indent)}${text}`);
    let text = lines.join('\n');
    if (edit) {
      const [at, character, remove] = edit;
      const position = at % (text.length + 1);
      text = remove ? text.slice(0, position) + text.slice(position + 1) : text.slice(0, position) + character + text.slice(position);
    }
    return text;
  });

describe('plain YAML parser: generated documents', () => {
  test('whatever it takes, it reads as the full parser does; and it takes a good share', () => {
    let taken = 0;
    let total = 0;
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        total += 1;
        if (agreesWithFull(text)) taken += 1;
      }),
      { numRuns: 1500 },
    );
    // Guards the comparison itself: a parser that took nothing would pass it.
    assert.ok(taken / total > 0.2, `took only ${taken} of ${total} generated documents`);
  });
});
