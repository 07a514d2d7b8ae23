import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorMessages, expectConfig, expectJob, load } from './ci-config.test-support.js';
import { DEFAULT_CI_CONFIG_LIMITS } from './config-limits.js';
import { parseCiYaml } from './parse-ci-yaml.js';
import { resolveExtends } from './resolve-extends.js';
import { isYamlMap, type YamlMap, type YamlValue } from './yaml-value.js';

function plain(value: YamlValue | undefined): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function extend(text: string): Record<string, unknown> | string {
  const parsed = parseCiYaml(text, { path: 'x.yml', limits: DEFAULT_CI_CONFIG_LIMITS });
  assert.ok(parsed.ok && isYamlMap(parsed.file.value));
  const result = resolveExtends(parsed.file.value as YamlMap);
  return result.ok ? (plain(result.config) as Record<string, unknown>) : result.error;
}

describe('extends merging (research 12.4, GitLab extendable specs)', () => {
  test('1. single parent, deep merge', () => {
    const out = extend('something: {script: deploy, only: {variables: [$SOMETHING]}}\ntest: {extends: something, script: ls, only: {refs: [master]}}\n');
    assert.deepEqual((out as Record<string, unknown>)['test'], {
      script: 'ls',
      only: { variables: ['$SOMETHING'], refs: ['master'] },
      extends: 'something',
    });
  });

  test('2. {} keeps the parent value, null deletes it', () => {
    const out = extend(
      'something: {script: deploy, only: {variables: [$SOMETHING]}}\ntest1: {extends: something, script: ls, only: {}}\ntest2: {extends: something, script: ls, only: null}\n',
    ) as Record<string, Record<string, unknown>>;
    assert.deepEqual(out['test1']?.['only'], { variables: ['$SOMETHING'] });
    assert.equal(out['test2']?.['only'], null);
  });

  test('3. recursive extends through several levels', () => {
    const out = extend(
      [
        '.first: {script: run, only: {kubernetes: active}}',
        'something: {extends: .first, script: exec, only: {variables: [$SOMETHING]}}',
        'test: {extends: something, script: ls, only: {refs: [master]}}',
        'build: {extends: something, stage: build}',
        'deploy: {stage: deploy, extends: .first}',
      ].join('\n'),
    ) as Record<string, Record<string, unknown>>;
    assert.deepEqual(out['something']?.['only'], { kubernetes: 'active', variables: ['$SOMETHING'] });
    assert.equal(out['something']?.['script'], 'exec');
    assert.deepEqual(out['deploy'], { script: 'run', only: { kubernetes: 'active' }, stage: 'deploy', extends: '.first' });
    assert.deepEqual(out['build'], { script: 'exec', only: { kubernetes: 'active', variables: ['$SOMETHING'] }, extends: 'something', stage: 'build' });
    assert.deepEqual(out['test']?.['only'], { kubernetes: 'active', variables: ['$SOMETHING'], refs: ['master'] });
    assert.equal(out['test']?.['script'], 'ls');
  });

  test('4. several parents: the later one wins', () => {
    const out = extend('first: {script: my value, image: ubuntu}\nsecond: {image: alpine}\ntest: {extends: [first, second]}\n') as Record<string, unknown>;
    assert.deepEqual(out['test'], { script: 'my value', image: 'alpine', extends: ['first', 'second'] });
  });

  test('5. a chain extends the parents too', () => {
    const out = extend('first: {script: my value}\nsecond: {extends: first}\ntest: {extends: second}\n') as Record<string, unknown>;
    assert.deepEqual(out['second'], { script: 'my value', extends: 'first' });
    assert.deepEqual(out['test'], { script: 'my value', extends: 'second' });
  });

  test('6. errors: self, cycle, unknown, invalid base, nesting', () => {
    assert.equal(extend('test: {extends: test, script: x}\n'), 'test: circular dependency detected in `extends`');
    assert.equal(
      extend('test: {extends: something}\nsomething: {extends: .first}\n.first: {extends: something}\n'),
      'something: circular dependency detected in `extends`',
    );
    assert.equal(extend('something: {extends: 1, script: x}\n'), 'something: unknown keys in `extends` (1)');
    assert.equal(extend("something: 'some text'\ntest: {extends: something}\n"), 'test: invalid base hashes in `extends` (something)');
    assert.equal(extend('test: {extends: [something, other]}\n'), 'test: unknown keys in `extends` (something, other)');
  });

  test('6. more than 10 ancestors is too deep; eleven hops to a leaf is fine', () => {
    const chain = (length: number, leafExtends: boolean): string => {
      const lines = ['job: {extends: p1, script: x}'];
      for (let i = 1; i < length; i += 1) lines.push(`p${i}: {extends: p${i + 1}}`);
      lines.push(leafExtends ? `p${length}: {extends: p${length + 1}}\np${length + 1}: {script: leaf}` : `p${length}: {script: leaf}`);
      return lines.join('\n');
    };
    const ok = extend(chain(11, false)) as Record<string, Record<string, unknown>>;
    assert.equal(ok['job']?.['script'], 'x');
    assert.equal(extend(chain(11, true)), 'p11: nesting too deep in `extends`');
  });

  test('7. docs merge details: hashes merge, rules/tags replace', async () => {
    const job = expectJob(
      await load(
        [
          '.only-important:',
          '  variables: {URL: "http://my-url.internal", IMPORTANT_VAR: the details}',
          '  rules: [{if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH}, {if: $CI_COMMIT_BRANCH == "stable"}]',
          '  tags: [production]',
          '  script: [echo "Hello world!"]',
          '.in-docker:',
          '  variables: {URL: "http://docker-url.internal"}',
          '  tags: [docker]',
          '  image: alpine',
          'rspec:',
          '  variables: {GITLAB: is-awesome}',
          '  extends: [.only-important, .in-docker]',
          '  script: [rake rspec]',
        ].join('\n'),
      ),
      'rspec',
    );
    assert.deepEqual(
      Object.fromEntries(Object.entries(job.variables).map(([k, v]) => [k, v.value])),
      { URL: 'http://docker-url.internal', IMPORTANT_VAR: 'the details', GITLAB: 'is-awesome' },
    );
    assert.equal(job.rules?.length, 2);
    assert.deepEqual(job.tags, ['docker']);
    assert.equal(job.inert['image'], 'alpine');
    assert.deepEqual(job.script, ['rake rspec']);
  });

  test('8. exclude a key: variables {} keeps, null removes', async () => {
    const config = expectConfig(
      await load(
        [
          '.base: {script: test, variables: {VAR1: base var 1}}',
          'test1: {extends: .base, variables: {VAR1: test1 var 1, VAR2: test1 var 2}}',
          'test2: {extends: .base, variables: {VAR2: test2 var 2}}',
          'test3: {extends: .base, variables: {}}',
          'test4: {extends: .base, variables: null}',
        ].join('\n'),
      ),
    );
    const values = (name: string): Record<string, string> =>
      Object.fromEntries(Object.entries(config.jobs.get(name)?.variables ?? {}).map(([k, v]) => [k, v.value]));
    assert.deepEqual(values('test1'), { VAR1: 'test1 var 1', VAR2: 'test1 var 2' });
    assert.deepEqual(values('test2'), { VAR1: 'base var 1', VAR2: 'test2 var 2' });
    assert.deepEqual(values('test3'), { VAR1: 'base var 1' });
    assert.deepEqual(values('test4'), {});
  });

  test('9. gitlab-ci-local case: the later parent script wins, scripts come from the chain', async () => {
    const job = expectJob(
      await load(
        [
          '.ancient: {after_script: [echo "Test something (after_script)"]}',
          '.elder: {extends: .ancient, script: [echo "from elder"]}',
          '.after: {extends: .elder}',
          '.before: {before_script: [echo "Test something (before_script)"]}',
          '.parent: {extends: .before, script: [echo "Test something"]}',
          'test-job: {extends: [.after, .parent]}',
        ].join('\n'),
      ),
      'test-job',
    );
    assert.deepEqual(job.beforeScript, ['echo "Test something (before_script)"']);
    assert.deepEqual(job.script, ['echo "Test something"']);
    assert.deepEqual(job.afterScript, ['echo "Test something (after_script)"']);
  });

  test('an extends error stops loading and is the only error', async () => {
    const messages = errorMessages(await load('job: {extends: nope, script: x, foo: 1}\n'));
    assert.deepEqual(messages, ['job: unknown keys in `extends` (nope)']);
  });

  test('extends works across included files', async () => {
    const job = expectJob(await load('include: base.yml\njob: {extends: .base}\n', { 'base.yml': '.base: {script: echo base}\n' }), 'job');
    assert.deepEqual(job.script, ['echo base']);
  });
});
