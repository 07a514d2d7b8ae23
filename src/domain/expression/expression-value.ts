import type { PatternValue } from './regexp-pattern.js';

/**
 * What an expression evaluates to, mirroring the Ruby values GitLab's
 * evaluator produces: a string (variable value or literal), null (undefined
 * variable, `null`), a boolean (comparisons, `!`, `true`/`false`) or a
 * pattern (a `/regex/` lexeme evaluated on its own). `&&`/`||` return one of
 * their operands, so any of these can be the result of a whole expression.
 */
export type ExpressionValue = string | null | boolean | PatternValue;

/**
 * Rails' `present?`, GitLab's final decision (`Statement#truthful?`) and the
 * meaning of `!`: null, false, the empty string and whitespace-only strings
 * are not present; `"false"`, `"0"`, true and any pattern are.
 */
export function truthy(value: ExpressionValue): boolean {
  if (value === null || typeof value === 'boolean') return value === true;
  if (typeof value === 'string') return !isBlank(value);
  return true;
}

/** Ruby's `to_s` of a value, used where GitLab matches text against a pattern. */
export function valueToText(value: ExpressionValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return value.text;
}

/** Rails' `String#blank?`: empty or only Unicode White_Space characters. */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (!WHITE_SPACE.has(text.charCodeAt(index))) return false;
  }
  return true;
}

// Ruby's [[:space:]] on UTF-8 strings is the Unicode White_Space property.
const WHITE_SPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
