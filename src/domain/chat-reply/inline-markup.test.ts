import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { code, link, shorten } from './inline-markup.js';

describe('inline markup', () => {
  test('code spans hold no backtick or line break', () => {
    assert.equal(code('deploy'), '`deploy`');
    assert.equal(code('a`b\r\nc\nd'), "`a'b c d`");
    assert.equal(code(''), '` `');
  });

  test('links cannot be broken by their label or URL', () => {
    assert.equal(link('#42', 'https://x.example/jobs/42'), '[#42](https://x.example/jobs/42)');
    assert.equal(link('a [b]', 'https://x.example/a (b) c'), '[a b](https://x.example/a%20%28b%29%20c)');
  });

  test('shorten cuts on code points and marks the cut', () => {
    assert.equal(shorten('abc', 3), 'abc');
    assert.equal(shorten('a😀😀😀', 3), 'a😀…');
  });
});
