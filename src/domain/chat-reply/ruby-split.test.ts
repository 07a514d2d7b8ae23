import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rubySplit } from './ruby-split.js';

/** The reference model: Ruby's split with limit 0 is JS's split minus trailing empty fields. */
function model(text: string): string[] {
  const fields = text.split('\n');
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}

describe('rubySplit', () => {
  test('Ruby facts: "" and "\\n" give [], trailing empty fields go, leading ones stay', () => {
    assert.deepEqual(rubySplit(''), []);
    assert.deepEqual(rubySplit('\n'), []);
    assert.deepEqual(rubySplit('\n\n\n'), []);
    assert.deepEqual(rubySplit('a\n\nb\n\n'), ['a', '', 'b']);
    assert.deepEqual(rubySplit('\n\na'), ['', '', 'a']);
    assert.deepEqual(rubySplit('hello\nworld'), ['hello', 'world']);
  });

  test('carriage returns are not separators and stay in the fields', () => {
    assert.deepEqual(rubySplit('a\r\nb\r\n'), ['a\r', 'b\r']);
    assert.deepEqual(rubySplit('\r'), ['\r']);
  });

  test('matches the reference model on any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('\n', '\r', '\n\n', ''))), (parts) => {
        const text = parts.join('');
        assert.deepEqual(rubySplit(text), model(text));
      }),
      { numRuns: 1000 },
    );
  });
});
