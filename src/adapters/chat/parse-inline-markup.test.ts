import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInlineMarkup } from './parse-inline-markup.js';

describe('parseInlineMarkup', () => {
  test('splits text, links and code spans', () => {
    assert.deepEqual(parseInlineMarkup('alice ran `deploy`: [#42](https://ci.example/jobs/42) done'), [
      { kind: 'text', text: 'alice ran ' },
      { kind: 'code', text: 'deploy' },
      { kind: 'text', text: ': ' },
      { kind: 'link', label: '#42', url: 'https://ci.example/jobs/42' },
      { kind: 'text', text: ' done' },
    ]);
  });

  test('non-http links and unclosed markup stay text', () => {
    assert.deepEqual(parseInlineMarkup('[x](javascript:alert(1)) `open'), [
      { kind: 'text', text: '[x](javascript:alert(1)) `open' },
    ]);
  });

  test('plain text is one token; empty text none', () => {
    assert.deepEqual(parseInlineMarkup('a < b & c'), [{ kind: 'text', text: 'a < b & c' }]);
    assert.deepEqual(parseInlineMarkup(''), []);
  });
});
