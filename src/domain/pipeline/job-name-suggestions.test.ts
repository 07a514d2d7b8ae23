import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance, suggestJobNames } from './job-name-suggestions.js';

describe('editDistance (optimal string alignment)', () => {
  test('counts inserts, deletes, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('deploy', 'deploy'), 0);
    assert.equal(editDistance('deplyo', 'deploy'), 1);
    assert.equal(editDistance('depoy', 'deploy'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('ca', 'abc'), 3);
  });
  test('stops early at the cap', () => {
    assert.equal(editDistance('aaaaaaaaaa', 'bbbbbbbbbb', 3), 3);
  });
  test('is symmetric', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => editDistance(a, b) === editDistance(b, a)));
  });
});

describe('suggestJobNames', () => {
  const names = ['deploy', 'deploy-staging', 'db-migrate', 'hello-world', 'ls', 'rollback'];

  test('case-insensitive equality first, then prefixes, then substrings, then typos', () => {
    assert.deepEqual(suggestJobNames('DEPLOY', names), ['deploy', 'deploy-staging']);
    assert.deepEqual(suggestJobNames('world', names), ['hello-world']);
    assert.deepEqual(suggestJobNames('rolback', names), ['rollback']);
    assert.deepEqual(suggestJobNames('la', names), ['ls']);
  });
  test('at most three, in a stable order independent of input order', () => {
    const many = ['d4', 'd2', 'd3', 'd1', 'd5'];
    assert.deepEqual(suggestJobNames('d', many), ['d1', 'd2', 'd3']);
    assert.deepEqual(suggestJobNames('d', [...many].reverse()), ['d1', 'd2', 'd3']);
  });
  test('unrelated names give nothing', () => {
    assert.deepEqual(suggestJobNames('kubernetes', names), []);
  });
});
