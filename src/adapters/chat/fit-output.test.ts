import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fitOutput } from './fit-output.js';

const LINES = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');

describe('fitOutput', () => {
  test('text within budget is untouched', () => {
    assert.deepEqual(fitOutput('a\nb', { budget: 3, keep: 'head' }), { text: 'a\nb', truncated: false, shownLines: 2, totalLines: 2 });
  });

  test('head keeps the first whole lines that fit, and counts lines', () => {
    assert.deepEqual(fitOutput(LINES, { budget: 19, keep: 'head' }), {
      text: 'line 0\nline 1',
      truncated: true,
      shownLines: 2,
      totalLines: 10,
    });
  });

  test('tail keeps the last whole lines that fit', () => {
    assert.equal(fitOutput(LINES, { budget: 19, keep: 'tail' }).text, 'line 8\nline 9');
  });

  test('a single overlong line is cut inside, at the kept end', () => {
    assert.equal(fitOutput('abcdefghij', { budget: 4, keep: 'head' }).text, 'abcd');
    assert.equal(fitOutput('abcdefghij', { budget: 4, keep: 'tail' }).text, 'ghij');
  });

  test('the budget counts escaped characters; surrogate pairs stay whole', () => {
    const cost = (c: string): number => (c === '&' ? 5 : c.length);
    const fitted = fitOutput('&&&&&&&&', { budget: 11, keep: 'head', cost });
    assert.equal(fitted.text, '&&');
    assert.equal(fitted.truncated, true);
    assert.equal(fitOutput('😀😀😀', { budget: 5, keep: 'head' }).text, '😀😀');
  });

  test('text short in UTF-16 units but long once escaped is still cut', () => {
    const cost = (c: string): number => (c === '<' ? 4 : c.length);
    const fitted = fitOutput('<<<<', { budget: 8, keep: 'tail', cost });
    assert.deepEqual(fitted, { text: '<<', truncated: true, shownLines: 1, totalLines: 1 });
  });
});
