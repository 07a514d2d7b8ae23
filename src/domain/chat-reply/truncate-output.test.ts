import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { truncateOutput } from './truncate-output.js';

describe('truncateOutput', () => {
  test('text within the limit is returned untouched', () => {
    assert.deepEqual(truncateOutput('abc\ndef', 7, { keep: 'head' }), { text: 'abc\ndef', truncated: false });
  });

  test('head keeps whole lines when that keeps at least half the room', () => {
    assert.deepEqual(truncateOutput('line one\nline two\nline three', 20, { keep: 'head' }), { text: 'line one\nline two', truncated: true });
    assert.deepEqual(truncateOutput('abcdefgh\nij', 8, { keep: 'head' }), { text: 'abcdefgh', truncated: true });
  });

  test('tail keeps whole lines when that keeps at least half the room', () => {
    assert.deepEqual(truncateOutput('line one\nline two\nline three', 20, { keep: 'tail' }), { text: 'line two\nline three', truncated: true });
  });

  test('a single long line is cut mid-line', () => {
    assert.deepEqual(truncateOutput('a'.repeat(4000), 3000, { keep: 'head' }), { text: 'a'.repeat(3000), truncated: true });
    assert.deepEqual(truncateOutput(`x\n${'b'.repeat(100)}`, 10, { keep: 'tail' }), { text: 'b'.repeat(10), truncated: true });
  });

  test('never cuts a surrogate pair in half', () => {
    assert.deepEqual(truncateOutput('ab😀cd', 3, { keep: 'head' }), { text: 'ab', truncated: true });
    assert.deepEqual(truncateOutput('ab😀cd', 3, { keep: 'tail' }), { text: 'cd', truncated: true });
  });

  test('a zero limit keeps nothing', () => {
    assert.deepEqual(truncateOutput('abc', 0, { keep: 'tail' }), { text: '', truncated: true });
  });

  test('property: within the limit, a head prefix or tail suffix, and valid UTF-16', () => {
    const text = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constant('\n'), fc.constant('😀')), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.nat({ max: 80 }), fc.constantFrom('head' as const, 'tail' as const), (t, max, keep) => {
        const result = truncateOutput(t, max, { keep });
        assert.ok(result.text.length <= max);
        assert.equal(result.truncated, t.length > max);
        assert.ok(keep === 'head' ? t.startsWith(result.text) : t.endsWith(result.text));
        const wellFormed = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
        if (wellFormed(t)) assert.ok(wellFormed(result.text), JSON.stringify(result.text));
      }),
      { numRuns: 1000 },
    );
  });
});
