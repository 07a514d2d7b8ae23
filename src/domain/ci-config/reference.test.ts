import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorMessages, expectError, expectJob, load } from './ci-config.test-support.js';
import { DEFAULT_CI_CONFIG_LIMITS } from './config-limits.js';
import { parseCiYaml } from './parse-ci-yaml.js';
import { resolveReferences } from './resolve-references.js';
import { isYamlMap, type YamlMap, type YamlValue } from './yaml-value.js';

function plain(value: YamlValue | undefined): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function resolve(text: string): Record<string, unknown> | readonly string[] {
  const parsed = parseCiYaml(text, { path: 'x.yml', limits: DEFAULT_CI_CONFIG_LIMITS });
  assert.ok(parsed.ok && isYamlMap(parsed.file.value));
  const result = resolveReferences(parsed.file.value as YamlMap);
  return result.ok ? (plain(result.config) as Record<string, unknown>) : result.errors;
}

describe('!reference (research 12.5, GitLab reference specs)', () => {
  test('references to lists nest inside a list', () => {
    const out = resolve('a: {b: [1, 2]}\nc: {d: {e: [3, 4]}}\nf: {g: [!reference [a, b], 5, !reference [c, d, e]]}\n');
    assert.deepEqual((out as Record<string, unknown>)['f'], { g: [[1, 2], 5, [3, 4]] });
  });

  test('a reference to a hash', () => {
    const out = resolve('a: {b: {c: c, d: d}}\ne: {f: !reference [a, b]}\n');
    assert.deepEqual((out as Record<string, unknown>)['e'], { f: { c: 'c', d: 'd' } });
  });

  test('references inside the referenced value are resolved', () => {
    const out = resolve('a: {b: {c: c, d: d}}\ne: {f: {g: !reference [a, b, c], h: h}}\ni: !reference [e, f]\n');
    assert.deepEqual((out as Record<string, unknown>)['i'], { g: 'c', h: 'h' });
  });

  test('a reference may come before its target', () => {
    const out = resolve('a: {b: !reference [c, d]}\ng: {h: {i: i, j: 1}}\nc: {d: {e: !reference [g, h, j], f: f}}\n');
    assert.deepEqual((out as Record<string, unknown>)['a'], { b: { e: 1, f: 'f' } });
  });

  test('circular chains', () => {
    assert.deepEqual(resolve('a: !reference [b]\nb: !reference [a]\n'), ['!reference ["b"] is part of a circular chain']);
    assert.deepEqual(resolve('a: !reference [b, c]\nb: {c: !reference [a]}\n'), ['!reference ["b", "c"] is part of a circular chain']);
  });

  test('could not be found', () => {
    assert.deepEqual(resolve('a: !reference [b]\n'), ['!reference ["b"] could not be found']);
    assert.deepEqual(resolve('a: [1, 2]\nb: [3, 4]\nc: !reference [a, b]\n'), ['!reference ["a", "b"] could not be found']);
  });

  test('invalid forms', () => {
    assert.deepEqual(resolve('a: !reference\n'), ['!reference [] is not valid']);
    assert.deepEqual(resolve('a: !reference str\n'), ['!reference "str" is not valid']);
    assert.deepEqual(resolve('a: !reference 1\n'), ['!reference "1" is not valid']);
    assert.deepEqual(resolve('a: !reference [1]\n'), ['!reference [1] is not valid']);
    assert.deepEqual(resolve('a: !reference { b: c }\n'), ['!reference {"b"=>"c"} is not valid']);
  });

  test('references resolve after extends and reach into other jobs', async () => {
    const job = expectJob(
      await load(
        [
          '.setup: {script: [echo one, echo two]}',
          '.child: {extends: .setup}',
          'job:',
          '  before_script: [!reference [.child, script]]',
          '  script: [!reference [".meson build", script], echo last]',
          '".meson build": {script: echo meson}',
        ].join('\n'),
      ),
      'job',
    );
    assert.deepEqual(job.beforeScript, ['echo one', 'echo two']);
    assert.deepEqual(job.script, ['echo meson', 'echo last']);
  });

  function nestedScript(levels: number): string {
    const lines = ['.l1: {script: [echo deepest]}'];
    for (let i = 2; i < levels; i += 1) lines.push(`.l${i}: {script: [!reference [.l${i - 1}, script]]}`);
    lines.push(`test: {script: [!reference [.l${levels - 1}, script]]}`);
    return lines.join('\n');
  }

  test('script nesting: 10 levels are accepted, 11 are not', async () => {
    assert.deepEqual(expectJob(await load(nestedScript(10)), 'test').script, ['echo deepest']);
    expectError(await load(nestedScript(11)), 'jobs:test:script config should be a string or a nested array of strings up to 10 levels deep');
  });

  test('a reference error stops loading', async () => {
    assert.deepEqual(errorMessages(await load('job: {script: !reference [.nope, script]}\n')), ['!reference [".nope", "script"] could not be found']);
  });
});
