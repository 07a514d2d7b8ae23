import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ciConfig, jobSpec, variableMap } from './ci-config-builder.js';
import { jobRuleVariables, workflowRuleVariables } from './rule-variables.js';

const context = {
  predefinedVariables: {
    CI_PIPELINE_SOURCE: 'chat',
    CI_PIPELINE_ID: '7',
    CI_PIPELINE_URL: 'http://x/p/7',
    CI_JOB_ID: '9',
    CI_JOB_NAME: 'stale',
    CI_JOB_TOKEN: 'secret',
    CI_REGISTRY_IMAGE: 'r',
    GITLAB_USER_LOGIN: 'alice',
  },
  projectVariables: { TOKEN: { value: 't', masked: true }, SHARED: { value: 'project' } },
  pipelineVariables: { EXTRA: 'e' },
};

describe('variables seen by rules', () => {
  const config = ciConfig([], { variables: variableMap({ G1: 'g1', G2: 'g2', SHARED: 'global' }) });

  test('workflow:rules see predefined, global, project and pipeline variables but no job-level or persisted ones', () => {
    const seen = workflowRuleVariables(config, context);
    assert.deepEqual(seen, {
      G1: 'g1',
      G2: 'g2',
      SHARED: 'project',
      TOKEN: 't',
      EXTRA: 'e',
      CI_PIPELINE_SOURCE: 'chat',
      GITLAB_USER_LOGIN: 'alice',
    });
  });

  test('a job\'s rules see its own name, stage, variables and matrix values; not CI_JOB_ID or CI_PIPELINE_ID', () => {
    const job = jobSpec('deploy prod', {
      stage: 'deploy',
      variables: variableMap({ J: '$G1', G2: 'job' }),
      parallelVariables: { REGION: 'eu', CI_NODE_INDEX: '1' },
    });
    const seen = jobRuleVariables(config, job, variableMap({ W: 'w', G1: 'workflow' }), context);
    assert.equal(seen['CI_JOB_NAME'], 'deploy prod');
    assert.equal(seen['CI_JOB_NAME_SLUG'], 'deploy-prod');
    assert.equal(seen['CI_JOB_STAGE'], 'deploy');
    assert.equal(seen['J'], '$G1', 'values are not expanded for rules');
    assert.equal(seen['G1'], 'workflow', 'workflow rule variables override globals');
    assert.equal(seen['G2'], 'job', 'job variables override globals');
    assert.equal(seen['W'], 'w');
    assert.equal(seen['REGION'], 'eu');
    assert.equal(seen['SHARED'], 'project');
    for (const hidden of ['CI_JOB_ID', 'CI_PIPELINE_ID', 'CI_PIPELINE_URL', 'CI_JOB_TOKEN', 'CI_REGISTRY_IMAGE']) {
      assert.equal(Object.hasOwn(seen, hidden), false, hidden);
    }
  });

  test('inherit:variables filters globals and workflow variables', () => {
    const none = jobRuleVariables(config, jobSpec('x', { inherit: { default: true, variables: false } }), variableMap({ W: 'w' }), context);
    assert.equal(Object.hasOwn(none, 'G1'), false);
    assert.equal(Object.hasOwn(none, 'W'), false);
    const some = jobRuleVariables(config, jobSpec('x', { inherit: { default: true, variables: ['G2', 'W'] } }), variableMap({ W: 'w' }), context);
    assert.deepEqual([some['G1'], some['G2'], some['W']], [undefined, 'g2', 'w']);
  });

  test('predefined values win over YAML of the same name', () => {
    const job = jobSpec('x', { variables: variableMap({ GITLAB_USER_LOGIN: 'mallory', CI_PIPELINE_SOURCE: 'push' }) });
    const seen = jobRuleVariables(config, job, {}, context);
    assert.deepEqual([seen['GITLAB_USER_LOGIN'], seen['CI_PIPELINE_SOURCE']], ['alice', 'chat']);
  });
});
