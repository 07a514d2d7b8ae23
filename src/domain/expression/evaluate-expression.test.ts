import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpression, isTruthful, truthy } from './evaluate-expression.js';
import type { ExpressionValue } from './evaluate-expression.js';
import { parseExpression } from './parse-expression.js';
import { loadSharedConformance } from '../../../test/support/shared-conformance.js';

interface ConformanceCase {
  readonly expr: string;
  readonly vars: string;
  readonly evaluate?: string | boolean | null;
  readonly truthful: boolean;
}
interface Conformance {
  readonly variable_sets: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly cases: readonly ConformanceCase[];
}

const vectors = loadSharedConformance('rules-expressions');
const conformance: Conformance | undefined = vectors.found ? (vectors.json as Conformance) : undefined;

/** Splits a conformance variable set into plain variables and the `inputs` map. */
function variableSet(name: string): { variables: Record<string, string>; inputs: Record<string, unknown> } {
  const set = conformance?.variable_sets[name] ?? {};
  const variables: Record<string, string> = {};
  let inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) {
    if (key === 'inputs' && typeof value === 'object' && value !== null) inputs = value as Record<string, unknown>;
    else if (typeof value === 'string') variables[key] = value;
  }
  return { variables, inputs };
}

function evaluate(text: string, variables: Record<string, string> = {}, inputs?: Record<string, unknown>): ExpressionValue {
  const parsed = parseExpression(text);
  assert.ok(parsed.ok, `expected ${text} to parse, got ${parsed.ok ? '' : parsed.error}`);
  return evaluateExpression(parsed.expression, variables, inputs);
}

describe('conformance: rules-expressions.json (GitLab statement_spec)', { skip: vectors.found ? false : vectors.skip }, () => {
  test('holds 117 cases', () => {
    assert.equal(conformance?.cases.length, 117);
  });
  (conformance?.cases ?? []).forEach((entry, index) => {
    test(`#${index + 1} [${entry.vars}] ${entry.expr}`, () => {
      const { variables, inputs } = variableSet(entry.vars);
      if (entry.evaluate !== undefined) assert.deepEqual(evaluate(entry.expr, variables, inputs), entry.evaluate);
      assert.equal(isTruthful(entry.expr, variables, inputs), entry.truthful);
    });
  });
});

describe('evaluateExpression: null, undefined and empty', () => {
  const variables = { EMPTY: '', BLANK: '  ', PRESENT: 'x', FALSE: 'false', ZERO: '0' };

  test('undefined is null, empty is the empty string', () => {
    assert.equal(evaluate('$UNDEFINED', variables), null);
    assert.equal(evaluate('$EMPTY', variables), '');
    assert.equal(evaluate('$EMPTY == null', variables), false);
    assert.equal(evaluate('$UNDEFINED == null', variables), true);
  });

  test('&& and || follow Ruby truthiness and return an operand', () => {
    assert.equal(evaluate('$EMPTY || $PRESENT', variables), '');
    assert.equal(isTruthful('$EMPTY || $PRESENT', variables), false);
    assert.equal(evaluate('$UNDEFINED || $PRESENT', variables), 'x');
    assert.equal(evaluate('false || $PRESENT', variables), 'x');
  });

  test('whitespace-only values are not present, "false" and "0" are', () => {
    assert.equal(isTruthful('$BLANK', variables), false);
    assert.equal(isTruthful('"\u00a0\u3000"', variables), false);
    assert.equal(isTruthful('$FALSE', variables), true);
    assert.equal(isTruthful('$ZERO', variables), true);
  });

  test('variables are looked up as own properties only', () => {
    assert.equal(evaluate('$constructor'), null);
    assert.equal(evaluate('$__proto__ == null'), true);
  });

  test('booleans equal their spelling as strings', () => {
    assert.equal(evaluate('true == "true"'), true);
    assert.equal(evaluate('$FALSE == false', variables), true);
    assert.equal(evaluate('true == null'), false);
    assert.equal(evaluate('true'), true);
    assert.equal(isTruthful('false', {}), false);
  });

  test('a pattern on its own is present, and patterns equal by source', () => {
    assert.equal(isTruthful('/ab/', {}), true);
    assert.equal(evaluate('/ab/i == /ab/i'), true);
    assert.equal(evaluate('/ab/ == "ab"'), false);
  });

  test('unparseable text is not truthful', () => {
    assert.equal(isTruthful('$PRESENT ==', variables), false);
    assert.equal(isTruthful('', variables), false);
  });
});

