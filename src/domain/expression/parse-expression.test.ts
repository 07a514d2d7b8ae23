import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeExpression } from './describe-expression.js';
import { parseExpression } from './parse-expression.js';

function tree(text: string): string {
  const parsed = parseExpression(text);
  assert.ok(parsed.ok, `expected ${JSON.stringify(text)} to parse, got ${parsed.ok ? '' : parsed.error}`);
  return describeExpression(parsed.expression);
}

function parseError(text: string): string {
  const parsed = parseExpression(text);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(text)} not to parse`);
  return parsed.ok ? '' : parsed.error;
}

describe('parseExpression: GitLab parser_spec trees', () => {
  const table: readonly (readonly [string, string])[] = [
    ['$VAR1 == "123"', 'equals($VAR1, "123")'],
    ['$VAR1 == "123" == $VAR2', 'equals(equals($VAR1, "123"), $VAR2)'],
    ['$VAR', '$VAR'],
    ['"some value"', '"some value"'],
    ['null', 'null'],
    ['$VAR1 || $VAR2 && $VAR3', 'or($VAR1, and($VAR2, $VAR3))'],
    ['$VAR1 && $VAR2 || $VAR3', 'or(and($VAR1, $VAR2), $VAR3)'],
    ['$VAR1 && $VAR2 || $VAR3 && $VAR4', 'or(and($VAR1, $VAR2), and($VAR3, $VAR4))'],
    ['$VAR1 && ($VAR2 || $VAR3) && $VAR4', 'and(and($VAR1, or($VAR2, $VAR3)), $VAR4)'],
    ['$VAR1 && !$VAR2', 'and($VAR1, not($VAR2))'],
    ['!($VAR1 || $VAR2) && $VAR3', 'and(not(or($VAR1, $VAR2)), $VAR3)'],
    [
      '$VAR1 == "a" || $VAR2 == "b" && $VAR3 == "c" || $VAR4 == "d" && $VAR5 == "e"',
      'or(or(equals($VAR1, "a"), and(equals($VAR2, "b"), equals($VAR3, "c"))), and(equals($VAR4, "d"), equals($VAR5, "e")))',
    ],
    [
      '(($VAR1 == "a" || $VAR2 == "b") && $VAR3 == "c" || $VAR4 == "d") && $VAR5 == "e"',
      'and(or(and(or(equals($VAR1, "a"), equals($VAR2, "b")), equals($VAR3, "c")), equals($VAR4, "d")), equals($VAR5, "e"))',
    ],
  ];
  for (const [expression, expected] of table) {
    test(expression, () => assert.equal(tree(expression), expected));
  }
});

describe('parseExpression: other lexemes and operators', () => {
  test('all comparison operators, booleans, inputs and patterns', () => {
    assert.equal(
      tree('$A != "x" && $B =~ /a\\/b/i || $C !~ /cd/ && true == $[[ inputs.env ]]'),
      'or(and(not_equals($A, "x"), matches($B, /a\\/b/i)), and(not_matches($C, /cd/), equals(true, $[[ inputs.env ]])))',
    );
  });

  test('! binds tighter than comparisons and stacks', () => {
    assert.equal(tree('!$A == $B'), 'equals(not($A), $B)');
    assert.equal(tree('$A == !$B'), 'equals($A, not($B))');
    assert.equal(tree('!!$A'), 'not(not($A))');
    assert.equal(tree('$A && !$B == $C || $D'), 'or(and($A, equals(not($B), $C)), $D)');
  });

  test('single-quoted strings describe like Ruby inspect', () => {
    assert.equal(tree(`'say "hi"' == $X`), 'equals("say \\"hi\\"", $X)');
  });
});

describe('parseExpression: errors (any error means invalid and not truthful)', () => {
  test('empty expression', () => {
    assert.equal(parseError(''), 'empty expression');
    assert.equal(parseError('   '), 'empty expression');
  });

  test('two values without an operator are unreachable nodes', () => {
    assert.match(parseError('$VAR "text"'), /unreachable nodes/);
  });

  test('missing operands', () => {
    assert.match(parseError('== "123"'), /"==" at position 0 is missing an operand/);
    assert.match(parseError('$VAR =='), /"==" at position 5 is missing an operand/);
    assert.match(parseError('!'), /"!" at position 0 has no operand/);
    assert.match(parseError('$A && ||'), /missing an operand/);
  });

  test('unmatched parentheses', () => {
    for (const text of ['$VAR == (', '$VAR2 == ("aa"', '$VAR2 == ("aa"))', '$VAR2 == "aa")', '(($VAR2 == "aa")', '($VAR2 == "aa"))']) {
      assert.match(parseError(text), /unmatched parenthesis/, text);
    }
  });

  test('unknown lexemes', () => {
    assert.match(parseError('$V1 123 $V2'), /unknown lexeme/);
    assert.match(parseError('12345'), /unknown lexeme/);
    assert.match(parseError('${GITLAB_CI} == "true"'), /unknown lexeme/);
    assert.match(parseError('$INVALID = 1'), /unknown lexeme/);
    assert.match(parseError('"test/url" =~ /test/ur/'), /unknown lexeme/);
  });

  test('single-character regexps are unsupported', () => {
    assert.match(parseError('$VAR =~ /./'), /unknown lexeme/);
  });

  test('invalid regular expressions', () => {
    assert.match(parseError('$VAR =~ / some ( thin/i'), /invalid regular expression/);
  });

  test('too many tokens', () => {
    const chain = (count: number): string => Array.from({ length: count }, (_, index) => `$V${index}`).join(' && ');
    assert.equal(tree(chain(50)).startsWith('and('), true); // 99 tokens
    assert.match(parseError(`${chain(50)} && $LAST`), /too many tokens/);
  });
});

describe('parseExpression: leniencies GitLab shares (its shunting-yard does not check positions)', () => {
  test('empty parentheses contribute nothing', () => {
    assert.equal(tree('$A ()'), '$A');
    assert.match(parseError('()'), /empty expression/);
  });

  test('an operator after both operands is accepted', () => {
    assert.equal(tree('$A $B =='), 'equals($A, $B)');
    assert.equal(tree('$A !'), 'not($A)');
  });
});

describe('parseExpression: cost stays bounded', () => {
  test('10,000-character expressions parse or fail quickly', () => {
    const long = [
      `$A == "${'x'.repeat(10_000)}"`,
      `$A =~ /${'ab'.repeat(5000)}/`,
      `$A =~ /${'\\/'.repeat(5000)}`,
      '('.repeat(10_000),
      `"${'x'.repeat(10_000)}`,
      '$A '.repeat(3400),
      `/${'a\\/'.repeat(3400)}`,
      '!'.repeat(10_000),
    ];
    for (const text of long) {
      const started = performance.now();
      const parsed = parseExpression(text);
      assert.equal(typeof parsed.ok, 'boolean');
      assert.ok(performance.now() - started < 1000, `took too long on ${text.slice(0, 20)}...`);
    }
    assert.equal(parseExpression(long[0] ?? '').ok, true);
    assert.match(parseError(long[3] ?? ''), /too many tokens/);
  });
});
