import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobSpec } from '../ci-config/job-spec.js';
import { jobSpec, variableMap } from './ci-config-builder.js';
import { evaluateJobInclusion } from './job-inclusion.js';
import type { JobInclusion, JobInclusionInput } from './job-inclusion.js';
import { lazyFileList } from './path-clauses.js';
import { memoryTree } from './pipeline-context-builder.js';

function input(overrides: Partial<JobInclusionInput> = {}): JobInclusionInput {
  return {
    context: { source: 'chat', ref: 'main', refKind: 'branch', projectPath: 'ops/infra', changedPaths: null },
    variables: { CI_PIPELINE_SOURCE: 'chat' },
    files: lazyFileList(undefined),
    hasWorkflowRules: false,
    workflowVariables: {},
    ...overrides,
  };
}

async function included(spec: JobSpec, overrides: Partial<JobInclusionInput> = {}) {
  const result: JobInclusion = await evaluateJobInclusion(spec, input(overrides));
  assert.equal(result.kind, 'included', JSON.stringify(result));
  if (result.kind !== 'included') throw new Error('unreachable');
  return result.job;
}

describe('rules', () => {
  test('the first matching rule decides; later ones are not consulted', async () => {
    const job = await included(
      jobSpec('deploy', {
        rules: [{ if: '$CI_PIPELINE_SOURCE == "push"', when: 'never' }, { if: '$CI_PIPELINE_SOURCE == "chat"', when: 'manual' }, { when: 'never' }],
      }),
    );
    assert.equal(job.when, 'manual');
    assert.equal(job.matchedRule, 2);
  });

  test('no matching rule excludes the job, naming the rules', async () => {
    const result = await evaluateJobInclusion(
      jobSpec('deploy', { rules: [{ if: '$CI_PIPELINE_SOURCE == "push"' }, { if: '$CI_COMMIT_TAG' }] }),
      input(),
    );
    assert.deepEqual(result, {
      kind: 'excluded',
      by: 'rules',
      detail: 'no rule matched (2 rules; the first has if: $CI_PIPELINE_SOURCE == "push")',
    });
    const single = await evaluateJobInclusion(jobSpec('x', { rules: [{ exists: { paths: ['Dockerfile'] } }] }), input());
    assert.deepEqual(single, { kind: 'excluded', by: 'rules', detail: 'no rule matched (1 rule; it has exists: [Dockerfile])' });
  });

  test('a matching rule with when: never excludes the job', async () => {
    const result = await evaluateJobInclusion(jobSpec('x', { rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"', when: 'never' }] }), input());
    assert.deepEqual(result, { kind: 'excluded', by: 'rules', detail: 'rule 1 matched with when: never' });
  });

  test('a rule without clauses always matches; when defaults to the job\'s', async () => {
    assert.equal((await included(jobSpec('x', { rules: [{}] }))).when, 'on_success');
    assert.equal((await included(jobSpec('x', { when: 'always', rules: [{}] }))).when, 'always');
  });

  test('allow_failure: job-level when: manual gives true, a rule\'s manual gives false', async () => {
    const jobManual = await included(jobSpec('x', { when: 'manual', rules: [{ if: '$CI_PIPELINE_SOURCE' }] }));
    assert.deepEqual([jobManual.when, jobManual.allowFailure], ['manual', true]);
    const ruleManual = await included(jobSpec('x', { rules: [{ when: 'manual' }] }));
    assert.deepEqual([ruleManual.when, ruleManual.allowFailure], ['manual', false]);
    const ruleManualAllowed = await included(jobSpec('x', { rules: [{ when: 'manual', allowFailure: true }] }));
    assert.equal(ruleManualAllowed.allowFailure, true);
  });

  test('rules:allow_failure overrides the job\'s exit_codes; without it they stay', async () => {
    const exitCodes = { exitCodes: [2, 3] };
    assert.equal((await included(jobSpec('x', { allowFailure: exitCodes, rules: [{ allowFailure: false }] }))).allowFailure, false);
    assert.deepEqual((await included(jobSpec('x', { allowFailure: exitCodes, rules: [{}] }))).allowFailure, exitCodes);
  });

  test('start_in comes from a delayed rule', async () => {
    const job = await included(jobSpec('x', { rules: [{ when: 'delayed', startIn: '5 minutes' }] }));
    assert.deepEqual([job.when, job.startIn], ['delayed', '5 minutes']);
    assert.equal((await included(jobSpec('x', { rules: [{}] }))).startIn, undefined);
  });

  test('the matching rule\'s variables come back; workflow variables are passed through', async () => {
    const workflowVariables = variableMap({ W: 'w' });
    const job = await included(jobSpec('x', { rules: [{ if: '$NOPE' }, { variables: variableMap({ R: 'r' }) }] }), { workflowVariables });
    assert.deepEqual(job.ruleVariables, variableMap({ R: 'r' }));
    assert.deepEqual(job.workflowVariables, workflowVariables);
  });

  test('if: reads variables as they are, without expanding them', async () => {
    const variables = { A: '$B', B: 'x' };
    assert.equal((await evaluateJobInclusion(jobSpec('x', { rules: [{ if: '$A == "x"' }] }), input({ variables }))).kind, 'excluded');
    assert.equal((await evaluateJobInclusion(jobSpec('x', { rules: [{ if: '$A == "$B"' }] }), input({ variables }))).kind, 'included');
  });

  test('all clauses of a rule must hold', async () => {
    const tree = memoryTree({ 'Dockerfile': '', 'src/app.ts': '' });
    const files = lazyFileList(tree);
    const rule = { if: '$CI_PIPELINE_SOURCE == "chat"', exists: { paths: ['Dockerfile'] } };
    assert.equal((await evaluateJobInclusion(jobSpec('x', { rules: [rule] }), input({ files }))).kind, 'included');
    const push = input({ files, variables: { CI_PIPELINE_SOURCE: 'push' } });
    assert.equal((await evaluateJobInclusion(jobSpec('x', { rules: [rule] }), push)).kind, 'excluded');
  });

  test('exists matches globs against the tree, lists it once, and is false without a tree', async () => {
    const tree = memoryTree({ 'charts/app/Chart.yaml': '', 'README.md': '' });
    const files = lazyFileList(tree);
    const spec = jobSpec('x', {
      rules: [{ exists: { paths: ['*.json'] } }, { exists: { paths: ['**/Chart.{yaml,yml}'] }, when: 'manual' }],
    });
    assert.equal((await included(spec, { files })).when, 'manual');
    assert.equal(tree.listings, 1);
    assert.equal((await evaluateJobInclusion(spec, input())).kind, 'excluded');
  });

  test('exists globs expand variables', async () => {
    const files = lazyFileList(memoryTree({ 'svc/api/Dockerfile': '' }));
    const spec = jobSpec('x', { rules: [{ exists: { paths: ['svc/$SERVICE/Dockerfile'] } }] });
    assert.equal((await evaluateJobInclusion(spec, input({ files, variables: { SERVICE: 'api' } }))).kind, 'included');
    assert.equal((await evaluateJobInclusion(spec, input({ files, variables: { SERVICE: 'web' } }))).kind, 'excluded');
  });

  test('changes holds without diff information and otherwise needs a matching path', async () => {
    const spec = jobSpec('x', { rules: [{ changes: { paths: ['src/**/*'] } }] });
    assert.equal((await evaluateJobInclusion(spec, input())).kind, 'included');
    const pushed = (changedPaths: string[]) =>
      input({ context: { source: 'push', ref: 'main', refKind: 'branch', projectPath: 'ops/infra', changedPaths } });
    assert.equal((await evaluateJobInclusion(spec, pushed(['src/a/b.ts']))).kind, 'included');
    assert.equal((await evaluateJobInclusion(spec, pushed(['docs/x.md']))).kind, 'excluded');
  });

  test('rules win over only/except when a job somehow has both', async () => {
    assert.equal((await evaluateJobInclusion(jobSpec('x', { rules: [{}], except: { refs: ['chat'] } }), input())).kind, 'included');
  });
});

describe('only/except jobs', () => {
  test('a job with nothing is runnable from chat through the implicit default', async () => {
    const job = await included(jobSpec('x'));
    assert.deepEqual([job.when, job.allowFailure, job.matchedRule], ['on_success', false, undefined]);
  });

  test('with workflow:rules a job with nothing is included as is', async () => {
    const mr = { source: 'merge_request_event', ref: 'refs/merge-requests/1/head', refKind: 'merge_request', projectPath: 'p', changedPaths: null } as const;
    assert.equal((await evaluateJobInclusion(jobSpec('x'), input({ context: mr }))).kind, 'excluded');
    assert.equal((await evaluateJobInclusion(jobSpec('x'), input({ context: mr, hasWorkflowRules: true }))).kind, 'included');
  });

  test('when: manual with only gives allow_failure true; explicit allow_failure wins', async () => {
    assert.equal((await included(jobSpec('x', { when: 'manual', only: { refs: ['chat'] } }))).allowFailure, true);
    assert.equal((await included(jobSpec('x', { when: 'manual', allowFailure: false }))).allowFailure, false);
  });

  test('delayed jobs keep their start_in', async () => {
    assert.equal((await included(jobSpec('x', { when: 'delayed', startIn: '1 hour' }))).startIn, '1 hour');
  });

  test('except: [chat] excludes', async () => {
    assert.deepEqual(await evaluateJobInclusion(jobSpec('x', { except: { refs: ['chat'] } }), input()), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: [chat] excludes chat pipelines',
    });
  });
});
