import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobSpec, VariableMap } from '../ci-config/job-spec.js';
import { jobSpec, variableMap } from './ci-config-builder.js';
import { buildJobVariables } from './job-variables.js';
import type { JobVariablesInput } from './job-variables.js';

function build(overrides: Partial<JobVariablesInput> & { spec?: JobSpec; rule?: VariableMap; workflow?: VariableMap } = {}) {
  const { spec = jobSpec('deploy'), rule = {}, workflow = {}, ...rest } = overrides;
  const result = buildJobVariables({
    config: { variables: {} },
    job: { spec, ruleVariables: rule, workflowVariables: workflow },
    predefined: {},
    ...rest,
  });
  assert.equal(result.kind, 'built', JSON.stringify(result));
  if (result.kind !== 'built') throw new Error('unreachable');
  return result;
}

describe('buildJobVariables: precedence', () => {
  const layers = ['global', 'workflow', 'job', 'matrix', 'rule', 'project', 'pipeline', 'predefined'] as const;

  function withLayers(count: number) {
    const pick = (layer: (typeof layers)[number]) => layers.indexOf(layer) < count;
    return build({
      config: { variables: pick('global') ? variableMap({ V: 'global' }) : {} },
      workflow: pick('workflow') ? variableMap({ V: 'workflow' }) : {},
      spec: jobSpec('deploy', {
        ...(pick('job') ? { variables: variableMap({ V: 'job' }) } : {}),
        ...(pick('matrix') ? { parallelVariables: { V: 'matrix' } } : {}),
      }),
      rule: pick('rule') ? variableMap({ V: 'rule' }) : {},
      ...(pick('project') ? { projectVariables: { V: { value: 'project' } } } : {}),
      ...(pick('pipeline') ? { pipelineVariables: { V: 'pipeline' } } : {}),
      predefined: pick('predefined') ? { V: 'predefined' } : {},
    });
  }

  test('each layer overrides every layer below it', () => {
    for (let count = 1; count <= layers.length; count++) {
      const result = withLayers(count);
      const expected = layers[count - 1];
      assert.equal(result.environment['V'], expected);
      assert.equal(result.variables.find((variable) => variable.name === 'V')?.origin, expected);
    }
  });

  test('SPEC §4: project over job over global', () => {
    const result = build({
      config: { variables: variableMap({ A: 'global', B: 'global', C: 'global' }) },
      spec: jobSpec('deploy', { variables: variableMap({ B: 'job', C: 'job' }) }),
      projectVariables: { C: { value: 'project' } },
    });
    assert.deepEqual(result.environment, { A: 'global', B: 'job', C: 'project' });
  });

  test('predefined variables cannot be forged by YAML or project variables', () => {
    const result = build({
      spec: jobSpec('deploy', { variables: variableMap({ GITLAB_USER_LOGIN: 'mallory', CHAT_INPUT: 'default' }) }),
      projectVariables: { CI_PIPELINE_SOURCE: { value: 'push' } },
      predefined: { GITLAB_USER_LOGIN: 'alice', CHAT_INPUT: 'production', CI_PIPELINE_SOURCE: 'chat' },
    });
    assert.equal(result.environment['GITLAB_USER_LOGIN'], 'alice');
    assert.equal(result.environment['CHAT_INPUT'], 'production');
    assert.equal(result.environment['CI_PIPELINE_SOURCE'], 'chat');
  });

  test('inherit:variables filters globals and workflow variables, never the job\'s own', () => {
    const config = { variables: variableMap({ G1: '1', G2: '2' }) };
    const none = build({ config, workflow: variableMap({ W: 'w' }), spec: jobSpec('x', { inherit: { default: true, variables: false }, variables: variableMap({ J: 'j' }) }) });
    assert.deepEqual(none.environment, { J: 'j' });
    const some = build({ config, spec: jobSpec('x', { inherit: { default: true, variables: ['G2'] } }) });
    assert.deepEqual(some.environment, { G2: '2' });
  });

  test('variables keep the order in which they were first defined', () => {
    const result = build({
      config: { variables: variableMap({ A: '1', B: '2' }) },
      spec: jobSpec('x', { variables: variableMap({ C: '3', A: 'x' }) }),
    });
    assert.deepEqual(result.variables.map((variable) => variable.name), ['A', 'B', 'C']);
  });
});

