import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectConfig, expectError, expectJob, load } from './ci-config.test-support.js';

const DEFAULTS = [
  'default:',
  '  image: busybox',
  '  before_script: [echo default before script]',
  '  after_script: [echo default after script]',
  '  artifacts: {paths: [b], expire_in: 1 day}',
  '  timeout: 10m',
  '  tags: [shared]',
].join('\n');

describe('default: inheritance and inherit: (research 3.2, 12.6)', () => {
  test('a job takes every default it does not set', async () => {
    const job = expectJob(await load(`${DEFAULTS}\ninherit-default-true: {script: [echo script]}\n`), 'inherit-default-true');
    assert.equal(job.inert['image'], 'busybox');
    assert.deepEqual(job.beforeScript, ['echo default before script']);
    assert.deepEqual(job.afterScript, ['echo default after script']);
    assert.equal(job.timeoutSeconds, 600);
    assert.deepEqual(job.tags, ['shared']);
  });

  test('inherit: {default: false} takes none', async () => {
    const job = expectJob(await load(`${DEFAULTS}\njob: {script: x, inherit: {default: false}}\n`), 'job');
    assert.equal(job.inert['image'], undefined);
    assert.deepEqual(job.beforeScript, []);
    assert.deepEqual(job.afterScript, []);
    assert.equal(job.timeoutSeconds, undefined);
    assert.deepEqual(job.inherit, { default: false, variables: true });
  });

  test('inherit: {default: [image, before_script]} takes only those', async () => {
    const job = expectJob(await load(`${DEFAULTS}\njob: {script: x, inherit: {default: [image, before_script]}}\n`), 'job');
    assert.equal(job.inert['image'], 'busybox');
    assert.deepEqual(job.beforeScript, ['echo default before script']);
    assert.deepEqual(job.afterScript, []);
  });

  test('before_script: [] overrides the default; before_script: null does not', async () => {
    const config = expectConfig(await load(`${DEFAULTS}\nempty: {script: x, before_script: []}\nnulled: {script: x, before_script: null}\n`));
    assert.deepEqual(config.jobs.get('empty')?.beforeScript, []);
    assert.deepEqual(config.jobs.get('nulled')?.beforeScript, ['echo default before script']);
  });

  test('a job artifacts hash replaces the default one, no merge', async () => {
    const job = expectJob(await load(`${DEFAULTS}\njob: {script: x, artifacts: {paths: [a]}}\n`), 'job');
    assert.deepEqual(job.inert['artifacts'], new Map([['paths', ['a']]]));
  });

  test('default: variables is an unknown key', async () => {
    expectError(await load('default: {variables: {A: 1}}\njob: {script: x}\n'), 'default config contains unknown keys: variables');
  });

  test('a key both at the top level and in default: is an error', async () => {
    expectError(
      await load('before_script: [a]\ndefault: {before_script: [b]}\njob: {script: x}\n'),
      'before_script is defined in top-level and `default:` entry',
    );
  });

  test('top-level before_script acts as a default', async () => {
    assert.deepEqual(expectJob(await load('before_script: [echo top]\njob: {script: x}\n'), 'job').beforeScript, ['echo top']);
  });

  test('inherit:variables false or a list is kept for the pipeline to apply', async () => {
    const config = expectConfig(
      await load(
        'variables: {GCL_TESTS_VAR1: a, GCL_TESTS_VAR2: b, OTHER: c}\nnone: {script: x, inherit: {variables: false}}\nsome: {script: x, inherit: {variables: [GCL_TESTS_VAR1, GCL_TESTS_VAR2]}}\n',
      ),
    );
    assert.deepEqual(config.jobs.get('none')?.inherit.variables, false);
    assert.deepEqual(config.jobs.get('some')?.inherit.variables, ['GCL_TESTS_VAR1', 'GCL_TESTS_VAR2']);
    assert.deepEqual(Object.keys(config.variables), ['GCL_TESTS_VAR1', 'GCL_TESTS_VAR2', 'OTHER']);
  });

  test('inherit errors', async () => {
    expectError(await load('job: {script: x, inherit: {default: [variables]}}\n'), 'jobs:job:inherit:default config contains unknown values: variables');
    expectError(await load('job: {script: x, inherit: {default: yes please}}\n'), 'jobs:job:inherit:default config should be a bool or array of strings');
    expectError(await load('job: {script: x, inherit: {foo: true}}\n'), 'jobs:job:inherit config contains unknown keys: foo');
  });

  test('keys obtained through extends count as set by the job', async () => {
    const job = expectJob(await load(`${DEFAULTS}\n.t: {before_script: [echo mine]}\njob: {extends: .t, script: x}\n`), 'job');
    assert.deepEqual(job.beforeScript, ['echo mine']);
  });
});
