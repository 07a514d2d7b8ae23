import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ciConfig, jobSpec } from './ci-config-builder.js';
import { listChatRunnableJobs } from './list-chat-runnable-jobs.js';
import { pipelineContext } from './pipeline-context-builder.js';

describe('listChatRunnableJobs', () => {
  const config = ciConfig([
    jobSpec('build', { stage: 'build', except: { refs: ['chat'] } }),
    jobSpec('hello-world', { description: 'Says hello.', rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"' }] }),
    jobSpec('deploy', { description: 'Deploy. Usage: run deploy <env>', stage: 'deploy', only: { refs: ['chat'] }, when: 'manual' }),
    jobSpec('release', { only: { refs: ['tags'] } }),
    jobSpec('lint', { stage: '.pre' }),
    jobSpec('test 1/2'),
    jobSpec('notify', { when: 'on_failure' }),
    jobSpec('plain'),
  ]);

  test('offers exactly the jobs chat would run, in document order, with descriptions', async () => {
    assert.deepEqual(await listChatRunnableJobs(config, pipelineContext()), [
      { name: 'hello-world', description: 'Says hello.', stage: 'test', when: 'on_success' },
      { name: 'deploy', description: 'Deploy. Usage: run deploy <env>', stage: 'deploy', when: 'manual' },
      { name: 'plain', stage: 'test', when: 'on_success' },
    ]);
  });

  test('is empty when workflow:rules refuse chat pipelines', async () => {
    const refused = ciConfig([...config.jobs.values()], { workflow: { rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"', when: 'never' }, {}] } });
    assert.deepEqual(await listChatRunnableJobs(refused, pipelineContext()), []);
  });

  test('rules on the user narrow the list per user', async () => {
    const perUser = ciConfig([jobSpec('admin-only', { rules: [{ if: '$GITLAB_USER_LOGIN == "root"' }] })]);
    assert.equal((await listChatRunnableJobs(perUser, pipelineContext({ predefinedVariables: { GITLAB_USER_LOGIN: 'root' } }))).length, 1);
    assert.equal((await listChatRunnableJobs(perUser, pipelineContext({ predefinedVariables: { GITLAB_USER_LOGIN: 'alice' } }))).length, 0);
  });
});
