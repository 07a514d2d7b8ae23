import { parseExpression } from '../expression/parse-expression.js';
import { boundedMemo } from './bounded-memo.js';

/**
 * Whether a `rules:if` / `only:variables` text is a valid expression
 * (GitLab's `Statement#valid?`). Loading only needs the yes/no; the
 * pipeline parses again when it evaluates. Memoised because one template's
 * rules are checked once for every job that extends it.
 */
export const isValidExpressionSyntax: (text: string) => boolean = boundedMemo((text) => parseExpression(text).ok, 10_000);
