import type { Expression } from './expression.js';
import type { ExpressionValue } from './expression-value.js';
import { truthy } from './expression-value.js';
import { evaluateMatches, evaluateNotMatches } from './match-operators.js';
import { parseExpression } from './parse-expression.js';

export type { ExpressionValue } from './expression-value.js';
export { truthy } from './expression-value.js';

/**
 * Evaluates a parsed expression with GitLab's (Ruby's) semantics:
 * - `$NAME` is the variable's value, or null when it is not defined at all,
 *   so an empty variable differs from an undefined one (`$EMPTY == null` is false);
 * - `==`/`!=` compare values; a boolean equals the string of its spelling;
 * - `&&`/`||` short-circuit on Ruby truthiness (only null and false are falsy,
 *   `""` is not) and return an operand, not a boolean;
 * - `!x` is "x is not present" (blank strings count as absent);
 * - `=~`/`!~` match with RE2, see match-operators.ts.
 * Never throws; pure.
 */
export function evaluateExpression(
  expression: Expression,
  variables: Readonly<Record<string, string>>,
  inputs: Readonly<Record<string, unknown>> = {},
): ExpressionValue {
  const evaluate = (node: Expression): ExpressionValue => {
    switch (node.type) {
      case 'variable':
        return Object.hasOwn(variables, node.name) ? (variables[node.name] ?? null) : null;
      case 'input':
        return Object.hasOwn(inputs, node.name) ? inputToValue(inputs[node.name]) : null;
      case 'string':
        return node.value;
      case 'pattern':
        return node.pattern;
      case 'null':
        return null;
      case 'boolean':
        return node.value;
      case 'not':
        return !truthy(evaluate(node.operand));
      case 'binary':
        switch (node.operator) {
          case 'and': {
            const left = evaluate(node.left);
            return isRubyTruthy(left) ? evaluate(node.right) : left;
          }
          case 'or': {
            const left = evaluate(node.left);
            return isRubyTruthy(left) ? left : evaluate(node.right);
          }
          case 'equals':
            return valuesEqual(evaluate(node.left), evaluate(node.right));
          case 'not_equals':
            return !valuesEqual(evaluate(node.left), evaluate(node.right));
          case 'matches':
            return evaluateMatches(evaluate(node.left), evaluate(node.right));
          case 'not_matches':
            return evaluateNotMatches(evaluate(node.left), evaluate(node.right));
        }
    }
  };
  return evaluate(expression);
}

/**
 * GitLab's `Statement#truthful?`: parse, evaluate, and ask whether the
 * result is present. Text that does not parse is simply not truthful.
 */
export function isTruthful(
  text: string,
  variables: Readonly<Record<string, string>>,
  inputs?: Readonly<Record<string, unknown>>,
): boolean {
  const parsed = parseExpression(text);
  return parsed.ok && truthy(evaluateExpression(parsed.expression, variables, inputs));
}

function isRubyTruthy(value: ExpressionValue): boolean {
  return value !== null && value !== false;
}

function valuesEqual(left: ExpressionValue, right: ExpressionValue): boolean {
  if (typeof left === 'boolean' && typeof right === 'string') return String(left) === right;
  if (typeof left === 'string' && typeof right === 'boolean') return left === String(right);
  if (typeof left === 'object' && left !== null) {
    return typeof right === 'object' && right !== null && left.source === right.source;
  }
  return left === right;
}

/**
 * Inputs are typed YAML values. Strings and booleans keep their meaning;
 * numbers become their decimal text and lists/maps their JSON text, because
 * the value union has no number or collection (GitLab would compare the raw
 * Ruby value, so `1 == "1"` is false there and true here).
 */
function inputToValue(value: unknown): ExpressionValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? null;
}
