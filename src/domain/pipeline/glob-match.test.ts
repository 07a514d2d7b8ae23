import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, expandBraces, globMatch } from './glob-match.js';

function check(pattern: string, path: string, expected: boolean): void {
  assert.equal(globMatch(pattern, path), expected, `${pattern} vs ${path}`);
}

describe('globMatch: Ruby File.fnmatch with PATHNAME | DOTMATCH | EXTGLOB', () => {
  test('literal names match exactly and case-sensitively', () => {
    check('cat', 'cat', true);
    check('cat', 'category', false);
    check('cat', 'CAT', false);
    check('Dockerfile', 'Dockerfile', true);
  });

  test('? and * stay inside one path segment', () => {
    check('c?t', 'cat', true);
    check('c??t', 'cat', false);
    check('c*', 'cats', true);
    check('c*t', 'c/a/b/t', false);
    check('?', '/', false);
    check('*', '/', false);
    check('a?b', 'a/b', false);
    check('*.md', 'README.md', true);
    check('*.md', 'docs/a.md', false);
  });

  test('wildcards match a leading dot (DOTMATCH)', () => {
    check('*', '.profile', true);
    check('.*', '.profile', true);
    check('*.yml', '.gitlab-ci.yml', true);
  });

  test('**/ matches zero or more directories, hidden ones included', () => {
    check('**/*.md', 'README.md', true);
    check('**/*.md', 'docs/a.md', true);
    check('**/*.md', 'a/b/c.md', true);
    check('**/foo', 'a/b/c/foo', true);
    check('**/foo', '/a/b/c/foo', true);
    check('**/foo', 'a/.b/c/foo', true);
    check('docs/**/*.md', 'docs/x.md', true);
    check('docs/**/*.md', 'docs/a/b/x.md', true);
    check('docs/**/*.md', 'other/x.md', false);
    check('a/**/b/**/c', 'a/x/b/y/z/c', true);
  });

  test('** not followed by / is a plain *', () => {
    check('docs/**', 'docs/a', true);
    check('docs/**', 'docs/a/b', false);
    check('docs/**/*', 'docs/a/b', true);
    check('**.rb', 'main.rb', true);
    check('**.rb', 'lib/song.rb', false);
  });

  test('bracket expressions: sets, ranges, negation; never a slash', () => {
    check('ca[a-z]', 'cat', true);
    check('ca[^t]', 'cat', false);
    check('ca[!t]', 'cab', true);
    check('[abc].txt', 'b.txt', true);
    check('[abc].txt', 'd.txt', false);
    check('[/]', '/', false);
    check('file[', 'file[', false);
    check('[]]', ']', false);
  });

  test('backslash makes the next character literal', () => {
    check('\\?', '?', true);
    check('\\?', 'a', false);
    check('\\a', 'a', true);
    check('a\\*', 'a*', true);
    check('a\\*', 'ab', false);
  });

  test('{a,b} alternatives, nested; unbalanced braces match nothing', () => {
    check('c{at,ub}s', 'cats', true);
    check('c{at,ub}s', 'cubs', true);
    check('c{at,ub}s', 'cots', false);
    check('{src,lib}/**/*.{ts,js}', 'lib/a/b.js', true);
    check('{a,{b,c}}x', 'cx', true);
    check('a{}b', 'ab', true);
    check('a{b', 'a{b', false);
    check('a\\{b', 'a{b', true);
    assert.deepEqual(expandBraces('x{1,2}y{a,b}'), ['x1ya', 'x1yb', 'x2ya', 'x2yb']);
  });

  test('the whole path must match', () => {
    check('src/*', 'src/a/b', false);
    check('src', 'src/a', false);
    check('src/a', 'src', false);
  });

  test('hostile patterns finish quickly', () => {
    const path = 'a'.repeat(2000);
    const started = process.hrtime.bigint();
    check('*a*a*a*a*a*a*a*a*b', path, false);
    check('**/**/**/**/**/x', `${'d/'.repeat(200)}y`, false);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(millis < 1000, `took ${millis} ms`);
  });

  test('a compiled matcher can be reused', () => {
    const matches = compileGlob('**/*.{yml,yaml}');
    assert.deepEqual(['a.yml', 'b/c.yaml', 'd.json'].map(matches), [true, true, false]);
  });

  test('never throws for arbitrary patterns and paths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (pattern, path) => {
        assert.equal(typeof globMatch(pattern, path), 'boolean');
      }),
      { numRuns: 500 },
    );
  });

  test('a pattern without wildcards matches only itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_./-]{1,20}$/), fc.stringMatching(/^[a-z0-9_./-]{1,20}$/), (a, b) => {
        assert.equal(globMatch(a, b), a === b);
      }),
      { numRuns: 300 },
    );
  });
});
