import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectConfig, expectError, load } from './ci-config.test-support.js';

describe('parallel (research 5.11)', () => {
  test('parallel: N makes N jobs named `job i/N` with CI_NODE_INDEX/TOTAL', async () => {
    const config = expectConfig(await load('test: {script: x, parallel: 3}\n'));
    assert.deepEqual([...config.jobs.keys()], ['test 1/3', 'test 2/3', 'test 3/3']);
    assert.deepEqual(config.jobs.get('test 2/3')?.parallelVariables, { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '3' });
  });

  test('matrix: cartesian product per item, items concatenated, named by values in key order', async () => {
    const config = expectConfig(
      await load(
        [
          'deploy:',
          '  script: x',
          '  parallel:',
          '    matrix:',
          '      - PROVIDER: aws',
          '        STACK: [monitoring, app1]',
          '      - PROVIDER: [gcp, vultr]',
          '        STACK: data',
          '      - VERSION: 1.10',
        ].join('\n'),
      ),
    );
    assert.deepEqual([...config.jobs.keys()], [
      'deploy: [aws, monitoring]',
      'deploy: [aws, app1]',
      'deploy: [gcp, data]',
      'deploy: [vultr, data]',
      'deploy: [1.1]',
    ]);
    assert.deepEqual(config.jobs.get('deploy: [gcp, data]')?.parallelVariables, {
      PROVIDER: 'gcp',
      STACK: 'data',
      CI_NODE_INDEX: '3',
      CI_NODE_TOTAL: '5',
    });
  });

  test('limits and shapes', async () => {
    expectError(await load('test: {script: x, parallel: 201}\n'), 'jobs:test:parallel config must be less than or equal to 200');
    expectError(await load('test: {script: x, parallel: 0}\n'), 'jobs:test:parallel config must be greater than or equal to 1');
    expectError(await load('test: {script: x, parallel: many}\n'), 'jobs:test:parallel should be an integer or a hash');
    expectError(await load('test: {script: x, parallel: {matrix: [a]}}\n'), 'jobs:test:parallel:matrix config should be an array of hashes');
    const values = Array.from({ length: 15 }, (_, i) => `v${i}`).join(', ');
    expectError(
      await load(`test: {script: x, parallel: {matrix: [{A: [${values}], B: [${values}]}]}}\n`),
      'jobs:test:parallel:matrix config generates too many jobs (maximum is 200)',
    );
  });
});
