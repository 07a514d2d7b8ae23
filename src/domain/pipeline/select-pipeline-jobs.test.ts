import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ciConfig, jobSpec, variableMap } from './ci-config-builder.js';
import { pipelineContext } from './pipeline-context-builder.js';
import { selectPipelineJobs } from './select-pipeline-jobs.js';

describe('selectPipelineJobs', () => {
  const config = ciConfig([
    jobSpec('setup', { stage: '.pre' }),
    jobSpec('build', { stage: 'build', except: { refs: ['chat'] } }),
    jobSpec('chat-only', { only: { refs: ['chats'] } }),
    jobSpec('test', { rules: [{ if: '$CI_PIPELINE_SOURCE == "web"', when: 'manual' }, { if: '$CI_PIPELINE_SOURCE == "push"' }] }),
    jobSpec('cleanup', { stage: '.post', when: 'on_failure' }),
  ]);

  test('a web pipeline holds every job its rules admit, with the effective when', async () => {
    const result = await selectPipelineJobs(config, pipelineContext({ source: 'web' }));
    assert.equal(result.kind, 'created');
    if (result.kind !== 'created') return;
    assert.deepEqual(
      result.jobs.map((job) => [job.spec.name, job.when, job.allowFailure]),
      [
        ['setup', 'on_success', false],
        ['build', 'on_success', false],
        ['test', 'manual', false],
        ['cleanup', 'on_failure', false],
      ],
    );
    assert.deepEqual(result.excluded, [
      { name: 'chat-only', by: 'only', detail: 'only: refs [chats] do not match a web pipeline on branch main' },
    ]);
  });

  test('a tag pipeline matches tags but not branches', async () => {
    const tagged = ciConfig([jobSpec('release', { only: { refs: ['tags'] } }), jobSpec('branch-only', { only: { refs: ['branches'] } })]);
    const result = await selectPipelineJobs(tagged, pipelineContext({ source: 'push', ref: 'v1.0.0', refKind: 'tag' }));
    assert.equal(result.kind, 'created');
    assert.deepEqual(result.kind === 'created' && result.jobs.map((job) => job.spec.name), ['release']);
  });

  test('workflow:rules refusing the pipeline: not created', async () => {
    const refused = ciConfig([jobSpec('a')], { workflow: { rules: [{ if: '$CI_PIPELINE_SOURCE == "push"' }] } });
    assert.deepEqual(await selectPipelineJobs(refused, pipelineContext({ source: 'api' })), {
      kind: 'not_created',
      by: 'workflow',
      detail: 'workflow:rules: no rule matched (1 rule; it has if: $CI_PIPELINE_SOURCE == "push")',
    });
  });

  test('workflow variables are handed to every job', async () => {
    const withVars = ciConfig([jobSpec('a')], { workflow: { rules: [{ variables: variableMap({ W: '1' }) }] } });
    const result = await selectPipelineJobs(withVars, pipelineContext({ source: 'api' }));
    assert.equal(result.kind, 'created');
    if (result.kind !== 'created') return;
    assert.deepEqual(result.workflowVariables, variableMap({ W: '1' }));
    assert.deepEqual(result.jobs[0]?.workflowVariables, variableMap({ W: '1' }));
  });

  test('only .pre/.post jobs left: empty, like GitLab', async () => {
    const edgesOnly = ciConfig([jobSpec('setup', { stage: '.pre' }), jobSpec('web-only', { only: { refs: ['web'] } })]);
    const result = await selectPipelineJobs(edgesOnly, pipelineContext({ source: 'schedule' }));
    assert.equal(result.kind, 'empty');
    assert.match(result.kind === 'empty' ? result.detail : '', /only \.pre\/\.post jobs/);
  });

  test('every job excluded: empty, with each reason', async () => {
    const none = ciConfig([jobSpec('a', { only: { refs: ['web'] } }), jobSpec('b', { rules: [{ when: 'never' }] })]);
    const result = await selectPipelineJobs(none, pipelineContext({ source: 'push' }));
    assert.equal(result.kind, 'empty');
    assert.deepEqual(result.kind === 'empty' && result.excluded.map((job) => [job.name, job.by]), [['a', 'only'], ['b', 'rules']]);
  });
});
