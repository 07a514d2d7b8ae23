import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPatternLexeme } from './scan-pattern-lexeme.js';

/** The pattern token at the start of `text`, or undefined when there is none. */
function token(text: string): string | undefined {
  const end = scanPatternLexeme(text, 0);
  return end < 0 ? undefined : text.slice(0, end);
}

describe('scanPatternLexeme: GitLab pattern lexeme boundaries', () => {
  test('a plain pattern is one token', () => {
    assert.equal(token('/pattern/'), '/pattern/');
  });

  test('// is not a pattern token', () => {
    assert.equal(token('//'), undefined);
  });

  test('flags i s m U are part of the token, other letters are left over', () => {
    assert.equal(token('/pattern/i'), '/pattern/i');
    assert.equal(token('/pattern/im'), '/pattern/im');
    assert.equal(token('/pattern/ismU'), '/pattern/ismU');
    assert.equal(token('/pattern/x'), '/pattern/');
    assert.equal(token('/pattern/ix'), '/pattern/i');
  });

  test('the token ends at the first unescaped slash', () => {
    assert.equal(token('/some .* / pattern/'), '/some .* /');
  });

  test('escaped slashes stay inside the token', () => {
    assert.equal(token('/some .* \\/ pattern/'), '/some .* \\/ pattern/');
    assert.equal(token('/some numeric \\/$ pattern/'), '/some numeric \\/$ pattern/');
    assert.equal(token('/foo\\/bar/ == $X'), '/foo\\/bar/');
  });

  test('single-character patterns are not tokens (GitLab does not support them)', () => {
    assert.equal(token('/./'), undefined);
    assert.equal(token('/a/'), undefined);
    assert.equal(token('/a/ == "bc/"'), undefined);
    assert.equal(token('/ab/ == "c/"'), '/ab/');
  });

  test('the last body character may not be a backslash', () => {
    assert.equal(token('/a\\\\/'), undefined);
    assert.equal(token('/a\\/'), undefined);
  });

  test('backtracking takes the deepest body the input allows', () => {
    assert.equal(token('/ab//'), '/ab//');
    assert.equal(token('/a\\\\/b/'), '/a\\\\/b/');
  });

  test('scans from the given offset and needs a slash there', () => {
    assert.equal(scanPatternLexeme('$X =~ /ab/i', 6), 11);
    assert.equal(scanPatternLexeme('$X =~ /ab/i', 5), -1);
  });

  test('stays linear on long unterminated input', () => {
    const started = performance.now();
    assert.equal(scanPatternLexeme(`/${'\\/'.repeat(5000)}`, 0), -1);
    assert.equal(scanPatternLexeme(`/${'a'.repeat(10_000)}`, 0), -1);
    assert.equal(scanPatternLexeme(`/${'\\/'.repeat(5000)}b/`, 0), 10_003);
    assert.ok(performance.now() - started < 500);
  });
});
