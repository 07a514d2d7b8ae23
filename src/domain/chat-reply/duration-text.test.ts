import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration } from './duration-text.js';

test('formatDuration says seconds, minutes and hours the short way', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(44.6), '45s');
  assert.equal(formatDuration(60), '1m');
  assert.equal(formatDuration(125), '2m 5s');
  assert.equal(formatDuration(3600), '1h');
  assert.equal(formatDuration(5430), '1h 30m');
  assert.equal(formatDuration(-5), '0s');
  assert.equal(formatDuration(Number.NaN), '0s');
});
