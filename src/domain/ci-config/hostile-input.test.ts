import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorMessages, expectConfig, load } from './ci-config.test-support.js';

describe('bad and hostile input gives a clear error, never a crash or hang', () => {
  test('a 50 MB config is refused before parsing', async () => {
    const big = `job:\n  script:\n${'    - echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(1_050_000)}`;
    assert.ok(big.length > 50_000_000);
    assert.deepEqual(errorMessages(await load(big)), ['The provided YAML is too big']);
  });

  test('10,000-deep flow nesting', async () => {
    const deep = `job:\n  script: ${'['.repeat(10_000)}x${']'.repeat(10_000)}\n`;
    const messages = errorMessages(await load(deep));
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /too big|\(\.gitlab-ci\.yml\): /);
  });

  test('1,000-deep block nesting', async () => {
    let deep = '';
    for (let i = 0; i < 1_000; i += 1) deep += `${' '.repeat(i)}k${i}:\n`;
    assert.deepEqual(errorMessages(await load(deep)), ['The parsed YAML is too big']);
  });

  test('binary garbage', async () => {
    let seed = 7;
    const bytes = Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    });
    const messages = errorMessages(await load(String.fromCharCode(...bytes)));
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /^\(\.gitlab-ci\.yml\): /);
  });

  test('malformed YAML', async () => {
    const messages = errorMessages(await load('job:\n  script: [unclosed\n'));
    assert.match(messages[0] ?? '', /^\(\.gitlab-ci\.yml\): .* at line \d+ column \d+$/);
  });

  test('wrong types everywhere at once', async () => {
    const messages = errorMessages(await load('stages: 1\nvariables: 2\nworkflow: 3\ndefault: 4\njob: {script: 5}\n'));
    assert.deepEqual(messages, [
      'stages config should be an array of strings or a nested array of strings up to 10 levels deep',
      'variables config should be a hash',
      'workflow config should be a hash',
      'default config should be a hash',
      'jobs:job:script config should be a string or a nested array of strings up to 10 levels deep',
    ]);
  });

  test('an alias bomb', async () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 8; i += 1) text += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]\n`;
    text += 'job: {script: *a8}\n';
    assert.deepEqual(errorMessages(await load(text)), ['The parsed YAML is too big']);
  });
});

describe('a large real-looking config', () => {
  test('1,000 jobs with extends, anchors and rules load correctly', async () => {
    const lines = [
      'stages: [build, test, deploy]',
      'variables: {GLOBAL: yes}',
      '.defaults: &defaults',
      '  tags: [shell]',
      '  before_script: [echo setup]',
      '.template:',
      '  <<: *defaults',
      '  rules:',
      '    - if: $CI_PIPELINE_SOURCE == "chat"',
      '      when: manual',
      '    - when: never',
    ];
    for (let i = 0; i < 1_000; i += 1) {
      lines.push(`# Job number ${i}.`);
      lines.push(`job-${i}:`);
      lines.push('  extends: .template');
      lines.push(`  stage: ${['build', 'test', 'deploy'][i % 3]}`);
      lines.push(`  variables: {INDEX: ${i}}`);
      lines.push(`  script: [echo ${i}, !reference [.template, before_script]]`);
    }
    const config = expectConfig(await load(`${lines.join('\n')}\n`));
    assert.equal(config.jobs.size, 1_000);
    const job = config.jobs.get('job-999');
    assert.equal(job?.description, 'Job number 999.');
    assert.equal(job?.stage, 'build');
    assert.deepEqual(job?.script, ['echo 999', 'echo setup']);
    assert.deepEqual(job?.beforeScript, ['echo setup']);
    assert.deepEqual(job?.tags, ['shell']);
    assert.equal(job?.rules?.[0]?.when, 'manual');
    assert.deepEqual(job?.variables, { INDEX: { value: '999', expand: true } });
    assert.deepEqual([...config.jobs.keys()].slice(0, 2), ['job-0', 'job-1']);
  });
});