describe('evaluateExpression: inputs', () => {
  test('$[[ inputs.x ]] reads the inputs map, missing inputs are null', () => {
    const inputs = { env: 'production', flag: true, count: 3, list: ['a'] };
    assert.equal(evaluate('$[[ inputs.env ]]', {}, inputs), 'production');
    assert.equal(evaluate('$[[ inputs.missing ]]', {}, inputs), null);
    assert.equal(evaluate('$[[ inputs.env ]]', {}), null);
    assert.equal(evaluate('$[[ inputs.flag ]] == true', {}, inputs), true);
    assert.equal(evaluate('$[[ inputs.count ]] == "3"', {}, inputs), true);
    assert.equal(evaluate('$[[ inputs.list ]]', {}, inputs), '["a"]');
  });

  test('inputs and variables are separate namespaces', () => {
    assert.equal(evaluate('$env', { env: 'staging' }, { env: 'production' }), 'staging');
  });
});

describe('GitLab docs (job_rules.md)', () => {
  test('"23" =~ "1234" is a substring test, "23" =~ /1234/ a regexp', () => {
    assert.equal(isTruthful('"23" =~ "1234"', {}), true);
    assert.equal(isTruthful('"23" =~ /1234/', {}), false);
  });

  test('a variable holding /regexp/ on the right of =~ is a regexp', () => {
    assert.equal(isTruthful('$teststring =~ $pattern', { pattern: '/^ab.*/', teststring: 'abcde' }), true);
    assert.equal(isTruthful('$teststring =~ $pattern', { pattern: '/^ab.*/', teststring: 'fghij' }), false);
  });

  test('variables inside a regexp variable are not expanded', () => {
    assert.equal(isTruthful('$string1 =~ $pattern', { pattern: '/$string2/', string1: 'abc', string2: 'abc' }), false);
  });
});

describe('gitlab-ci-local cases consistent with GitLab', () => {
  const cases: readonly (readonly [string, Record<string, string>, boolean])[] = [
    ["$GITLAB_CI == 'false'", { GITLAB_CI: 'false' }, true],
    ['$CI_COMMIT_TAG =~ /^v\\d+.\\d+.\\d+/', {}, false],
    ['$CI_COMMIT_TAG !~ /^v\\d+.\\d+.\\d+/', {}, true],
    ['$VAR', { VAR: 'set-value' }, true],
    ['$VAR', {}, false],
    ['$VAR', { VAR: '' }, false],
    ['$VAR != null', { VAR: '' }, true],
    ['$VAR != null', {}, false],
    ['$VAR =~ /testvalue/i', { VAR: 'testvalue' }, true],
    ['true && $VAR =~ /123/', {}, false],
    ['$VAR1 && $VAR2', { VAR1: 'val', VAR2: '' }, false],
    ['$VAR1 || $VAR2', { VAR1: 'val', VAR2: '' }, true],
    ['$VAR1 || $VAR2', { VAR1: '', VAR2: '' }, false],
    ['$VAR1 && ($VAR2 || $VAR3)', { VAR1: 'val', VAR2: 'val', VAR3: '' }, true],
    ['$VAR1 && ($VAR2 || $VAR3)', { VAR1: 'val', VAR2: '', VAR3: '' }, false],
    ['$TAG =~ $TAG_REGEX', { TAG: 'prefix/1.0.0', TAG_REGEX: '/^prefix\\/.+/' }, true],
    ['$CI_COMMIT_BRANCH =~ /$BRANCHNAME/', { CI_COMMIT_BRANCH: 'main', BRANCHNAME: 'main' }, false],
    ['$CI_COMMIT_REF_NAME =~ /^(develop$|release\\/.*|master$)/', { CI_COMMIT_REF_NAME: 'develop' }, true],
    ['$CI_COMMIT_REF_NAME =~ $PROD_REF', { CI_COMMIT_REF_NAME: 'main', PROD_REF: '/^(master|main)$/' }, true],
    ['"Hello World" =~ /Hello (?i)world/', {}, true],
    ['"1.11" =~ /^([[:digit:]]+(.[[:digit:]]+)*|latest)$/', {}, true],
    ['"foo"=~/foo/', {}, true],
    ['"test/url" =~ /test/ur/', {}, false],
    ['"test/url" =~ "/test/ur/"', {}, true],
  ];
  for (const [expression, variables, expected] of cases) {
    test(`${expression} with ${JSON.stringify(variables)} -> ${expected}`, () => {
      assert.equal(isTruthful(expression, variables), expected);
    });
  }

  test('"test/url" =~ /test/ur/ is a syntax error, not merely false', () => {
    assert.equal(parseExpression('"test/url" =~ /test/ur/').ok, false);
  });
});

describe('truthy', () => {
  test('is Rails present?', () => {
    assert.deepEqual([null, false, true, '', ' \t\n', 'false', '0'].map(truthy), [false, false, true, false, false, true, true]);
    assert.equal(truthy({ kind: 'pattern', text: '/a/', source: 'a' }), true);
  });
});