describe('buildJobVariables: expansion', () => {
  test('values reference other variables, nested, across layers', () => {
    const result = build({
      config: { variables: variableMap({ BASE: '/srv/$APP', APP: 'web' }) },
      spec: jobSpec('x', { variables: variableMap({ DIR: '${BASE}/current', URL: 'https://$HOST/$CI_PROJECT_PATH' }) }),
      projectVariables: { HOST: { value: 'example.com' } },
      predefined: { CI_PROJECT_PATH: 'ops/infra' },
    });
    assert.equal(result.environment['DIR'], '/srv/web/current');
    assert.equal(result.environment['URL'], 'https://example.com/ops/infra');
  });

  test('$$ becomes $, undefined references become empty', () => {
    const result = build({ spec: jobSpec('x', { variables: variableMap({ PRICE: '$$5', MISSING: 'a${NOPE}b' }) }) });
    assert.deepEqual([result.environment['PRICE'], result.environment['MISSING']], ['$5', 'ab']);
  });

  test('expand: false and raw project variables stay exactly as written', () => {
    const result = build({
      config: { variables: variableMap({ RAW: 'p@$$w0rd$X', X: 'x' }, ['RAW']) },
      spec: jobSpec('x', { variables: variableMap({ USES_RAW: '[$RAW]' }) }),
      projectVariables: { SECRET: { value: 'a$Xb', raw: true } },
    });
    assert.equal(result.environment['RAW'], 'p@$$w0rd$X');
    assert.equal(result.environment['USES_RAW'], '[p@$$w0rd$X]');
    assert.equal(result.environment['SECRET'], 'a$Xb');
  });

  test('chat input is never expanded, even when a YAML value refers to it', () => {
    const result = build({
      spec: jobSpec('x', { variables: variableMap({ TARGET: 'env-$CHAT_INPUT' }) }),
      predefined: { CHAT_INPUT: '$HOME; $(rm -rf /)' },
    });
    assert.equal(result.environment['CHAT_INPUT'], '$HOME; $(rm -rf /)');
    assert.equal(result.environment['TARGET'], 'env-$HOME; $(rm -rf /)');
  });

  test('rule variables may use job variables', () => {
    const result = build({
      spec: jobSpec('x', { variables: variableMap({ REGION: 'eu' }) }),
      rule: variableMap({ CLUSTER: 'prod-$REGION' }),
    });
    assert.equal(result.environment['CLUSTER'], 'prod-eu');
  });

  test('a reference loop fails the job with GitLab\'s message', () => {
    const result = buildJobVariables({
      config: { variables: variableMap({ A: '$B' }) },
      job: { spec: jobSpec('deploy', { variables: variableMap({ B: '$A' }) }), ruleVariables: {}, workflowVariables: {} },
      predefined: {},
    });
    assert.equal(result.kind, 'circular_reference');
    assert.match(result.kind === 'circular_reference' ? result.message : '', /^deploy: circular variable reference detected: \[/);
  });
});

describe('buildJobVariables: masking', () => {
  test('masked project variables are listed, longest first, empty ones never', () => {
    const result = build({
      projectVariables: {
        TOKEN: { value: 'abcdefgh12345678', masked: true },
        SHORT: { value: 'xyzxyzxy', masked: true },
        EMPTY: { value: '', masked: true },
        PLAIN: { value: 'visible' },
      },
    });
    assert.deepEqual(result.maskedValues, ['abcdefgh12345678', 'xyzxyzxy']);
    assert.deepEqual(
      result.variables.filter((variable) => variable.masked).map((variable) => variable.name),
      ['TOKEN', 'SHORT', 'EMPTY'],
    );
  });

  test('a masked value that references another variable is masked as expanded', () => {
    const result = build({
      spec: jobSpec('x', { variables: variableMap({ USER: 'deployer' }) }),
      projectVariables: { CRED: { value: '$USER:s3cr3t-pass', masked: true } },
    });
    assert.deepEqual(result.maskedValues, ['deployer:s3cr3t-pass']);
  });
});
