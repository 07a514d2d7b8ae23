import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectConfig, expectJob, load } from './ci-config.test-support.js';

describe('job descriptions: the comment block above the job key (SPEC 2)', () => {
  test('the SPEC example', async () => {
    const job = expectJob(
      await load('# Deploy the app. Usage: run deploy <environment>\ndeploy:\n  only: [chat]\n  script: ./deploy.sh "$CHAT_INPUT"\n'),
      'deploy',
    );
    assert.equal(job.description, 'Deploy the app. Usage: run deploy <environment>');
  });

  test('several lines are joined with newlines; `#` and one space stripped', async () => {
    const job = expectJob(await load('#First line\n#   indented second\n# third\njob: {script: x}\n'), 'job');
    assert.equal(job.description, 'First line\n  indented second\nthird');
  });

  test('a blank line breaks the block', async () => {
    const config = expectConfig(await load('# about the file\n\njob: {script: x}\n# only this\n\n# not this\nother: {script: y}\n'));
    assert.equal(config.jobs.get('job')?.description, undefined);
    assert.equal(config.jobs.get('other')?.description, 'not this');
  });

  test('an indented comment at the end of the previous job is not a description', async () => {
    const config = expectConfig(await load('build:\n  script: x\n  # a note about build\ndeploy:\n  script: y\n'));
    assert.equal(config.jobs.get('deploy')?.description, undefined);
  });

  test('descriptions of jobs defined in included files', async () => {
    const job = expectJob(await load('include: jobs.yml\n', { 'jobs.yml': 'stages: [test]\n# Say hello.\nhello: {script: echo hello}\n' }), 'hello');
    assert.equal(job.description, 'Say hello.');
  });

  test('the including file describes a job it overrides; otherwise the included description stays', async () => {
    const files = { 'jobs.yml': '# From the include.\nhello: {script: echo hello}\n' };
    assert.equal(expectJob(await load('include: jobs.yml\n# From main.\nhello: {tags: [a]}\n', files), 'hello').description, 'From main.');
    assert.equal(expectJob(await load('include: jobs.yml\nhello: {tags: [a]}\n', files), 'hello').description, 'From the include.');
  });

  test('parallel jobs share the description of their job', async () => {
    const config = expectConfig(await load('# Run tests.\ntest: {script: x, parallel: 2}\n'));
    assert.deepEqual([...config.jobs.values()].map((j) => j.description), ['Run tests.', 'Run tests.']);
  });
});
