import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipelinePredefinedVariables, buildPredefinedVariables } from './predefined-variables.js';
import type { PredefinedVariablesInput } from './predefined-variables.js';

const input: PredefinedVariablesInput = {
  source: 'chat',
  serverUrl: 'https://chat.example.com:8443/',
  jobId: 42,
  jobName: 'deploy',
  stage: 'deploy',
  jobUrl: 'https://chat.example.com:8443/ops/infra/-/jobs/42',
  pipelineId: 17,
  pipelineUrl: 'https://chat.example.com:8443/ops/infra/-/pipelines/17',
  commit: {
    sha: '0123456789abcdef0123456789abcdef01234567',
    refName: 'main',
    message: 'Fix the deploy script\n\nIt forgot the region.\n',
    timestamp: '2026-01-02T03:04:05+00:00',
    author: 'Alice Example <alice@example.com>',
  },
  project: {
    path: 'ops/team/infra',
    name: 'infra',
    dir: '/builds/ops/team/infra',
    url: 'https://chat.example.com:8443/ops/team/infra',
    defaultBranch: 'main',
  },
  user: { id: 3, login: 'alice', name: 'Alice Example', email: 'alice@example.com' },
  chat: { input: 'production --force', channel: 'ops', channelId: 'C0123', userId: 'U0001', platform: 'slack' },
};

