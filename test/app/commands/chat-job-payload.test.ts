import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChatJobPayload } from '../../../src/app/build-chat-job-payload.js';
import { readJobPayload, resolveRunnableJob, storedJobPayload } from '../../../src/app/job-payload.js';
import { loadCiConfigText } from '../../../src/domain/ci-config/load-ci-config.js';
import type { RunnableJob } from '../../../src/domain/job/runnable-job.js';
import type { ProjectVariables } from '../../../src/domain/pipeline/pipeline-context.js';
import type { PipelinePredefinedInput } from '../../../src/domain/pipeline/predefined-variables.js';
import { buildPipelinePredefinedVariables } from '../../../src/domain/pipeline/predefined-variables.js';
import { selectChatJob } from '../../../src/domain/pipeline/select-chat-job.js';
import { RUNNER_TIME_VARIABLES } from '../../../src/domain/job/runner-time-variables.js';
import { buildJobEnvironment } from '../../../src/runner/job-environment.js';
import { runnerVariables } from '../../../src/runner/runner-variables.js';

const FACTS: PipelinePredefinedInput = {
  source: 'chat',
  serverUrl: 'http://chatrun.test',
  commit: { sha: 'a'.repeat(40), refName: 'main', message: 'm' },
  project: { path: 'ops/infra', name: 'infra', dir: '/builds/ops/infra', url: 'http://chatrun.test/ops/infra', defaultBranch: 'main' },
  user: { id: 7, login: 'jane', name: 'Jane', email: 'jane@example.com' },
  chat: { input: 'in $TOKEN ${CI_PROJECT_DIR} $$', channel: 'ops', channelId: 'C1', userId: 'U1', platform: 'slack' },
};

const PROJECT_VARIABLES: ProjectVariables = {
  TOKEN: { value: 'top-secret', masked: true },
  RAW_SECRET: { value: 'raw$HOME', masked: true, raw: true },
  PLAIN: { value: 'plain' },
};

/** What the runner of src/runner/run-job.ts adds for a job in build slot 3 under /srv/builds. */
const RUNNER = runnerVariables({
  projectDir: '/srv/builds/3/ops/infra',
  buildsDir: '/srv/builds',
  concurrentId: 3,
  timeoutSeconds: 600,
  runnerName: 'embedded@test',
  runnerVersion: '9.9.9',
  status: 'running',
});

async function payloadFor(yaml: string, projectVariables: ProjectVariables = PROJECT_VARIABLES): Promise<RunnableJob> {
  const loaded = await loadCiConfigText({ text: yaml });
  assert.ok(loaded.ok);
  const selection = await selectChatJob(loaded.config, 'job', {
    ref: 'main',
    projectPath: 'ops/infra',
    predefinedVariables: buildPipelinePredefinedVariables(FACTS),
    projectVariables,
    changedPaths: null,
  });
  assert.equal(selection.kind, 'selected');
  if (selection.kind !== 'selected') throw new Error('not selected');
  const built = buildChatJobPayload({
    config: loaded.config,
    selected: selection.job,
    facts: FACTS,
    projectVariables,
    jobId: 42,
    pipelineId: 9,
    jobUrl: 'http://chatrun.test/ops/infra/-/jobs/42',
    pipelineUrl: 'http://chatrun.test/ops/infra/-/pipelines/9',
    timeoutSeconds: 600,
    git: { repository: '/srv/git/infra', sha: 'a'.repeat(40), ref: 'main', projectPath: 'ops/infra' },
  });
  assert.equal(built.kind, 'built');
  if (built.kind !== 'built') throw new Error('not built');
  return built.job;
}

/** Stored, then read back and resolved by the claim side's own functions, as a runner would receive it. */
function throughTheStore(job: RunnableJob, variables: ProjectVariables): RunnableJob {
  const stored = storedJobPayload(job);
  assert.ok(!JSON.stringify(stored).includes('top-secret'));
  const read = readJobPayload(JSON.parse(JSON.stringify(stored)) as typeof stored);
  assert.ok(read.ok);
  return resolveRunnableJob(read.payload, {
    jobId: job.id,
    name: job.name,
    stage: job.stage,
    timeoutSeconds: job.timeoutSeconds,
    pipelineId: 9,
    jobUrl: 'http://chatrun.test/ops/infra/-/jobs/42',
    pipelineUrl: 'http://chatrun.test/ops/infra/-/pipelines/9',
    git: { repository: '/srv/git/infra', sha: 'a'.repeat(40), ref: 'main', projectPath: 'ops/infra' },
    projectVariables: variables,
  });
}

