import { re2 } from '../expression/re2js-package.js';
import { boundedMemo } from './bounded-memo.js';

/**
 * GitLab's `/pattern/flags` text form of an RE2 regular expression (used by
 * only/except refs and `coverage`): the slashes delimit the pattern, flags
 * are any of `i s m U`, and the pattern must compile under RE2 (no
 * look-around, no back-references).
 */
const RUBY_SYNTAX = /^\/(.*)\/([ismU]*)$/s;

export function looksLikeRegexp(text: string): boolean {
  return RUBY_SYNTAX.test(text);
}

// Memoised: templates hand the same refs to many jobs, and compiling is the
// costly part.
export const isValidRe2Regexp: (text: string) => boolean = boundedMemo(compilesUnderRe2, 10_000);

function compilesUnderRe2(text: string): boolean {
  const match = RUBY_SYNTAX.exec(text);
  if (!match) return false;
  const [, source = '', flags = ''] = match;
  try {
    re2().compile(flags === '' ? source : `(?${flags})${source}`);
    return true;
  } catch {
    return false;
  }
}
