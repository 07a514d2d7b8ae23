// End to end from YAML text: the real loader (src/domain/ci-config) feeding
// chat selection and job variables, as the server and `chatrun exec` do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CiConfig } from '../ci-config/job-spec.js';
import { loadCiConfigText } from '../ci-config/load-ci-config.js';
import { buildJobVariables } from './job-variables.js';
import { listChatRunnableJobs } from './list-chat-runnable-jobs.js';
import { memoryTree, pipelineContext } from './pipeline-context-builder.js';
import { buildPipelinePredefinedVariables } from './predefined-variables.js';
import { selectChatJob } from './select-chat-job.js';
import { selectPipelineJobs } from './select-pipeline-jobs.js';

const YAML = `
variables:
  REGION: eu
  DEPLOY_URL: https://$REGION.example.com

.chat-only:
  rules:
    - if: $CI_PIPELINE_SOURCE == "chat"

# Says hello.
hello:
  extends: .chat-only
  script: echo hello

# Deploys. Usage: run deploy <env>
deploy:
  only: [chat]
  when: manual
  variables:
    TARGET: $REGION-$CHAT_INPUT
  script: ./deploy.sh

build:
  except: [chat]
  script: make

plain:
  script: echo plain

release:
  only:
    - tags
  script: ./release.sh

helm:
  rules:
    - exists: [charts/**/Chart.yaml]
      variables:
        REGION: us
  script: helm upgrade

matrix:
  parallel:
    matrix:
      - SIDE: [left, right]
  script: echo $SIDE
`;

async function load(text: string): Promise<CiConfig> {
  const result = await loadCiConfigText({ text });
  assert.ok(result.ok, JSON.stringify(result));
  return result.config;
}

describe('chat selection from a loaded .gitlab-ci.yml', () => {
  const tree = memoryTree({ '.gitlab-ci.yml': YAML, 'charts/app/Chart.yaml': '' });
  const predefined = buildPipelinePredefinedVariables({
    source: 'chat',
    serverUrl: 'http://127.0.0.1:8080',
    commit: { sha: 'a'.repeat(40), refName: 'main' },
    project: { path: 'ops/infra', name: 'infra', dir: '/tmp/infra', url: 'http://127.0.0.1:8080/ops/infra', defaultBranch: 'main' },
    chat: { input: 'prod', channel: 'ops', channelId: 'C1', userId: 'U1', platform: 'slack' },
  });
  const context = pipelineContext({ predefinedVariables: predefined, tree });

  test('each job gets GitLab\'s chat verdict', async () => {
    const config = await load(YAML);
    const kinds: Record<string, string> = {};
    for (const name of ['hello', 'deploy', 'build', 'plain', 'release', 'helm', 'nope', '.chat-only']) {
      kinds[name] = (await selectChatJob(config, name, context)).kind;
    }
    assert.deepEqual(kinds, {
      hello: 'selected',
      deploy: 'selected',
      build: 'excluded',
      plain: 'selected',
      release: 'excluded',
      helm: 'selected',
      nope: 'not_found',
      '.chat-only': 'hidden',
    });
  });

  test('help lists the runnable jobs with the comments above them; matrix names cannot be typed', async () => {
    const jobs = await listChatRunnableJobs(await load(YAML), context);
    assert.deepEqual(
      jobs.map((job) => [job.name, job.description ?? '', job.when]),
      [
        ['hello', 'Says hello.', 'on_success'],
        ['deploy', 'Deploys. Usage: run deploy <env>', 'manual'],
        ['plain', '', 'on_success'],
        ['helm', '', 'on_success'],
      ],
    );
  });

  test('the selected job\'s variables: globals, job, rule variables, chat input verbatim', async () => {
    const config = await load(YAML);
    const deploy = await selectChatJob(config, 'deploy', context);
    assert.equal(deploy.kind, 'selected');
    if (deploy.kind !== 'selected') return;
    assert.deepEqual([deploy.job.when, deploy.job.allowFailure], ['manual', true]);
    const built = buildJobVariables({ config, job: deploy.job, predefined });
    assert.equal(built.kind, 'built');
    if (built.kind !== 'built') return;
    assert.equal(built.environment['TARGET'], 'eu-prod');
    assert.equal(built.environment['DEPLOY_URL'], 'https://eu.example.com');
    assert.equal(built.environment['CHAT_INPUT'], 'prod');

    const helm = await selectChatJob(config, 'helm', context);
    assert.equal(helm.kind, 'selected');
    if (helm.kind !== 'selected') return;
    const helmVariables = buildJobVariables({ config, job: helm.job, predefined });
    assert.equal(helmVariables.kind === 'built' && helmVariables.environment['DEPLOY_URL'], 'https://us.example.com');
  });

  test('a push pipeline of the same file holds the other jobs', async () => {
    const push = pipelineContext({ source: 'push', tree, changedPaths: ['README.md'] });
    const result = await selectPipelineJobs(await load(YAML), push);
    assert.equal(result.kind, 'created');
    assert.deepEqual(result.kind === 'created' && result.jobs.map((job) => job.spec.name), [
      'build',
      'plain',
      'helm',
      'matrix: [left]',
      'matrix: [right]',
    ]);
  });
});
