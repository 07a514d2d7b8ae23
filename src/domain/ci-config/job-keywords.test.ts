import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorMessages, expectConfig, expectError, expectJob, load } from './ci-config.test-support.js';

describe('top-level structure (research 3, 9)', () => {
  test('blank file, non-hash file', async () => {
    assert.deepEqual(errorMessages(await load('   \n')), ['Please provide content of .gitlab-ci.yml']);
    assert.deepEqual(errorMessages(await load('- a\n- b\n')), ['Invalid configuration format']);
    assert.deepEqual(errorMessages(await load('# only a comment\n')), ['Invalid configuration format']);
  });

  test('a key that is not a job', async () => {
    expectError(await load('foo: bar\njob: {script: x}\n'), 'jobs foo config should implement the script:, run:, or trigger: keyword');
    expectError(await load('nojob: {stage: test}\njob: {script: x}\n'), 'jobs nojob config should implement the script:, run:, or trigger: keyword');
  });

  test('only hidden jobs', async () => {
    expectError(await load('.hidden: {script: x}\n'), 'jobs config should contain at least one visible job');
  });

  test('hidden jobs are listed, not runnable, and need a value', async () => {
    const config = expectConfig(await load('.hidden: {script: x}\njob: {script: y}\n'));
    assert.deepEqual(config.hiddenJobs, ['.hidden']);
    assert.deepEqual([...config.jobs.keys()], ['job']);
    expectError(await load('.hidden:\njob: {script: y}\n'), "jobs:.hidden config can't be blank");
  });

  test('stages: default, custom, nested, .pre/.post moved to the edges', async () => {
    assert.deepEqual(expectConfig(await load('job: {script: x}\n')).stages, ['.pre', 'build', 'test', 'deploy', '.post']);
    assert.deepEqual(
      expectConfig(await load('stages: [.post, [a, [b]], .pre, test]\njob: {script: x}\n')).stages,
      ['.pre', 'a', 'b', 'test', '.post'],
    );
    expectError(await load('stages: [a, 1]\njob: {script: x, stage: a}\n'), 'stages config should be an array of strings or a nested array of strings up to 10 levels deep');
  });

  test('a stage that does not exist, and the default stage test missing', async () => {
    expectError(
      await load('deploy: {script: x, stage: x}\n'),
      'deploy job: chosen stage x does not exist; available stages are .pre, build, test, deploy, .post',
    );
    expectError(await load('stages: [build]\njob: {script: x}\n'), 'job job: chosen stage test does not exist; available stages are .pre, build, .post');
  });

  test('variables in all forms (3.3)', async () => {
    const config = expectConfig(
      await load(
        [
          'variables:',
          '  PLAIN: text',
          '  BOOL: yes',
          '  FLOAT: 1.10',
          '  ONE: 1.0',
          '  OCTAL: 010',
          '  EMPTY:',
          '  123456: "123456"',
          '  RAW: {value: $HOME, expand: false}',
          '  CHOICE: {value: b, description: pick one, options: [a, b]}',
          '  DESCRIBED: {description: only a description}',
          'job: {script: x, variables: {JOBVAR: {value: v, expand: false}}}',
        ].join('\n'),
      ),
    );
    assert.deepEqual(config.variables, {
      PLAIN: { value: 'text', expand: true },
      BOOL: { value: 'true', expand: true },
      FLOAT: { value: '1.1', expand: true },
      ONE: { value: '1.0', expand: true },
      OCTAL: { value: '8', expand: true },
      EMPTY: { value: '', expand: true },
      '123456': { value: '123456', expand: true },
      RAW: { value: '$HOME', expand: false },
      CHOICE: { value: 'b', expand: true, description: 'pick one', options: ['a', 'b'] },
      DESCRIBED: { value: '', expand: true, description: 'only a description' },
    });
    assert.deepEqual(config.jobs.get('job')?.variables, { JOBVAR: { value: 'v', expand: false } });
  });

  test('variables errors', async () => {
    expectError(await load('variables: [a]\njob: {script: x}\n'), 'variables config should be a hash');
    expectError(await load('job: {script: x, variables: [a]}\n'), 'jobs:job:variables config should be a hash');
    expectError(await load('job: {script: x, variables: {V: {value: a, description: d}}}\n'), 'jobs:job:variables:v config uses invalid data keys: description');
    expectError(await load('variables: {V: [a]}\njob: {script: x}\n'), 'variables:v variable definition must be either a string or a hash');
    expectError(await load('variables: {V: {value: c, options: [a, b]}}\njob: {script: x}\n'), 'variables:v config value must be present in options');
  });

  test('workflow rules accept only always and never', async () => {
    const config = expectConfig(await load('workflow:\n  name: chat\n  rules: [{if: $CI_PIPELINE_SOURCE == "chat", when: always}, {when: never}]\njob: {script: x}\n'));
    assert.deepEqual(config.workflow, { name: 'chat', rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"', when: 'always' }, { when: 'never' }] });
    expectError(await load('workflow: {rules: [{when: manual}]}\njob: {script: x}\n'), 'workflow:rules:rule when unknown value: manual');
    expectError(await load('workflow: {foo: 1}\njob: {script: x}\n'), 'workflow config contains unknown keys: foo');
  });
});

describe('job keywords (research 5, 6, 9)', () => {
  test('script forms: string, nested arrays flattened, multi-line string stays one command', async () => {
    const config = expectConfig(await load('a: {script: echo a}\nb: {script: [one, [two, [three]]]}\nc:\n  script:\n    - |\n      line 1\n      line 2\n'));
    assert.deepEqual(config.jobs.get('a')?.script, ['echo a']);
    assert.deepEqual(config.jobs.get('b')?.script, ['one', 'two', 'three']);
    assert.deepEqual(config.jobs.get('c')?.script, ['line 1\nline 2\n']);
  });

  test('script errors', async () => {
    expectError(await load('deploy: {script: [1, 2]}\n'), 'jobs:deploy:script config should be a string or a nested array of strings up to 10 levels deep');
    expectError(await load('deploy: {script: {a: b}}\n'), 'jobs:deploy:script config should be a string or a nested array of strings up to 10 levels deep');
    expectError(await load('deploy: {script: []}\n'), "jobs:deploy script can't be blank");
    expectError(await load('deploy: {script: ""}\n'), "jobs:deploy script can't be blank");
    expectError(await load('deploy: {script: x, before_script: [yes]}\n'), 'jobs:deploy:before_script config should be a string or a nested array of strings up to 10 levels deep');
  });

  test('unknown keys, lower-cased like GitLab', async () => {
    expectError(await load('Deploy: {script: x, foo: 1, Bar: 2}\n'), 'jobs:deploy config contains unknown keys: foo, bar');
  });

  test('every error of the file is reported, not only the first', async () => {
    const messages = errorMessages(await load('a: {script: [1]}\nb: {script: x, when: never, retry: 3}\nc: {script: x, foo: 1}\n'));
    assert.deepEqual(messages, [
      'jobs:a:script config should be a string or a nested array of strings up to 10 levels deep',
      'jobs:b when should be one of: on_success, on_failure, always, manual, delayed',
      'jobs:b:retry config must be less than or equal to 2',
      'jobs:c config contains unknown keys: foo',
    ]);
  });

  test('stage must be a string', async () => {
    expectError(await load('job: {script: x, stage: [a]}\n'), 'jobs:job:stage config should be a string');
  });

  test('when, start_in and delayed jobs', async () => {
    const job = expectJob(await load('job: {script: x, when: delayed, start_in: 30 minutes}\n'), 'job');
    assert.equal(job.when, 'delayed');
    assert.equal(job.startIn, '30 minutes');
    assert.equal(expectJob(await load('job: {script: x, when: manual}\n'), 'job').when, 'manual');
    expectError(await load('job: {script: x, when: never}\n'), 'jobs:job when should be one of: on_success, on_failure, always, manual, delayed');
    expectError(await load('job: {script: x, start_in: 1 hour}\n'), 'jobs:job start in must be blank');
    expectError(await load('job: {script: x, when: delayed, start_in: soon}\n'), 'jobs:job start in should be a duration');
    expectError(await load('job: {script: x, when: delayed, start_in: 2 weeks}\n'), 'jobs:job start in should not exceed the limit');
  });

  test('allow_failure: bool or exit_codes', async () => {
    assert.equal(expectJob(await load('job: {script: x, allow_failure: true}\n'), 'job').allowFailure, true);
    assert.deepEqual(expectJob(await load('job: {script: x, allow_failure: {exit_codes: 137}}\n'), 'job').allowFailure, { exitCodes: [137] });
    assert.deepEqual(expectJob(await load('job: {script: x, allow_failure: {exit_codes: [1, 2]}}\n'), 'job').allowFailure, { exitCodes: [1, 2] });
    assert.equal(expectJob(await load('job: {script: x}\n'), 'job').allowFailure, undefined);
    expectError(await load('job: {script: x, allow_failure: maybe}\n'), 'jobs:job:allow_failure config should be a hash or a boolean value');
    expectError(await load('job: {script: x, allow_failure: {exit_codes: [a]}}\n'), 'jobs:job:allow_failure exit codes should be an array of integers or an integer');
  });

  test('timeout: ChronicDuration strings, quoted h:m:s, under a month', async () => {
    assert.equal(expectJob(await load('job: {script: x, timeout: 1h 30m}\n'), 'job').timeoutSeconds, 5400);
    assert.equal(expectJob(await load('job: {script: x, timeout: 3 hours}\n'), 'job').timeoutSeconds, 10800);
    assert.equal(expectJob(await load('job: {script: x, timeout: "1:30:00"}\n'), 'job').timeoutSeconds, 5400);
    expectError(await load('job: {script: x, timeout: 1:30:00}\n'), 'jobs:job:timeout config should be a duration');
    expectError(await load('job: {script: x, timeout: 90}\n'), 'jobs:job:timeout config should be a duration');
    expectError(await load('job: {script: x, timeout: forever}\n'), 'jobs:job:timeout config should be a duration');
    expectError(await load('job: {script: x, timeout: 31 days}\n'), 'jobs:job:timeout config should not exceed the limit');
  });

  test('retry', async () => {
    assert.deepEqual(expectJob(await load('job: {script: x, retry: 2}\n'), 'job').retry, { max: 2, when: ['always'], exitCodes: [] });
    assert.deepEqual(
      expectJob(await load('job: {script: x, retry: {max: 1, when: [script_failure], exit_codes: 137}}\n'), 'job').retry,
      { max: 1, when: ['script_failure'], exitCodes: [137] },
    );
    expectError(await load('job: {script: x, retry: 3}\n'), 'jobs:job:retry config must be less than or equal to 2');
    expectError(await load('job: {script: x, retry: often}\n'), 'jobs:job:retry config has to be either an integer or a hash');
    expectError(await load('job: {script: x, retry: 1.0}\n'), 'jobs:job:retry config has to be either an integer or a hash');
    expectError(await load('job: {script: x, retry: {max: 1, foo: 1}}\n'), 'jobs:job:retry config contains unknown keys: foo');
  });

  test('environment, resource_group, interruptible, tags', async () => {
    const job = expectJob(
      await load('job: {script: x, environment: {name: prod, url: "https://x", action: start}, resource_group: prod, interruptible: true, tags: [a, b]}\n'),
      'job',
    );
    assert.deepEqual(job.environment, { name: 'prod', url: 'https://x', action: 'start' });
    assert.equal(job.resourceGroup, 'prod');
    assert.equal(job.interruptible, true);
    assert.deepEqual(job.tags, ['a', 'b']);
    assert.deepEqual(expectJob(await load('job: {script: x, environment: staging}\n'), 'job').environment, { name: 'staging' });
    expectError(await load('job: {script: x, environment: [a]}\n'), 'jobs:job:environment config should be a hash or a string');
    expectError(await load('job: {script: x, interruptible: maybe}\n'), 'jobs:job:interruptible config should be a boolean value');
    expectError(await load('job: {script: x, tags: docker}\n'), 'jobs:job:tags config should be an array of strings');
    expectError(await load('job: {script: x, environment: {name: a, on_stop: nope}}\n'), 'job job: on_stop job nope is not defined');
  });

  test('rules: keys, when values, if syntax, changes/exists forms', async () => {
    const job = expectJob(
      await load(
        [
          'job:',
          '  script: x',
          '  rules:',
          '    - if: $CI_PIPELINE_SOURCE == "chat"',
          '      when: manual',
          '      allow_failure: true',
          '      variables: {MODE: chat}',
          '    - changes: [src/**/*]',
          '    - exists: {paths: [Dockerfile]}',
          '    - changes: {paths: [a], compare_to: main}',
          '      when: delayed',
          '      start_in: 5 min',
          '    - when: never',
        ].join('\n'),
      ),
      'job',
    );
    assert.deepEqual(job.rules, [
      { if: '$CI_PIPELINE_SOURCE == "chat"', when: 'manual', allowFailure: true, variables: { MODE: { value: 'chat', expand: true } } },
      { changes: { paths: ['src/**/*'] } },
      { exists: { paths: ['Dockerfile'] } },
      { changes: { paths: ['a'], compareTo: 'main' }, when: 'delayed', startIn: '5 min' },
      { when: 'never' },
    ]);
    assert.equal(job.only, undefined, 'rules remove the implicit only default');
  });

  test('rules errors', async () => {
    expectError(await load('job: {script: x, rules: [{if: "${GITLAB_CI} == \\"true\\""}]}\n'), 'jobs:job:rules:rule if invalid expression syntax');
    expectError(await load('job: {script: x, rules: [{when: sometimes}]}\n'), 'jobs:job:rules:rule when unknown value: sometimes');
    expectError(await load('job: {script: x, rules: [{foo: 1}]}\n'), 'jobs:job:rules:rule config contains unknown keys: foo');
    expectError(await load('job: {script: x, rules: []}\n'), "jobs:job:rules config can't be blank");
    expectError(await load('job: {script: x, rules: [{changes: a}]}\n'), 'jobs:job:rules:rule:changes config should be an array of strings or a hash');
  });

  test('rules with only/except is refused', async () => {
    expectError(await load('job: {script: x, rules: [{when: always}], only: [main], except: [tags]}\n'), 'jobs:job config key may not be used with `rules`: only, except');
  });

  test('only/except: array and hash forms, regex refs, variables; the implicit default', async () => {
    const config = expectConfig(
      await load(
        [
          'plain: {script: x}',
          'chat: {script: x, only: [chat]}',
          'vars: {script: x, only: {variables: [$RELEASE == "yes"]}}',
          'regex: {script: x, only: ["/^release-.*$/i", main], except: {refs: [tags], kubernetes: active}}',
        ].join('\n'),
      ),
    );
    assert.deepEqual(config.jobs.get('plain')?.only, { refs: ['branches', 'tags'] });
    assert.deepEqual(config.jobs.get('chat')?.only, { refs: ['chat'] });
    assert.deepEqual(config.jobs.get('vars')?.only, { variables: ['$RELEASE == "yes"'], refs: ['branches', 'tags'] });
    assert.deepEqual(config.jobs.get('regex')?.only, { refs: ['/^release-.*$/i', 'main'] });
    assert.deepEqual(config.jobs.get('regex')?.except, { refs: ['tags'], kubernetes: 'active' });
  });

  test('workflow:rules remove the implicit only default', async () => {
    assert.equal(expectJob(await load('workflow: {rules: [{when: always}]}\njob: {script: x}\n'), 'job').only, undefined);
  });

  test('only/except errors', async () => {
    expectError(await load('job: {script: x, only: main}\n'), 'jobs:job:only has to be either an array of conditions or a hash');
    expectError(await load('job: {script: x, only: ["/(?=lookahead)/"]}\n'), 'jobs:job:only config should be an array of strings or regular expressions using re2 syntax');
    expectError(await load('job: {script: x, except: {variables: [$A = 1]}}\n'), 'jobs:job:except variables invalid expression syntax');
    expectError(await load('job: {script: x, only: {foo: [a]}}\n'), 'jobs:job:only config contains unknown keys: foo');
  });

  test('inert keywords are kept, loosely checked, and warned about', async () => {
    const config = expectConfig(
      await load("job: {script: x, image: alpine, services: [postgres], cache: {paths: [a]}, coverage: '/\\d+%/', needs: [], release: {tag_name: v1}}\n"),
    );
    const job = config.jobs.get('job');
    assert.deepEqual(Object.keys(job?.inert ?? {}), ['image', 'services', 'cache', 'coverage', 'needs', 'release']);
    assert.deepEqual(
      config.warnings.map((w) => w.path),
      ['jobs:job:image', 'jobs:job:services', 'jobs:job:cache', 'jobs:job:release'],
    );
    expectError(await load('job: {script: x, coverage: "/(?<=x)/"}\n'), 'jobs:job:coverage config must be a regular expression with re2 syntax');
    expectError(await load('job: {script: x, image: [a]}\n'), 'jobs:job:image config should be a hash or a string');
  });

  test('needs and dependencies must name jobs in the same or earlier stages', async () => {
    expectError(await load('job: {script: x, needs: [nope]}\n'), 'job job: undefined need: nope');
    expectError(await load('a: {script: x, stage: deploy}\nb: {script: x, stage: build, needs: [a]}\n'), 'b job: need a is not defined in current or prior stages');
    expectError(await load('job: {script: x, dependencies: [nope]}\n'), 'job job: undefined dependency: nope');
    expectConfig(await load('job: {script: x, needs: [{job: nope, optional: true}]}\n'));
  });

  test('trigger and run jobs are accepted but left out, with a warning', async () => {
    const config = expectConfig(await load('child: {trigger: {include: child.yml}}\njob: {script: x}\n'));
    assert.deepEqual([...config.jobs.keys()], ['job']);
    assert.match(config.warnings[0]?.message ?? '', /trigger/);
  });

  test('a job named by a YAML 1.1 boolean key', async () => {
    assert.deepEqual([...expectConfig(await load('on: {script: x}\n')).jobs.keys()], ['true']);
  });

  test('jobs keep document order', async () => {
    assert.deepEqual([...expectConfig(await load('z: {script: x}\n1: {script: x}\na: {script: x}\n')).jobs.keys()], ['z', '1', 'a']);
  });
});
