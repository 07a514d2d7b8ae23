import type { Expression } from './expression.js';
import { spellValue } from './value-spelling.js';

/**
 * Renders a tree in GitLab's `Parser#tree.inspect` notation, e.g.
 * `or($VAR1, and(equals($VAR2, "b"), not($VAR3)))`. Useful in error reports
 * and for comparing trees; it is not expression source (see formatExpression).
 * Patterns are shown as written.
 */
export function describeExpression(expression: Expression): string {
  switch (expression.type) {
    case 'string':
      return inspectString(expression.value);
    case 'not':
      return `not(${describeExpression(expression.operand)})`;
    case 'binary':
      return `${expression.operator}(${describeExpression(expression.left)}, ${describeExpression(expression.right)})`;
    default:
      return spellValue(expression);
  }
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\f': '\\f',
  '\v': '\\v',
  '\x07': '\\a',
  '\b': '\\b',
  '\x1b': '\\e',
};

/** Ruby's `String#inspect` for the characters a one-line string literal can hold. */
function inspectString(value: string): string {
  let out = '"';
  for (let index = 0; index < value.length; index++) {
    const character = value.charAt(index);
    const code = value.charCodeAt(index);
    const named = NAMED_ESCAPES[character];
    if (named !== undefined) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (character === '#' && '{$@'.includes(value.charAt(index + 1)) && index + 1 < value.length) out += '\\#';
    else out += character;
  }
  return `${out}"`;
}
