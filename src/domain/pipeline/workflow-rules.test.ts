import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ciConfig, variableMap } from './ci-config-builder.js';
import { lazyFileList } from './path-clauses.js';
import { pipelineContext } from './pipeline-context-builder.js';
import { evaluateWorkflow } from './workflow-rules.js';

const files = lazyFileList(undefined);

describe('workflow:rules', () => {
  test('no workflow rules: the pipeline runs with no extra variables', async () => {
    assert.deepEqual(await evaluateWorkflow(ciConfig([]), pipelineContext(), files), { kind: 'run', variables: {} });
  });

  test('first match wins and brings its variables; when defaults to always', async () => {
    const config = ciConfig([], {
      workflow: {
        rules: [
          { if: '$CI_PIPELINE_SOURCE == "push"', variables: variableMap({ ENV: 'push' }) },
          { if: '$CI_PIPELINE_SOURCE == "chat"', variables: variableMap({ ENV: 'chat' }) },
          { when: 'never' },
        ],
      },
    });
    assert.deepEqual(await evaluateWorkflow(config, pipelineContext(), files), {
      kind: 'run',
      variables: variableMap({ ENV: 'chat' }),
      matchedRule: 2,
    });
  });

  test('a matching when: never stops the pipeline', async () => {
    const config = ciConfig([], { workflow: { rules: [{ if: '$CI_PIPELINE_SOURCE == "chat"', when: 'never' }, { when: 'always' }] } });
    assert.deepEqual(await evaluateWorkflow(config, pipelineContext(), files), {
      kind: 'filtered',
      detail: 'workflow:rules: rule 1 matched with when: never',
    });
  });

  test('no matching rule: no pipeline', async () => {
    const config = ciConfig([], { workflow: { rules: [{ if: '$CI_COMMIT_TAG' }] } });
    assert.deepEqual(await evaluateWorkflow(config, pipelineContext(), files), {
      kind: 'filtered',
      detail: 'workflow:rules: no rule matched (1 rule; it has if: $CI_COMMIT_TAG)',
    });
  });

  test('workflow rules see global variables but not job-level predefined ones', async () => {
    const config = ciConfig([], {
      variables: variableMap({ MODE: 'ops' }),
      workflow: { rules: [{ if: '$CI_JOB_NAME', when: 'never' }, { if: '$MODE == "ops"' }] },
    });
    const context = pipelineContext({ predefinedVariables: { CI_JOB_NAME: 'leaked' } });
    assert.equal((await evaluateWorkflow(config, context, files)).kind, 'run');
  });
});
