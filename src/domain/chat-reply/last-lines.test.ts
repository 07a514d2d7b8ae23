import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastLines } from './last-lines.js';

test('lastLines keeps the end of the text and counts its lines', () => {
  assert.deepEqual(lastLines('', 20), { text: '', totalLines: 0, truncated: false });
  assert.deepEqual(lastLines('a\nb', 20), { text: 'a\nb', totalLines: 2, truncated: false });
  assert.deepEqual(lastLines('1\n2\n3\n4', 2), { text: '3\n4', totalLines: 4, truncated: true });
  assert.deepEqual(lastLines('1\n2', 0), { text: '', totalLines: 2, truncated: true });
});
