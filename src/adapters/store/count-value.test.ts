import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countValue } from './count-value.js';

test('countValue reads a count as each driver answers it', () => {
  assert.equal(countValue(7), 7);
  assert.equal(countValue('1001'), 1001, 'pg int8 as text');
  assert.equal(countValue(12n), 12, 'a driver in bigint mode');
  assert.equal(countValue('0'), 0);
});

test('countValue refuses what is not a row count instead of reporting NaN', () => {
  assert.throws(() => countValue('not a number'), /not a row count/);
  assert.throws(() => countValue(-1), /not a row count/);
  assert.throws(() => countValue(2n ** 60n), /not a row count/);
});
