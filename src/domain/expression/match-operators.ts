import type { ExpressionValue } from './expression-value.js';
import { valueToText } from './expression-value.js';
import type { PatternValue } from './regexp-pattern.js';
import { buildPattern, patternFinds } from './regexp-pattern.js';

/**
 * `=~` on two evaluated operands, as GitLab's `Matches` lexeme computes it.
 * A null or false right side never matches. Any other right side becomes a
 * pattern if its text reads as a valid `/regexp/flags` (so a variable holding
 * `/^ab.*\/` works; `$VARS` inside it are never expanded); if it does not, the
 * right side stays text and the test degrades to "the left text occurs inside
 * the right text" (`"23" =~ "1234"` is true). The left side is used as text,
 * null as the empty string.
 */
export function evaluateMatches(left: ExpressionValue, right: ExpressionValue): boolean {
  if (right === null || right === false) return false;
  return scanFinds(left, right);
}

/** `!~`: true for a null or false right side, otherwise the negation of `=~`. */
export function evaluateNotMatches(left: ExpressionValue, right: ExpressionValue): boolean {
  if (right === null || right === false) return true;
  return !scanFinds(left, right);
}

/**
 * GitLab's `Pattern.build_and_evaluate`: a pattern stays a pattern, text that
 * builds into a valid pattern becomes one, anything else is returned as text.
 * (`true` on the right is used as the text "true"; GitLab itself crashes there.)
 */
export function toPatternOrText(value: Exclude<ExpressionValue, null>): PatternValue | string {
  if (typeof value === 'object') return value;
  const text = String(value);
  const built = buildPattern(text);
  return built.ok ? built.pattern : text;
}

function scanFinds(left: ExpressionValue, right: Exclude<ExpressionValue, null>): boolean {
  const text = valueToText(left);
  const pattern = toPatternOrText(right);
  // Ruby's String#scan with a string argument: substring occurrences, and the
  // empty string occurs everywhere.
  if (typeof pattern === 'string') return pattern.includes(text);
  return patternFinds(pattern, text);
}
