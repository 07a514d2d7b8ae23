import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeExpression } from './describe-expression.js';
import { evaluateExpression, isTruthful, truthy } from './evaluate-expression.js';
import type { BinaryOperator, Expression } from './expression.js';
import { formatExpression } from './format-expression.js';
import { parseExpression } from './parse-expression.js';
import { buildPattern } from './regexp-pattern.js';

const NAMES = ['A', 'B', 'EMPTY', 'BLANK', 'UNDEFINED', 'CI_COMMIT_REF_NAME'] as const;
const PATTERN_LITERALS = ['/ab/', '/^a.*/i', '/a\\/b/', '/[0-9]+$/m', '/fa(l|s)/', '/ab//', '/x y/ismU'] as const;
const OPERATORS: readonly BinaryOperator[] = ['equals', 'not_equals', 'matches', 'not_matches', 'and', 'or'];

function patternNode(literal: string): Expression {
  const built = buildPattern(literal);
  if (!built.ok) throw new Error(`test pattern ${literal} must be valid: ${built.error}`);
  return { type: 'pattern', literal, pattern: built.pattern };
}

const stringValue = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '/', '$', "'", '1', '(', '&', 'é'), maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('a', '"', ' '), maxLength: 4 }),
);

const leaf: fc.Arbitrary<Expression> = fc.oneof(
  fc.constantFrom(...NAMES).map((name): Expression => ({ type: 'variable', name })),
  fc.constantFrom('env', 'deploy-target').map((name): Expression => ({ type: 'input', name })),
  stringValue.map((value): Expression => ({ type: 'string', value })),
  fc.constantFrom(...PATTERN_LITERALS).map(patternNode),
  fc.constant<Expression>({ type: 'null' }),
  fc.boolean().map((value): Expression => ({ type: 'boolean', value })),
);

const expression: (maxDepth?: number) => fc.Arbitrary<Expression> = fc.memo<Expression>((depth) =>
  depth <= 1
    ? leaf
    : fc.oneof(
        { depthSize: 'small' },
        leaf,
        expression(depth - 1).map((operand): Expression => ({ type: 'not', operand })),
        fc
          .tuple(fc.constantFrom(...OPERATORS), expression(depth - 1), expression(depth - 1))
          .map(([operator, left, right]): Expression => ({ type: 'binary', operator, left, right })),
      ),
);

const variables = fc.record(
  Object.fromEntries(NAMES.map((name) => [name, fc.constantFrom('', '  ', 'a', 'ab', 'false', '0', '/ab/', 'a/b')])),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

const inputs = fc.record({ env: fc.constantFrom('production', ''), 'deploy-target': fc.boolean() }, { requiredKeys: [] });

/** Text built from expression fragments, so it often gets deep into the lexer and parser. */
const expressionLikeText = fc
  .array(
    fc.constantFrom('$A', '$', ' ', '"', "'", '/', '\\', '\\/', '(', ')', '==', '=~', '!=', '!~', '!', '&&', '||', '=', '&',
      'null', 'true', 'false', 'i', 'x', '\n', '$[[ inputs.a ]]', '$[[', ']]', 'ab', '.', '*', '[', '{'),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Whole lexemes in random order: a good share of these parse, including GitLab's lenient shapes. */
const tokenSoup = fc
  .array(
    fc.tuple(
      fc.constantFrom('$A', '$B', '"x"', "'y\"'", '""', '/ab/', '/a\\/b/i', '/ab//', 'null', 'true', 'false', '$[[ inputs.env ]]',
        '==', '!=', '=~', '!~', '&&', '||', '!', '(', ')'),
      fc.constantFrom('', ' ', '\t'),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.map(([token, space]) => token + space).join(''));

describe('parseExpression properties', () => {
  test('never throws on arbitrary text and always returns a result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), expressionLikeText, tokenSoup), (text) => {
        const parsed = parseExpression(text);
        assert.equal(typeof parsed.ok, 'boolean');
        if (parsed.ok) assert.equal(typeof describeExpression(parsed.expression), 'string');
        else assert.ok(parsed.error.length > 0);
        assert.equal(typeof isTruthful(text, { A: 'a' }), 'boolean');
      }),
      { numRuns: 3000 },
    );
  });

  test('any text that parses formats back to source that parses to the same tree', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, expressionLikeText), (text) => {
        const parsed = parseExpression(text);
        if (!parsed.ok) return;
        const again = parseExpression(formatExpression(parsed.expression));
        assert.ok(again.ok, `formatted ${JSON.stringify(formatExpression(parsed.expression))} failed: ${again.ok ? '' : again.error}`);
        assert.equal(describeExpression(again.expression), describeExpression(parsed.expression));
      }),
      { numRuns: 3000 },
    );
  });

  test('generated trees round-trip: format -> parse -> describe gives the same tree', () => {
    fc.assert(
      fc.property(expression(5), (tree) => {
        const source = formatExpression(tree);
        const parsed = parseExpression(source);
        assert.ok(parsed.ok, `${source}: ${parsed.ok ? '' : parsed.error}`);
        assert.equal(describeExpression(parsed.expression), describeExpression(tree));
        assert.equal(formatExpression(parsed.expression), source);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('evaluateExpression properties', () => {
  test('!!x is truthful exactly when x is', () => {
    fc.assert(
      fc.property(expression(4), variables, inputs, (tree, vars, inputMap) => {
        const plain = truthy(evaluateExpression(tree, vars, inputMap));
        const doubled = evaluateExpression({ type: 'not', operand: { type: 'not', operand: tree } }, vars, inputMap);
        assert.equal(doubled, plain);
        const source = formatExpression(tree);
        assert.equal(isTruthful(`!!(${source})`, vars, inputMap), isTruthful(source, vars, inputMap));
        assert.equal(isTruthful(source, vars, inputMap), plain);
      }),
      { numRuns: 1000 },
    );
  });

  test('x != y is always the negation of x == y, and x !~ y of x =~ y', () => {
    fc.assert(
      fc.property(expression(3), expression(3), variables, (left, right, vars) => {
        const value = (operator: BinaryOperator): unknown => evaluateExpression({ type: 'binary', operator, left, right }, vars);
        assert.equal(value('not_equals'), !value('equals'));
        assert.equal(value('not_matches'), !value('matches'));
      }),
      { numRuns: 500 },
    );
  });
});