describe('buildPredefinedVariables', () => {
  const variables = buildPredefinedVariables(input);

  test('SPEC §4: every variable a chat job receives', () => {
    assert.deepEqual(
      {
        CHAT_INPUT: variables['CHAT_INPUT'],
        CHAT_CHANNEL: variables['CHAT_CHANNEL'],
        CHAT_CHANNEL_ID: variables['CHAT_CHANNEL_ID'],
        CHAT_USER_ID: variables['CHAT_USER_ID'],
        CHAT_PLATFORM: variables['CHAT_PLATFORM'],
        CI: variables['CI'],
        GITLAB_CI: variables['GITLAB_CI'],
        CI_PIPELINE_SOURCE: variables['CI_PIPELINE_SOURCE'],
        CI_JOB_ID: variables['CI_JOB_ID'],
        CI_JOB_NAME: variables['CI_JOB_NAME'],
        CI_JOB_STAGE: variables['CI_JOB_STAGE'],
        CI_JOB_URL: variables['CI_JOB_URL'],
        CI_PIPELINE_ID: variables['CI_PIPELINE_ID'],
        CI_PIPELINE_URL: variables['CI_PIPELINE_URL'],
        CI_COMMIT_SHA: variables['CI_COMMIT_SHA'],
        CI_COMMIT_SHORT_SHA: variables['CI_COMMIT_SHORT_SHA'],
        CI_COMMIT_REF_NAME: variables['CI_COMMIT_REF_NAME'],
        CI_COMMIT_BRANCH: variables['CI_COMMIT_BRANCH'],
        CI_DEFAULT_BRANCH: variables['CI_DEFAULT_BRANCH'],
        CI_PROJECT_DIR: variables['CI_PROJECT_DIR'],
        CI_PROJECT_NAME: variables['CI_PROJECT_NAME'],
        CI_PROJECT_PATH: variables['CI_PROJECT_PATH'],
        CI_SERVER_URL: variables['CI_SERVER_URL'],
        GITLAB_USER_ID: variables['GITLAB_USER_ID'],
        GITLAB_USER_LOGIN: variables['GITLAB_USER_LOGIN'],
        GITLAB_USER_NAME: variables['GITLAB_USER_NAME'],
        GITLAB_USER_EMAIL: variables['GITLAB_USER_EMAIL'],
      },
      {
        CHAT_INPUT: 'production --force',
        CHAT_CHANNEL: 'ops',
        CHAT_CHANNEL_ID: 'C0123',
        CHAT_USER_ID: 'U0001',
        CHAT_PLATFORM: 'slack',
        CI: 'true',
        GITLAB_CI: 'true',
        CI_PIPELINE_SOURCE: 'chat',
        CI_JOB_ID: '42',
        CI_JOB_NAME: 'deploy',
        CI_JOB_STAGE: 'deploy',
        CI_JOB_URL: 'https://chat.example.com:8443/ops/infra/-/jobs/42',
        CI_PIPELINE_ID: '17',
        CI_PIPELINE_URL: 'https://chat.example.com:8443/ops/infra/-/pipelines/17',
        CI_COMMIT_SHA: '0123456789abcdef0123456789abcdef01234567',
        CI_COMMIT_SHORT_SHA: '01234567',
        CI_COMMIT_REF_NAME: 'main',
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_PROJECT_DIR: '/builds/ops/team/infra',
        CI_PROJECT_NAME: 'infra',
        CI_PROJECT_PATH: 'ops/team/infra',
        CI_SERVER_URL: 'https://chat.example.com:8443',
        GITLAB_USER_ID: '3',
        GITLAB_USER_LOGIN: 'alice',
        GITLAB_USER_NAME: 'Alice Example',
        GITLAB_USER_EMAIL: 'alice@example.com',
      },
    );
  });

  test('derived values: slugs, namespaces, server parts, commit title and description', () => {
    assert.equal(variables['CI_PROJECT_PATH_SLUG'], 'ops-team-infra');
    assert.equal(variables['CI_PROJECT_NAMESPACE'], 'ops/team');
    assert.equal(variables['CI_PROJECT_ROOT_NAMESPACE'], 'ops');
    assert.equal(variables['CI_COMMIT_REF_SLUG'], 'main');
    assert.equal(variables['CI_JOB_NAME_SLUG'], 'deploy');
    assert.equal(variables['CI_SERVER_HOST'], 'chat.example.com');
    assert.equal(variables['CI_SERVER_PORT'], '8443');
    assert.equal(variables['CI_SERVER_PROTOCOL'], 'https');
    assert.equal(variables['CI_COMMIT_TITLE'], 'Fix the deploy script');
    assert.equal(variables['CI_COMMIT_DESCRIPTION'], '\nIt forgot the region.');
    assert.equal(variables['CI_COMMIT_BEFORE_SHA'], '0'.repeat(40));
    assert.equal(variables['CI_CONFIG_PATH'], '.gitlab-ci.yml');
  });

  test('CHAT_INPUT is empty, not missing, when there were no arguments', () => {
    const noArgs = buildPredefinedVariables({ ...input, chat: { ...input.chat!, input: '' } });
    assert.equal(noArgs['CHAT_INPUT'], '');
  });

  test('tag pipelines get CI_COMMIT_TAG and no CI_COMMIT_BRANCH', () => {
    const tagged = buildPredefinedVariables({ ...input, source: 'push', commit: { ...input.commit, refName: 'v1.0', refKind: 'tag' } });
    assert.equal(tagged['CI_COMMIT_TAG'], 'v1.0');
    assert.equal(Object.hasOwn(tagged, 'CI_COMMIT_BRANCH'), false);
  });

  test('without a user or chat there are no GITLAB_USER_* or CHAT_* variables', () => {
    const { user: _user, chat: _chat, ...rest } = input;
    const bare = buildPredefinedVariables(rest);
    assert.equal(Object.keys(bare).some((name) => name.startsWith('CHAT_') || name.startsWith('GITLAB_USER_')), false);
  });

  test('manual jobs get CI_JOB_MANUAL; default ports follow the protocol', () => {
    assert.equal(buildPredefinedVariables({ ...input, jobManual: true })['CI_JOB_MANUAL'], 'true');
    assert.equal(Object.hasOwn(variables, 'CI_JOB_MANUAL'), false);
    assert.equal(buildPredefinedVariables({ ...input, serverUrl: 'http://127.0.0.1' })['CI_SERVER_PORT'], '80');
  });

  test('the pipeline-level set has no job or persisted variables', () => {
    const pipeline = buildPipelinePredefinedVariables(input);
    assert.equal(Object.keys(pipeline).some((name) => name.startsWith('CI_JOB_') || name === 'CI_PIPELINE_ID'), false);
    assert.equal(pipeline['CI_PIPELINE_SOURCE'], 'chat');
  });

  test('a long first line makes the whole message the description, as GitLab does', () => {
    const long = 'x'.repeat(120);
    const result = buildPredefinedVariables({ ...input, commit: { ...input.commit, message: `${long}\nbody` } });
    assert.equal(result['CI_COMMIT_DESCRIPTION'], `${long}\nbody`);
  });
});
