import type { RE2JS } from 're2js';
import { re2 } from './re2js-package.js';
import { isFlag } from './scan-pattern-lexeme.js';

/**
 * A compiled-on-demand RE2 pattern, GitLab's `Gitlab::UntrustedRegexp` built
 * from Ruby-style `/regexp/flags` text. Matching always goes through RE2
 * (re2js): linear time, no look-around or back-references, `(?flags)` inline.
 */
export interface PatternValue {
  readonly kind: 'pattern';
  /** The `/regexp/flags` text after `\/` was unescaped (GitLab's lexeme value). */
  readonly text: string;
  /** The RE2 source: the regexp with its flags prepended as `(?flags)`. */
  readonly source: string;
}

export type BuildPatternResult =
  | { readonly ok: true; readonly pattern: PatternValue }
  | { readonly ok: false; readonly error: string };

/**
 * Builds a pattern from `/regexp/flags` text the way GitLab does for both
 * pattern lexemes and right-hand values of `=~`: every `\/` becomes `/`, the
 * text must then read as a Ruby regexp literal, and the regexp must compile
 * under RE2. Any failure is a value, never an exception.
 */
export function buildPattern(text: string): BuildPatternResult {
  const unescaped = text.replaceAll('\\/', '/');
  const literal = splitRegexpLiteral(unescaped);
  if (literal === undefined) return { ok: false, error: `${describeText(text)} is not a /regexp/flags literal` };
  const source = literal.flags === '' ? literal.regexp : `(?${literal.flags})${literal.regexp}`;
  const compiled = compileRe2(source);
  if (!compiled.ok) return { ok: false, error: `invalid regular expression ${describeText(text)}: ${compiled.error}` };
  return { ok: true, pattern: { kind: 'pattern', text: unescaped, source } };
}

/** Whether RE2 finds the pattern anywhere in `text` (`^`/`$` anchor the whole text unless flag m). */
export function patternFinds(pattern: PatternValue, text: string): boolean {
  const compiled = compileRe2(pattern.source);
  return compiled.ok && compiled.regexp.test(text);
}

type CompileResult = { readonly ok: true; readonly regexp: RE2JS } | { readonly ok: false; readonly error: string };

function compileRe2(source: string): CompileResult {
  try {
    return { ok: true, regexp: re2().compile(source) };
  } catch (error) {
    // re2js reports syntax errors by throwing; keep only its message.
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Ruby's `^/(?<regexp>.*)/(?<flags>[ismU]*)$`: `^`/`$` are line anchors and
 * `.` stops at newlines, so the first line that reads as a literal wins; the
 * greedy `.*` makes the last slash before the flags the closing one.
 */
function splitRegexpLiteral(text: string): { regexp: string; flags: string } | undefined {
  let lineStart = 0;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (text.charCodeAt(lineStart) === 0x2f) {
      let flagsStart = lineEnd;
      while (flagsStart - 1 > lineStart && isFlag(text.charCodeAt(flagsStart - 1))) flagsStart--;
      const closing = flagsStart - 1;
      if (closing > lineStart && text.charCodeAt(closing) === 0x2f) {
        return { regexp: text.slice(lineStart + 1, closing), flags: text.slice(flagsStart, lineEnd) };
      }
    }
    if (newline < 0) return undefined;
    lineStart = newline + 1;
  }
}

function describeText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
