import type { PatternValue } from './regexp-pattern.js';

/**
 * The parse tree of a `rules:if` / `only:variables` expression. Node and
 * operator names are GitLab's lexeme names (`equals`, `not_matches`, …) so
 * that a described tree reads exactly like GitLab's own `Parser#tree.inspect`.
 * Plain immutable data: safe to share, compare by description, or cache.
 */
export type Expression = ValueNode | NotNode | BinaryNode;

export type ValueNode =
  | { readonly type: 'variable'; readonly name: string }
  | { readonly type: 'input'; readonly name: string }
  | { readonly type: 'string'; readonly value: string }
  | {
      readonly type: 'pattern';
      /** The token exactly as written, `\/` escapes included (what formatting writes back). */
      readonly literal: string;
      readonly pattern: PatternValue;
    }
  | { readonly type: 'null' }
  | { readonly type: 'boolean'; readonly value: boolean };

export interface NotNode {
  readonly type: 'not';
  readonly operand: Expression;
}

export type BinaryOperator = 'equals' | 'not_equals' | 'matches' | 'not_matches' | 'and' | 'or';

export interface BinaryNode {
  readonly type: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/**
 * GitLab's operator precedences: a lower number binds tighter. Parentheses
 * sit far above every operator so that no operator ever pops them.
 */
export const PRECEDENCE = {
  not: 1,
  equals: 10,
  not_equals: 10,
  matches: 10,
  not_matches: 10,
  and: 11,
  or: 12,
  parenthesis_close: 900,
  parenthesis_open: 901,
} as const;

/** The source spelling of each binary operator. */
export const OPERATOR_SYMBOL: Readonly<Record<BinaryOperator, string>> = {
  equals: '==',
  not_equals: '!=',
  matches: '=~',
  not_matches: '!~',
  and: '&&',
  or: '||',
};
