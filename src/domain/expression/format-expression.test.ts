import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatExpression } from './format-expression.js';
import { parseExpression } from './parse-expression.js';

function reformat(text: string): string {
  const parsed = parseExpression(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return formatExpression(parsed.expression);
}

describe('formatExpression', () => {
  test('writes only the parentheses precedence requires', () => {
    assert.equal(reformat('(($A == "a") || ($B && $C))'), '$A == "a" || $B && $C');
    assert.equal(reformat('($A || $B) && $C'), '($A || $B) && $C');
    assert.equal(reformat('$A == ($B == $C)'), '$A == ($B == $C)');
    assert.equal(reformat('($A == $B) == $C'), '$A == $B == $C');
  });

  test('! keeps a binary operand parenthesised and stacks without them', () => {
    assert.equal(reformat('!($A || $B)'), '!($A || $B)');
    assert.equal(reformat('! ! $A'), '!!$A');
    assert.equal(reformat('$A == ! $B'), '$A == !$B');
  });

  test('normalises GitLab-accepted shapes to infix', () => {
    assert.equal(reformat('$A $B =='), '$A == $B');
    assert.equal(reformat('$A ()'), '$A');
  });

  test('keeps pattern tokens as written and picks a quote the string does not contain', () => {
    assert.equal(reformat('$A=~/a\\/b/i'), '$A =~ /a\\/b/i');
    assert.equal(reformat(`'say "hi"' != "it's"`), `'say "hi"' != "it's"`);
    assert.equal(reformat('$[[inputs.env]] == true'), '$[[ inputs.env ]] == true');
  });
});
