import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CiConfig } from '../ci-config/job-spec.js';
import { ciConfig, jobSpec, variableMap } from './ci-config-builder.js';
import { memoryTree, pipelineContext } from './pipeline-context-builder.js';
import { selectChatJob } from './select-chat-job.js';
import type { ChatJobSelection } from './select-chat-job.js';

const context = pipelineContext();

async function selected(config: CiConfig, name: string, ctx = context) {
  const result: ChatJobSelection = await selectChatJob(config, name, ctx);
  assert.equal(result.kind, 'selected', JSON.stringify(result));
  if (result.kind !== 'selected') throw new Error('unreachable');
  return result.job;
}

describe('selectChatJob: SPEC §3', () => {
  test('only: [chat] runs from chat', async () => {
    const job = await selected(ciConfig([jobSpec('ls', { only: { refs: ['chat'] } })]), 'ls');
    assert.equal(job.spec.name, 'ls');
    assert.equal(job.when, 'on_success');
    assert.equal(job.allowFailure, false);
  });

  test('except: [chat] can never run from chat', async () => {
    assert.deepEqual(await selectChatJob(ciConfig([jobSpec('build', { except: { refs: ['chat'] } })]), 'build', context), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: [chat] excludes chat pipelines',
    });
  });

  test('no only/except/rules: runnable, because a chat pipeline is a branch pipeline', async () => {
    assert.equal((await selected(ciConfig([jobSpec('plain')]), 'plain')).when, 'on_success');
  });

  test('rules with $CI_PIPELINE_SOURCE == "chat" select the job, whatever source the caller put in', async () => {
    const config = ciConfig([jobSpec('hello', { rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"' }] })]);
    await selected(config, 'hello');
    await selected(config, 'hello', pipelineContext({ source: 'web' }));
  });

  test('rules that never match chat exclude the job, naming the first rule', async () => {
    const config = ciConfig([jobSpec('test', { rules: [{ if: '$CI_PIPELINE_SOURCE == "push"' }, { if: '$CI_COMMIT_TAG' }] })]);
    assert.deepEqual(await selectChatJob(config, 'test', context), {
      kind: 'excluded',
      by: 'rules',
      detail: 'no rule matched (2 rules; the first has if: $CI_PIPELINE_SOURCE == "push")',
    });
  });

  test('a matching rule with when: never excludes', async () => {
    const config = ciConfig([jobSpec('x', { rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"', when: 'never' }, {}] })]);
    assert.deepEqual(await selectChatJob(config, 'x', context), { kind: 'excluded', by: 'rules', detail: 'rule 1 matched with when: never' });
  });

  test('only: [tags] cannot match a chat pipeline on the default branch', async () => {
    assert.deepEqual(await selectChatJob(ciConfig([jobSpec('release', { only: { refs: ['tags'] } })]), 'release', context), {
      kind: 'excluded',
      by: 'only',
      detail: 'only: refs [tags] do not match a chat pipeline on branch main',
    });
  });

  test('workflow:rules can exclude the whole pipeline', async () => {
    const config = ciConfig([jobSpec('ls')], { workflow: { rules: [{ if: '$CI_PIPELINE_SOURCE == "push"' }] } });
    assert.deepEqual(await selectChatJob(config, 'ls', context), {
      kind: 'excluded',
      by: 'workflow',
      detail: 'workflow:rules: no rule matched (1 rule; it has if: $CI_PIPELINE_SOURCE == "push")',
    });
  });

  test('workflow:rules drop the implicit only default, and their variables reach the job\'s rules', async () => {
    const config = ciConfig([jobSpec('ls', { rules: [{ if: '$TARGET == "chat"', variables: variableMap({ R: '1' }) }] })], {
      workflow: { rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"', variables: variableMap({ TARGET: 'chat' }) }] },
    });
    const job = await selected(config, 'ls');
    assert.deepEqual(job.workflowVariables, variableMap({ TARGET: 'chat' }));
    assert.deepEqual(job.ruleVariables, variableMap({ R: '1' }));
    assert.equal(job.matchedRule, 1);
  });

  test('when: manual is selected as manual, with allow_failure true', async () => {
    const job = await selected(ciConfig([jobSpec('deploy', { only: { refs: ['chat'] }, when: 'manual' })]), 'deploy');
    assert.deepEqual([job.when, job.allowFailure], ['manual', true]);
  });

  test('when: delayed is selected with its start_in', async () => {
    const job = await selected(ciConfig([jobSpec('later', { when: 'delayed', startIn: '10 minutes' })]), 'later');
    assert.deepEqual([job.when, job.startIn], ['delayed', '10 minutes']);
  });

  test('when: on_failure cannot run alone', async () => {
    const result = await selectChatJob(ciConfig([jobSpec('cleanup', { when: 'on_failure' })]), 'cleanup', context);
    assert.equal(result.kind, 'excluded');
    assert.equal(result.kind === 'excluded' && result.by, 'when');
  });

  test('.pre/.post jobs cannot run alone', async () => {
    const result = await selectChatJob(ciConfig([jobSpec('lint', { stage: '.pre' })]), 'lint', context);
    assert.equal(result.kind === 'excluded' && result.by, 'stage');
    assert.match(result.kind === 'excluded' ? result.detail : '', /^stage \.pre: /);
  });

  test('other jobs never matter: a .pre job excluded from chat does not stop the named job', async () => {
    const config = ciConfig([jobSpec('setup', { stage: '.pre', except: { refs: ['chat'] } }), jobSpec('ls', { only: { refs: ['chat'] } })]);
    await selected(config, 'ls');
  });

  test('rules:exists reads the commit\'s tree', async () => {
    const config = ciConfig([jobSpec('helm', { rules: [{ exists: { paths: ['charts/**/Chart.yaml'] } }] })]);
    const withChart = pipelineContext({ tree: memoryTree({ 'charts/app/Chart.yaml': '' }) });
    await selected(config, 'helm', withChart);
    assert.equal((await selectChatJob(config, 'helm', pipelineContext({ tree: memoryTree({}) }))).kind, 'excluded');
  });

  test('rules may check who runs the job and from where', async () => {
    const config = ciConfig([
      jobSpec('deploy', { rules: [{ if: '$CHAT_CHANNEL == "ops" && $GITLAB_USER_LOGIN =~ /^(alice|bob)$/' }] }),
    ]);
    const alice = pipelineContext({ predefinedVariables: { CHAT_CHANNEL: 'ops', GITLAB_USER_LOGIN: 'alice' } });
    const eve = pipelineContext({ predefinedVariables: { CHAT_CHANNEL: 'ops', GITLAB_USER_LOGIN: 'eve' } });
    await selected(config, 'deploy', alice);
    assert.equal((await selectChatJob(config, 'deploy', eve)).kind, 'excluded');
  });
});

describe('selectChatJob: names', () => {
  const config = ciConfig(
    [
      jobSpec('deploy', { only: { refs: ['chat'] } }),
      jobSpec('deploy-staging', { only: { refs: ['chat'] } }),
      jobSpec('deploy-docs', { except: { refs: ['chat'] } }),
      jobSpec('hello-world'),
      jobSpec('ls', { only: { refs: ['chat'] } }),
      jobSpec('test 1/2'),
    ],
    { hiddenJobs: ['.deploy-template'] },
  );

  test('names are exact and case-sensitive', async () => {
    const result = await selectChatJob(config, 'Deploy', context);
    assert.equal(result.kind, 'not_found');
    assert.deepEqual(result.kind === 'not_found' && result.suggestions, ['deploy', 'deploy-staging']);
  });

  test('suggestions are chat-runnable names only, closest first, at most 3', async () => {
    assert.deepEqual(await selectChatJob(config, 'deplyo', context), { kind: 'not_found', suggestions: ['deploy'] });
    assert.deepEqual(await selectChatJob(config, 'hello', context), { kind: 'not_found', suggestions: ['hello-world'] });
    assert.deepEqual(await selectChatJob(config, 'dep', context), { kind: 'not_found', suggestions: ['deploy', 'deploy-staging'] });
    assert.deepEqual(await selectChatJob(config, 'zzzzzz', context), { kind: 'not_found', suggestions: [] });
  });

  test('hidden jobs are hidden, not missing', async () => {
    assert.deepEqual(await selectChatJob(config, '.deploy-template', context), { kind: 'hidden' });
    assert.equal((await selectChatJob(config, '.other', context)).kind, 'not_found');
  });

  test('an excluded job is excluded, not missing', async () => {
    assert.equal((await selectChatJob(config, 'deploy-docs', context)).kind, 'excluded');
  });

  test('never throws for arbitrary job names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (name) => {
        const result = await selectChatJob(config, name, context);
        assert.ok(['selected', 'not_found', 'hidden', 'excluded'].includes(result.kind));
        if (result.kind === 'not_found') assert.ok(result.suggestions.length <= 3);
      }),
      { numRuns: 200 },
    );
  });
});
