import type { BinaryOperator } from './expression.js';

/**
 * One lexeme found by the lexer. `start`/`end` are UTF-16 offsets into the
 * expression text (end exclusive), kept for error messages.
 */
export type Token =
  | (TokenSpan & { readonly kind: 'variable' | 'input'; readonly name: string })
  | (TokenSpan & { readonly kind: 'string'; readonly value: string })
  | (TokenSpan & { readonly kind: 'boolean'; readonly value: boolean })
  | (TokenSpan & { readonly kind: 'pattern' })
  | (TokenSpan & { readonly kind: 'null' })
  | (TokenSpan & { readonly kind: 'not' })
  | (TokenSpan & { readonly kind: 'parenthesis_open' })
  | (TokenSpan & { readonly kind: 'parenthesis_close' })
  | (TokenSpan & { readonly kind: 'operator'; readonly operator: BinaryOperator });

export interface TokenSpan {
  /** The exact source text of the token. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type TokenKind = Token['kind'];
