import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lexExpression, MAX_TOKENS } from './lex-expression.js';

function texts(expression: string): string[] {
  const result = lexExpression(expression);
  assert.ok(result.ok, `expected ${expression} to lex, got ${result.ok ? '' : result.error}`);
  return result.tokens.map((token) => token.text);
}

function kinds(expression: string): string[] {
  const result = lexExpression(expression);
  assert.ok(result.ok);
  return result.tokens.map((token) => token.kind);
}

function lexError(expression: string, maxTokens?: number): string {
  const result = lexExpression(expression, maxTokens);
  assert.equal(result.ok, false, `expected ${expression} not to lex`);
  return result.ok ? '' : result.error;
}

describe('lexExpression: GitLab lexer_spec token splits', () => {
  test('splits patterns, operators and variables', () => {
    assert.deepEqual(texts('$PRESENT_VARIABLE =~ /my var/ && $EMPTY_VARIABLE =~ /nope/'), [
      '$PRESENT_VARIABLE', '=~', '/my var/', '&&', '$EMPTY_VARIABLE', '=~', '/nope/',
    ]);
  });

  test('splits nested parentheses, null, || and an empty string', () => {
    assert.deepEqual(texts('($PRESENT_VARIABLE && (null || $EMPTY_VARIABLE == ""))'), [
      '(', '$PRESENT_VARIABLE', '&&', '(', 'null', '||', '$EMPTY_VARIABLE', '==', '""', ')', ')',
    ]);
  });

  test('ignores surrounding whitespace', () => {
    assert.deepEqual(texts('\t$VARIABLE '), ['$VARIABLE']);
  });

  test('a variable followed by a string yields a variable and a string lexeme', () => {
    assert.deepEqual(kinds('$VAR "text"'), ['variable', 'string']);
  });

  test('operators need no surrounding spaces', () => {
    assert.deepEqual(texts('"foo"=~/foo/'), ['"foo"', '=~', '/foo/']);
    assert.deepEqual(texts('$A!=$B&&!$C||$D!~/x y/'), ['$A', '!=', '$B', '&&', '!', '$C', '||', '$D', '!~', '/x y/']);
  });
});

describe('lexExpression: lexemes', () => {
  test('a variable is $ followed by ASCII word characters only', () => {
    const result = lexExpression('$CI_COMMIT_REF_NAME');
    assert.ok(result.ok);
    assert.deepEqual(result.tokens[0], { kind: 'variable', name: 'CI_COMMIT_REF_NAME', text: '$CI_COMMIT_REF_NAME', start: 0, end: 19 });
    assert.match(lexError('$VAR-NAME'), /unknown lexeme at position 4/);
    assert.match(lexError('${GITLAB_CI} == "true"'), /unknown lexeme at position 0/);
    assert.match(lexError('%GITLAB_CI%'), /unknown lexeme/);
  });

  test('strings take either quote, have no escapes and do not cross newlines', () => {
    const result = lexExpression(`'it"s' "a'b" "$X"`);
    assert.ok(result.ok);
    assert.deepEqual(
      result.tokens.map((token) => (token.kind === 'string' ? token.value : token.kind)),
      ['it"s', "a'b", '$X'],
    );
    assert.match(lexError('"a\\"b" == $X'), /unknown lexeme at position 4: "b/);
    assert.match(lexError('"line\nbreak"'), /unknown lexeme at position 0/);
  });

  test('null needs no word boundary, booleans do', () => {
    assert.deepEqual(texts('nulltrue'), ['null', 'true']);
    assert.deepEqual(kinds('true==false'), ['boolean', 'operator', 'boolean']);
    assert.match(lexError('trueish'), /unknown lexeme at position 0/);
    assert.match(lexError('false_'), /unknown lexeme at position 0/);
  });

  test('input interpolation tokens allow inner spaces and dashes in names', () => {
    const result = lexExpression('$[[ inputs.cloud_provider ]] == $[[inputs.deploy-env]]');
    assert.ok(result.ok);
    assert.deepEqual(
      result.tokens.map((token) => (token.kind === 'input' ? `input:${token.name}` : token.text)),
      ['input:cloud_provider', '==', 'input:deploy-env'],
    );
    assert.match(lexError('$[[ inputs. ]]'), /unknown lexeme/);
    assert.match(lexError('$[[ variables.x ]]'), /unknown lexeme/);
  });

  test('numbers, single = and unknown characters are not lexemes', () => {
    assert.match(lexError('$V1 123 $V2'), /unknown lexeme at position 4: "123 \$V2"/);
    assert.match(lexError('12345'), /unknown lexeme at position 0/);
    assert.match(lexError('$INVALID = 1'), /unknown lexeme at position 9/);
    assert.match(lexError('$V == 1'), /unknown lexeme at position 6/);
  });

  test('non-ASCII whitespace is not skipped', () => {
    assert.match(lexError('$A\u00a0== $B'), /unknown lexeme at position 2/);
  });

  test('an empty or blank expression has no tokens', () => {
    assert.deepEqual(texts(''), []);
    assert.deepEqual(texts(' \t\n'), []);
  });
});

describe('lexExpression: token budget', () => {
  test('max_tokens 3 rejects four variables', () => {
    assert.match(lexError('$V1 $V2 $V3 $V4', 3), /too many tokens/);
  });

  test('at most MAX_TOKENS - 1 tokens are accepted, trailing whitespace included', () => {
    const tokens = (count: number): string => Array.from({ length: count }, (_, index) => `$V${index}`).join(' ');
    assert.equal(MAX_TOKENS, 100);
    const ok = lexExpression(`${tokens(99)}   `);
    assert.ok(ok.ok);
    assert.equal(ok.tokens.length, 99);
    assert.match(lexError(tokens(100)), /too many tokens \(at most 99\)/);
  });
});
