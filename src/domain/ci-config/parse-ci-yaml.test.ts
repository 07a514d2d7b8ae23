import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CI_CONFIG_LIMITS } from './config-limits.js';
import { parseCiYaml } from './parse-ci-yaml.js';
import { rubyToS } from './ruby-text.js';
import { ReferenceTag, RubyFloat, RubySymbol, isYamlMap, type YamlMap, type YamlValue } from './yaml-value.js';

function parse(text: string): YamlMap {
  const result = parseCiYaml(text, { path: '.gitlab-ci.yml', limits: DEFAULT_CI_CONFIG_LIMITS });
  if (!result.ok) assert.fail(result.error);
  assert.ok(isYamlMap(result.file.value));
  return result.file.value;
}

function valueOf(scalar: string): YamlValue | undefined {
  return parse(`a: ${scalar}\n`).get('a');
}

function parseError(text: string): string {
  const result = parseCiYaml(text, { path: '.gitlab-ci.yml', limits: DEFAULT_CI_CONFIG_LIMITS });
  assert.equal(result.ok, false, 'expected a YAML error');
  return result.ok ? '' : result.error;
}

/** Plain JS view of a parsed value, for deepEqual. */
function plain(value: YamlValue | undefined): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

describe('YAML 1.1 scalars as Psych types them (research 2, 12.7)', () => {
  const cases: Array<[string, YamlValue, string]> = [
    ['yes', true, 'true'],
    ['on', true, 'true'],
    ['True', true, 'true'],
    ['NO', false, 'false'],
    ['off', false, 'false'],
    ['y', 'y', 'y'],
    ['n', 'n', 'n'],
    ['012', 10, '10'],
    ['010', 8, '8'],
    ['09', '09', '09'],
    ['1:30', 5400, '5400'],
    ['1:30:00', 5400, '5400'],
    ['2:3', 7380, '7380'],
    ['1_000', 1000, '1000'],
    ['0x1F', 31, '31'],
    ['0b101', 5, '5'],
    ['+12', 12, '12'],
    ['1e3', '1e3', '1e3'],
    ['0.1e2', '0.1e2', '0.1e2'],
    ['~', null, ''],
    ['null', null, ''],
    ['Null', null, ''],
    ['', null, ''],
    ['hello world', 'hello world', 'hello world'],
    ['"010"', '010', '010'],
    ["'yes'", 'yes', 'yes'],
    ['!!str 010', '010', '010'],
    ['12345678901234567890', 12345678901234567890n, '12345678901234567890'],
  ];
  for (const [source, expected, text] of cases) {
    test(`${JSON.stringify(source)} → ${String(expected)} (to_s ${JSON.stringify(text)})`, () => {
      const value = valueOf(source);
      assert.deepEqual(value, expected);
      assert.equal(rubyToS(value ?? null), text);
    });
  }

  const floats: Array<[string, string]> = [
    ['1.10', '1.1'],
    ['1.0', '1.0'],
    ['.5', '0.5'],
    ['-.inf', '-Infinity'],
    ['.NaN', 'NaN'],
    ['1.0e+20', '1.0e+20'],
    ['0.00001', '1.0e-05'],
  ];
  for (const [source, text] of floats) {
    test(`${source} is a Float whose to_s is ${text}`, () => {
      const value = valueOf(source);
      assert.ok(value instanceof RubyFloat);
      assert.equal(rubyToS(value), text);
    });
  }

  test(':foo is a Symbol whose to_s is foo', () => {
    const value = valueOf(':foo');
    assert.ok(value instanceof RubySymbol);
    assert.equal(rubyToS(value), 'foo');
  });

  test('an unquoted date is refused like safe_load refuses Date', () => {
    assert.equal(parseError('a: 2001-12-14\n'), 'Tried to load unspecified class: Date');
    assert.equal(parseError('a: 2001-12-14t21:59:43.10-05:00\n'), 'Tried to load unspecified class: Time');
    assert.equal(valueOf('"2001-12-14"'), '2001-12-14');
  });

  test('a key `on:` becomes the key "true"', () => {
    assert.deepEqual([...parse('on: {script: x}\n').keys()], ['true']);
  });

  test('a multi-line block scalar stays one string', () => {
    assert.equal(valueOf('|\n  one\n  two'), 'one\ntwo\n');
  });
});

