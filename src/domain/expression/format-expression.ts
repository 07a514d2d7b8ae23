import type { Expression } from './expression.js';
import { OPERATOR_SYMBOL, PRECEDENCE } from './expression.js';
import { spellValue } from './value-spelling.js';

/**
 * Writes a tree back as expression source that parses to the same tree,
 * with only the parentheses GitLab's precedence rules require: operators are
 * left-associative, so a right operand of equal precedence is parenthesised,
 * and `!` binds tightest, so a binary operand of `!` is.
 * A string holding both quote characters cannot be written (GitLab strings
 * have no escapes) and no parsed tree contains one.
 */
export function formatExpression(expression: Expression): string {
  switch (expression.type) {
    case 'string':
      return expression.value.includes('"') ? `'${expression.value}'` : `"${expression.value}"`;
    case 'not':
      return `!${wrap(expression.operand, bindingOf(expression.operand) > PRECEDENCE.not)}`;
    case 'binary': {
      const own = PRECEDENCE[expression.operator];
      const left = wrap(expression.left, bindingOf(expression.left) > own);
      const right = wrap(expression.right, bindingOf(expression.right) >= own);
      return `${left} ${OPERATOR_SYMBOL[expression.operator]} ${right}`;
    }
    default:
      return spellValue(expression);
  }
}

function bindingOf(expression: Expression): number {
  if (expression.type === 'binary') return PRECEDENCE[expression.operator];
  if (expression.type === 'not') return PRECEDENCE.not;
  return 0;
}

function wrap(expression: Expression, parenthesise: boolean): string {
  const text = formatExpression(expression);
  return parenthesise ? `(${text})` : text;
}
