import type { BinaryOperator } from './expression.js';
import { scanPatternLexeme } from './scan-pattern-lexeme.js';
import type { Token } from './token.js';

/**
 * GitLab's token budget: the lexer loop runs at most this many times and
 * fails if the input is not exhausted by then, so an expression holds at most
 * MAX_TOKENS - 1 tokens. It also bounds the work any expression can cause.
 */
export const MAX_TOKENS = 100;

export type LexResult =
  | { readonly ok: true; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly error: string; readonly position: number };

/**
 * Splits an expression into GitLab's lexemes. At each position (after ASCII
 * whitespace) the lexemes are tried in GitLab's order and the first that
 * matches wins; nothing matching is an error. Patterns are only delimited
 * here: whether they compile is the parser's concern, as in GitLab.
 */
export function lexExpression(text: string, maxTokens: number = MAX_TOKENS): LexResult {
  const tokens: Token[] = [];
  let position = 0;
  for (let round = 0; round < maxTokens; round++) {
    while (position < text.length && isRubySpace(text.charCodeAt(position))) position++;
    if (position >= text.length) return { ok: true, tokens };
    const token = scanToken(text, position);
    if (token === undefined) {
      return { ok: false, error: `unknown lexeme at position ${position}: ${excerpt(text, position)}`, position };
    }
    tokens.push(token);
    position = token.end;
  }
  return { ok: false, error: `too many tokens (at most ${maxTokens - 1})`, position };
}

/** Operators in GitLab's order; `!` comes last so that `!=` and `!~` win. */
const OPERATOR_LEXEMES: readonly (readonly [string, BinaryOperator | 'not'])[] = [
  ['==', 'equals'],
  ['=~', 'matches'],
  ['!=', 'not_equals'],
  ['!~', 'not_matches'],
  ['&&', 'and'],
  ['||', 'or'],
  ['!', 'not'],
];

function scanToken(text: string, start: number): Token | undefined {
  const first = text[start];
  if (first === '(') return { kind: 'parenthesis_open', text: '(', start, end: start + 1 };
  if (first === ')') return { kind: 'parenthesis_close', text: ')', start, end: start + 1 };
  const value = scanInput(text, start) ?? scanVariable(text, start) ?? scanString(text, start) ?? scanPattern(text, start);
  if (value !== undefined) return value;
  if (text.startsWith('null', start)) return { kind: 'null', text: 'null', start, end: start + 4 };
  const boolean = scanBoolean(text, start);
  if (boolean !== undefined) return boolean;
  for (const [symbol, operator] of OPERATOR_LEXEMES) {
    if (!text.startsWith(symbol, start)) continue;
    const span = { text: symbol, start, end: start + symbol.length };
    return operator === 'not' ? { kind: 'not', ...span } : { kind: 'operator', operator, ...span };
  }
  return undefined;
}

/** `$[[ inputs.NAME ]]`, NAME of word characters and dashes, spaces optional inside the brackets. */
function scanInput(text: string, start: number): Token | undefined {
  if (!text.startsWith('$[[', start)) return undefined;
  let position = skipSpaces(text, start + 3);
  if (!text.startsWith('inputs.', position)) return undefined;
  position += 'inputs.'.length;
  const nameStart = position;
  while (position < text.length && (isWordChar(text.charCodeAt(position)) || text[position] === '-')) position++;
  if (position === nameStart) return undefined;
  const name = text.slice(nameStart, position);
  position = skipSpaces(text, position);
  if (!text.startsWith(']]', position)) return undefined;
  const end = position + 2;
  return { kind: 'input', name, text: text.slice(start, end), start, end };
}

/** `$NAME` only: `${NAME}` and `%NAME%` are not lexemes. */
function scanVariable(text: string, start: number): Token | undefined {
  if (text[start] !== '$') return undefined;
  let end = start + 1;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  if (end === start + 1) return undefined;
  return { kind: 'variable', name: text.slice(start + 1, end), text: text.slice(start, end), start, end };
}

/** `"…"` or `'…'` up to the next same quote on the same line; no escape sequences. */
function scanString(text: string, start: number): Token | undefined {
  const quote = text[start];
  if (quote !== '"' && quote !== "'") return undefined;
  for (let end = start + 1; end < text.length; end++) {
    const character = text[end];
    if (character === '\n') return undefined;
    if (character === quote) {
      return { kind: 'string', value: text.slice(start + 1, end), text: text.slice(start, end + 1), start, end: end + 1 };
    }
  }
  return undefined;
}

function scanPattern(text: string, start: number): Token | undefined {
  const end = scanPatternLexeme(text, start);
  if (end < 0) return undefined;
  return { kind: 'pattern', text: text.slice(start, end), start, end };
}

/** `true` / `false` as whole words (`trueish` is not a boolean). */
function scanBoolean(text: string, start: number): Token | undefined {
  for (const word of ['true', 'false'] as const) {
    const end = start + word.length;
    if (text.startsWith(word, start) && !(end < text.length && isWordChar(text.charCodeAt(end)))) {
      return { kind: 'boolean', value: word === 'true', text: word, start, end };
    }
  }
  return undefined;
}

function skipSpaces(text: string, position: number): number {
  while (position < text.length && isRubySpace(text.charCodeAt(position))) position++;
  return position;
}

/** Ruby's `\s`: ASCII space, tab, newline, vertical tab, form feed, carriage return. */
function isRubySpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Ruby's `\w`: ASCII letters, digits and underscore. */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f
  );
}

function excerpt(text: string, position: number): string {
  const rest = text.slice(position, position + 20);
  return JSON.stringify(position + 20 < text.length ? `${rest}...` : rest);
}
