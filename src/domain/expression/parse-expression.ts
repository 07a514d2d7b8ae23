import type { Expression, ValueNode } from './expression.js';
import { OPERATOR_SYMBOL, PRECEDENCE } from './expression.js';
import { lexExpression } from './lex-expression.js';
import { buildPattern } from './regexp-pattern.js';
import type { Token } from './token.js';

export type { Expression } from './expression.js';

export type ParseExpressionResult =
  | { readonly ok: true; readonly expression: Expression }
  | { readonly ok: false; readonly error: string };

/**
 * Parses `rules:if` text exactly as GitLab does: lex, reorder the tokens to
 * reverse Polish notation with GitLab's shunting-yard (a binary operator pops
 * every stacked operator whose precedence number is not higher than its own;
 * `!` and `(` are pushed without popping), then fold the RPN into a tree.
 * Accepting precisely what GitLab accepts includes its leniencies, e.g. `()`
 * contributes nothing. `ok: true` is GitLab's `Statement#valid?`.
 */
export function parseExpression(text: string): ParseExpressionResult {
  const lexed = lexExpression(text);
  if (!lexed.ok) return { ok: false, error: lexed.error };
  if (lexed.tokens.length === 0) return { ok: false, error: 'empty expression' };
  const rpn = toReversePolish(lexed.tokens);
  if (!rpn.ok) return rpn;
  return buildTree(rpn.tokens);
}

type StackToken = Exclude<Token, { kind: 'parenthesis_close' }>;
type RpnResult = { readonly ok: true; readonly tokens: readonly StackToken[] } | { readonly ok: false; readonly error: string };

function toReversePolish(tokens: readonly Token[]): RpnResult {
  const output: StackToken[] = [];
  const operators: StackToken[] = [];
  const popWhile = (precedence: number): void => {
    for (let top = operators.at(-1); top !== undefined && precedence >= precedenceOf(top); top = operators.at(-1)) {
      output.push(top);
      operators.pop();
    }
  };
  for (const token of tokens) {
    switch (token.kind) {
      case 'operator':
        popWhile(PRECEDENCE[token.operator]);
        operators.push(token);
        break;
      case 'not':
      case 'parenthesis_open':
        operators.push(token);
        break;
      case 'parenthesis_close':
        popWhile(PRECEDENCE.parenthesis_close);
        if (operators.length === 0) return { ok: false, error: `unmatched parenthesis at position ${token.start}` };
        operators.pop();
        break;
      default:
        output.push(token);
    }
  }
  return { ok: true, tokens: output.concat(operators.reverse()) };
}

function precedenceOf(token: StackToken): number {
  if (token.kind === 'operator') return PRECEDENCE[token.operator];
  if (token.kind === 'not' || token.kind === 'parenthesis_open') return PRECEDENCE[token.kind];
  return 0;
}

function buildTree(rpn: readonly StackToken[]): ParseExpressionResult {
  const results: Expression[] = [];
  for (const token of rpn) {
    switch (token.kind) {
      case 'parenthesis_open':
        return { ok: false, error: `unmatched parenthesis: "(" at position ${token.start} is never closed` };
      case 'not': {
        const operand = results.pop();
        if (operand === undefined) return { ok: false, error: `"!" at position ${token.start} has no operand` };
        results.push({ type: 'not', operand });
        break;
      }
      case 'operator': {
        const right = results.pop();
        const left = results.pop();
        if (left === undefined || right === undefined) {
          const symbol = OPERATOR_SYMBOL[token.operator];
          return { ok: false, error: `"${symbol}" at position ${token.start} is missing an operand` };
        }
        results.push({ type: 'binary', operator: token.operator, left, right });
        break;
      }
      default: {
        const leaf = buildLeaf(token);
        if (!leaf.ok) return leaf;
        results.push(leaf.expression);
      }
    }
  }
  if (results.length > 1) return { ok: false, error: 'unreachable nodes in parse tree: values without an operator between them' };
  const [tree] = results;
  if (tree === undefined) return { ok: false, error: 'empty expression' };
  return { ok: true, expression: tree };
}

type LeafToken = Extract<StackToken, { kind: 'variable' | 'input' | 'string' | 'pattern' | 'null' | 'boolean' }>;

function buildLeaf(token: LeafToken): { readonly ok: true; readonly expression: ValueNode } | { readonly ok: false; readonly error: string } {
  switch (token.kind) {
    case 'variable':
    case 'input':
      return { ok: true, expression: { type: token.kind, name: token.name } };
    case 'string':
      return { ok: true, expression: { type: 'string', value: token.value } };
    case 'boolean':
      return { ok: true, expression: { type: 'boolean', value: token.value } };
    case 'null':
      return { ok: true, expression: { type: 'null' } };
    case 'pattern': {
      const built = buildPattern(token.text);
      if (!built.ok) return built;
      return { ok: true, expression: { type: 'pattern', literal: token.text, pattern: built.pattern } };
    }
  }
}