describe('buildChatJobPayload', () => {
  const yaml = [
    'variables:',
    '  BIN: $CI_PROJECT_DIR/bin',
    '  LITERAL: "$$HOME and $$TOKEN"',
    'job:',
    '  variables:',
    '    URL: https://$TOKEN@host/$PLAIN/$$x',
    '    NESTED: $URL?dir=${CI_PROJECT_DIR}',
    '    RAWISH: { value: "$TOKEN", expand: false }',
    '  script: echo "$URL"',
  ].join('\n');

  test('masked values are not in the payload; masked entries come first, by name only', async () => {
    const job = await payloadFor(yaml);
    assert.ok(!JSON.stringify(job).includes('top-secret'));
    assert.ok(!JSON.stringify(job).includes('raw$HOME'));
    assert.deepEqual(job.variables.slice(0, 2), [
      { key: 'TOKEN', value: '', masked: true, raw: false },
      { key: 'RAW_SECRET', value: '', masked: true, raw: true },
    ]);
    assert.equal(job.variables.some((v) => v.key === 'CI_PROJECT_DIR'), false);
  });

  test("through the runner's environment, every value comes out as a job expects", async () => {
    const job = throughTheStore(await payloadFor(yaml), PROJECT_VARIABLES);
    const { env, maskedValues } = buildJobEnvironment({ HOME: '/home/runner' }, RUNNER, job);
    assert.equal(env['CI_PROJECT_DIR'], '/srv/builds/3/ops/infra');
    assert.equal(env['BIN'], '/srv/builds/3/ops/infra/bin');
    assert.equal(env['LITERAL'], '$HOME and $TOKEN');
    assert.equal(env['URL'], 'https://top-secret@host/plain/$x');
    assert.equal(env['NESTED'], 'https://top-secret@host/plain/$x?dir=/srv/builds/3/ops/infra');
    assert.equal(env['RAWISH'], '$TOKEN');
    assert.equal(env['TOKEN'], 'top-secret');
    assert.equal(env['RAW_SECRET'], 'raw$HOME');
    assert.equal(env['CHAT_INPUT'], 'in $TOKEN ${CI_PROJECT_DIR} $$', 'user text is never expanded');
    assert.equal(env['CI_JOB_ID'], '42');
    assert.equal(env['CI_JOB_TIMEOUT'], '600');
    assert.ok(maskedValues.includes('top-secret'));
  });

  test("references to the runner's own variables are kept for the runner: CI_BUILDS_DIR, CI_CONCURRENT_ID", async () => {
    const job = await payloadFor(
      [
        'variables:',
        '  WORK: "$CI_BUILDS_DIR/work"',
        'job:',
        '  variables:',
        '    SLOT: "slot-${CI_CONCURRENT_ID} costs $$5"',
        '    BOTH: "$WORK/$SLOT"',
        '    LITERAL: { value: "$CI_BUILDS_DIR", expand: false }',
        '  script: echo',
      ].join('\n'),
      {},
    );
    const byKey = new Map(job.variables.map((v) => [v.key, v]));
    assert.deepEqual(byKey.get('WORK'), { key: 'WORK', value: '${CI_BUILDS_DIR}/work', masked: false, raw: false });
    assert.deepEqual(byKey.get('SLOT'), { key: 'SLOT', value: 'slot-${CI_CONCURRENT_ID} costs $$5', masked: false, raw: false });
    assert.deepEqual(byKey.get('LITERAL'), { key: 'LITERAL', value: '$CI_BUILDS_DIR', masked: false, raw: true });
    for (const name of RUNNER_TIME_VARIABLES) assert.equal(byKey.has(name), false, `${name} is left to the runner`);

    const { env } = buildJobEnvironment({}, RUNNER, throughTheStore(job, {}));
    assert.equal(env['WORK'], '/srv/builds/work');
    assert.equal(env['SLOT'], 'slot-3 costs $5');
    assert.equal(env['BOTH'], '/srv/builds/work/slot-3 costs $5');
    assert.equal(env['LITERAL'], '$CI_BUILDS_DIR', 'expand: false stays as written');
    assert.equal(env['CI_JOB_TIMEOUT'], '600');
    assert.equal(env['CI_SERVER'], 'yes');
  });

  test('a config cannot set a runner-time variable: the runner\'s value stands', async () => {
    const job = await payloadFor('variables:\n  CI_BUILDS_DIR: /elsewhere\njob:\n  variables:\n    CI_JOB_STATUS: success\n  script: echo\n', {});
    const { env } = buildJobEnvironment({}, RUNNER, job);
    assert.equal(env['CI_BUILDS_DIR'], '/srv/builds');
    assert.equal(env['CI_JOB_STATUS'], 'running');
  });

  test('RUNNER_TIME_VARIABLES is exactly what the runner sets', () => {
    assert.deepEqual(Object.keys(RUNNER).sort(), [...RUNNER_TIME_VARIABLES].sort());
  });

  test('job fields: scripts as written, timeout, allow_failure, git source', async () => {
    const job = await payloadFor('job:\n  allow_failure:\n    exit_codes: [3]\n  before_script: [a]\n  script: [b, c]\n  after_script: [d]\n', {});
    assert.deepEqual(
      { ...job, variables: [] },
      {
        id: 42,
        name: 'job',
        stage: 'test',
        beforeScript: ['a'],
        script: ['b', 'c'],
        afterScript: ['d'],
        variables: [],
        timeoutSeconds: 600,
        allowFailure: { exitCodes: [3] },
        git: { repository: '/srv/git/infra', sha: 'a'.repeat(40), ref: 'main', projectPath: 'ops/infra' },
      },
    );
  });
});
