import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateMatches, evaluateNotMatches, toPatternOrText } from './match-operators.js';
import { buildPattern } from './regexp-pattern.js';
import type { PatternValue } from './regexp-pattern.js';

function re(source: string): PatternValue {
  const built = buildPattern(`/${source}/`);
  assert.ok(built.ok);
  return built.pattern;
}

describe('evaluateMatches: GitLab matches_spec with evaluated operands', () => {
  test('unanchored RE2 search', () => {
    assert.equal(evaluateMatches('my-string', re('something')), false);
    assert.equal(evaluateMatches('my-awesome-string', re('awesome.string$')), true);
  });

  test('null operands', () => {
    assert.equal(evaluateMatches(null, re('something')), false);
    assert.equal(evaluateMatches('my-string', null), false);
    assert.equal(evaluateMatches(null, null), false);
  });

  test('empty text', () => {
    assert.equal(evaluateMatches('', re('pattern')), false);
    assert.equal(evaluateMatches('', re('')), true);
  });

  test('multi-line text', () => {
    const text = 'My line 1\nMy-text-string!\nMy line 3';
    assert.equal(evaluateMatches(text, re('text-string')), true);
    assert.equal(evaluateMatches(text, re('My-terrible-string!')), false);
  });

  test('case-insensitive flag', () => {
    assert.equal(evaluateMatches('My AWESOME content', re('(?i)awesome')), true);
    assert.equal(evaluateMatches('My AWESOME content', re('(?i)terrible')), false);
  });

  test('a right-hand string that reads as /regexp/ is used as a pattern', () => {
    assert.equal(evaluateMatches('abcde', '/^ab.*/'), true);
    assert.equal(evaluateMatches('dfg', '/^ab.*/'), false);
    assert.equal(evaluateMatches('prefix/1.0.0', '/^prefix\\/.+/'), true);
  });

  test('any other right-hand string is a substring test of the left text', () => {
    assert.equal(evaluateMatches('23', '1234'), true);
    assert.equal(evaluateMatches('23', re('1234')), false);
    assert.equal(evaluateMatches('abcde', 'abcde'), true);
    assert.equal(evaluateMatches('x', '/ab(/'), false);
    assert.equal(evaluateMatches('ab(', '/ab(/'), true);
    // Ruby's "abc".scan("") finds empty matches, so empty or null text is always found.
    assert.equal(evaluateMatches(null, 'abc'), true);
  });

  test('false on the right never matches', () => {
    assert.equal(evaluateMatches('false', false), false);
    assert.equal(evaluateNotMatches('false', false), true);
  });
});

describe('evaluateNotMatches', () => {
  test('null right side is true, otherwise the negation of =~', () => {
    assert.equal(evaluateNotMatches('x', null), true);
    assert.equal(evaluateNotMatches(null, null), true);
    assert.equal(evaluateNotMatches('my variable', re('var.*e$')), false);
    assert.equal(evaluateNotMatches('my variable', re('^var.*')), true);
    assert.equal(evaluateNotMatches('', re('var')), true);
    assert.equal(evaluateNotMatches('23', '1234'), false);
  });
});

describe('toPatternOrText (GitLab Pattern.build_and_evaluate)', () => {
  test('builds /foo/ into a pattern and leaves foo as text', () => {
    assert.deepEqual(toPatternOrText('/foo/'), { kind: 'pattern', text: '/foo/', source: 'foo' });
    assert.equal(toPatternOrText('foo'), 'foo');
  });

  test('variables inside a pattern value are not expanded', () => {
    assert.deepEqual(toPatternOrText('/$string2/'), { kind: 'pattern', text: '/$string2/', source: '$string2' });
    assert.equal(evaluateMatches('abc', '/$string2/'), false);
  });
});