describe('mappings, anchors and merge keys', () => {
  test('duplicate keys: the last value wins, no error', () => {
    assert.deepEqual(plain(parse('a: 1\na: 2\n')), { a: 2 });
  });

  test('merge keys apply in document order: a later << overrides earlier keys', () => {
    const config = parse('x: &x {k: 1, a: 1}\ny: &y {k: 2, b: 2}\nz: {<<: *x, c: 3, <<: *y}\n');
    assert.deepEqual(plain(config.get('z')), { k: 2, a: 1, c: 3, b: 2 });
    assert.deepEqual([...(config.get('z') as YamlMap).keys()], ['k', 'a', 'c', 'b']);
  });

  test('an explicit key before << is overridden by the merge ({k: 9, <<: {k: 1}} → k=1)', () => {
    assert.deepEqual(plain(parse('x: &x {k: 1}\nz: {k: 9, <<: *x}\n').get('z')), { k: 1 });
  });

  test('<<: [*x, *y]: the earlier item wins for shared keys', () => {
    assert.deepEqual(plain(parse('x: &x {k: 1}\ny: &y {k: 2}\nz: {<<: [*x, *y]}\n').get('z')), { k: 1 });
  });

  test('an explicit key after << overrides the merged one', () => {
    assert.deepEqual(plain(parse('x: &x {k: 1, j: 1}\nz:\n  <<: *x\n  k: 5\n').get('z')), { k: 5, j: 1 });
  });

  test('aliases repeat lists, and a list alias inside a list nests', () => {
    const config = parse('a: &common [one, two]\nb: [*common, three]\n');
    assert.deepEqual(plain(config.get('b')), [['one', 'two'], 'three']);
  });

  test('an alias to an unknown anchor is a YAML error', () => {
    assert.match(parseError('a: *nope\n'), /nope/);
  });

  test('!reference becomes a ReferenceTag holding its path', () => {
    const tag = parse('a: !reference [job, script]\n').get('a');
    assert.ok(tag instanceof ReferenceTag);
    assert.deepEqual(tag.data, ['job', 'script']);
  });
});

describe('documents, syntax errors and limits', () => {
  test('a spec: header document is allowed before the config', () => {
    const result = parseCiYaml('spec:\n  inputs:\n    env: {}\n---\njob:\n  script: x\n', { path: 'x.yml', limits: DEFAULT_CI_CONFIG_LIMITS });
    assert.ok(result.ok);
    assert.deepEqual([...(result.file.value as YamlMap).keys()], ['job']);
    assert.ok(isYamlMap(result.file.header));
  });

  test('three documents are refused', () => {
    assert.match(parseError('a: 1\n---\nb: 2\n---\nc: 3\n'), /at most 2 YAML documents/);
  });

  test('a syntax error names the file and the position', () => {
    assert.match(parseError('a: b: c\n'), /^\(\.gitlab-ci\.yml\): .*line 1/);
  });

  test('binary garbage is a clear YAML error', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37) % 256));
    assert.match(parseError(garbage), /control characters are not allowed at line \d+ column \d+/);
  });

  test('too big before parsing', () => {
    const result = parseCiYaml('a: 1\n'.repeat(10), { path: 'x.yml', limits: { ...DEFAULT_CI_CONFIG_LIMITS, maxYamlBytes: 20 } });
    assert.deepEqual(result, { ok: false, error: 'The provided YAML is too big' });
  });

  test('nesting deeper than max depth', () => {
    const deep = `a: ${'['.repeat(150)}${']'.repeat(150)}\n`;
    assert.equal(parseError(deep), 'The parsed YAML is too big');
  });

  test('an alias bomb stops at the node limit', () => {
    let text = 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i += 1) text += `l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]\n`;
    assert.equal(parseError(text), 'The parsed YAML is too big');
  });
});
