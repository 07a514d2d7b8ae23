import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeExpression } from './describe-expression.js';

describe('describeExpression', () => {
  test('uses GitLab operator names', () => {
    assert.equal(
      describeExpression({
        type: 'binary',
        operator: 'or',
        left: { type: 'binary', operator: 'not_matches', left: { type: 'variable', name: 'A' }, right: { type: 'null' } },
        right: { type: 'not', operand: { type: 'binary', operator: 'not_equals', left: { type: 'boolean', value: false }, right: { type: 'input', name: 'env' } } },
      }),
      'or(not_matches($A, null), not(not_equals(false, $[[ inputs.env ]])))',
    );
  });

  test('shows strings like Ruby String#inspect', () => {
    assert.equal(describeExpression({ type: 'string', value: 'a"b\\c' }), '"a\\"b\\\\c"');
    assert.equal(describeExpression({ type: 'string', value: '\t\x1b\x01#{x}#' }), '"\\t\\e\\u0001\\#{x}#"');
    assert.equal(describeExpression({ type: 'string', value: "it's é" }), `"it's é"`);
  });
});
