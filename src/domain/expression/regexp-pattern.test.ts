import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPattern, patternFinds } from './regexp-pattern.js';
import type { PatternValue } from './regexp-pattern.js';

function pattern(text: string): PatternValue {
  const built = buildPattern(text);
  assert.ok(built.ok, `expected ${text} to build, got ${built.ok ? '' : built.error}`);
  return built.pattern;
}

describe('buildPattern: GitLab pattern lexeme values (scanned token -> RE2 source)', () => {
  const table: readonly (readonly [string, string])[] = [
    ['/pattern/', 'pattern'],
    ['/pattern/i', '(?i)pattern'],
    ['/pattern/im', '(?im)pattern'],
    ['/pattern/U', '(?U)pattern'],
    ['/some .* \\/ pattern/', 'some .* / pattern'],
    ['/some numeric \\/$ pattern/', 'some numeric /$ pattern'],
    ['/some numeric \\$ pattern/', 'some numeric \\$ pattern'],
    ['/test/ur/', 'test/ur'],
    ['//', ''],
  ];
  for (const [literal, source] of table) {
    test(`${literal} -> ${source === '' ? '(empty)' : source}`, () => {
      assert.equal(pattern(literal).source, source);
    });
  }

  test('/foo\\/bar/ has the value /foo/bar/', () => {
    assert.deepEqual(pattern('/foo\\/bar/'), { kind: 'pattern', text: '/foo/bar/', source: 'foo/bar' });
  });

  test('an invalid RE2 regexp is an error value', () => {
    const built = buildPattern('/ some ( thin/i');
    assert.equal(built.ok, false);
    assert.match(built.ok ? '' : built.error, /invalid regular expression \/ some \( thin\/i: .*missing closing \)/);
  });

  test('RE2 rejects look-around and back-references that backtracking engines allow', () => {
    assert.equal(buildPattern('/(?<=a)b/').ok, false);
    assert.equal(buildPattern('/(a)\\1/').ok, false);
  });

  test('text that is not a /regexp/flags literal is rejected', () => {
    assert.equal(buildPattern('foo').ok, false);
    assert.equal(buildPattern('/foo').ok, false);
    assert.equal(buildPattern('/foo/x').ok, false);
  });

  test('Ruby line anchors: the first line that reads as a literal wins', () => {
    assert.equal(pattern('/a\n/b/').source, 'b');
    assert.equal(buildPattern('/a\nb/').ok, false);
  });
});

describe('patternFinds: RE2 semantics', () => {
  test('finds a match anywhere unless anchored', () => {
    assert.equal(patternFinds(pattern('/var.*e$/'), 'my variable'), true);
    assert.equal(patternFinds(pattern('/^var.*/'), 'my variable'), false);
  });

  test('^ and $ anchor the whole text unless flag m', () => {
    assert.equal(patternFinds(pattern('/^b$/'), 'a\nb'), false);
    assert.equal(patternFinds(pattern('/^b$/m'), 'a\nb'), true);
  });

  test('flags i and s', () => {
    assert.equal(patternFinds(pattern('/VAR.*/i'), 'my variable'), true);
    assert.equal(patternFinds(pattern('/a.b/'), 'a\nb'), false);
    assert.equal(patternFinds(pattern('/a.b/s'), 'a\nb'), true);
  });

  test('inline flags mid-pattern and POSIX classes work (JavaScript RegExp has neither)', () => {
    assert.equal(patternFinds(pattern('/Hello (?i)world/'), 'Hello World'), true);
    assert.equal(patternFinds(pattern('/^([[:digit:]]+(.[[:digit:]]+)*|latest)$/'), '1.11'), true);
  });

  test('the empty pattern matches the empty text', () => {
    assert.equal(patternFinds(pattern('//'), ''), true);
  });
});
