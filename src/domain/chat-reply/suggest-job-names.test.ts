import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { suggestJobNames } from './suggest-job-names.js';

describe('suggestJobNames', () => {
  const jobs = ['deploy', 'deploy-eu', 'build', 'lint', 'hello-world', 'ls'];

  test('a typo finds the name, closest first', () => {
    assert.deepEqual(suggestJobNames('deplyo', jobs), ['deploy']);
    assert.deepEqual(suggestJobNames('deploy-e', jobs), ['deploy-eu', 'deploy']);
    assert.deepEqual(suggestJobNames('hello-wrold', jobs), ['hello-world']);
  });

  test('case differences and containment count', () => {
    assert.deepEqual(suggestJobNames('Build', jobs), ['build']);
    assert.deepEqual(suggestJobNames('deploy-prod', ['deploy', 'test']), ['deploy']);
  });

  test('nothing close: no suggestions; the limit is respected', () => {
    assert.deepEqual(suggestJobNames('zzzzzz', jobs), []);
    assert.deepEqual(suggestJobNames('deploy-e', jobs, 1), ['deploy-eu']);
  });
});
