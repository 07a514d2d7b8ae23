/**
 * A `/pattern/flags` ref in `only`/`except`, as GitLab's
 * `UntrustedRegexp::RubySyntax` reads it: the text must start with `/` and end
 * with `/` plus flags from `i s m U`; the body between is taken greedily (so
 * inner `/` need no escape) and compiled with RE2, flags prepended as `(?…)`.
 * Anything else is not a regex and the ref is compared literally.
 */
import type { RE2JS } from 're2js';
import { re2 } from '../expression/re2js-package.js';

export interface RefRegex {
  /** RE2 `find` semantics: a match anywhere unless anchored. */
  test(text: string): boolean;
}

/** The compiled regex, or undefined when `text` is not a valid `/re2/` literal. */
export function parseRefRegex(text: string): RefRegex | undefined {
  if (!text.startsWith('/')) return undefined;
  const close = text.lastIndexOf('/');
  if (close < 1) return undefined;
  const flags = text.slice(close + 1);
  for (const flag of flags) if (!'ismU'.includes(flag)) return undefined;
  const body = text.slice(1, close);
  if (body.includes('\n')) return undefined;
  let compiled: RE2JS;
  try {
    compiled = re2().compile(flags === '' ? body : `(?${flags})${body}`);
  } catch {
    return undefined;
  }
  return { test: (subject: string) => compiled.matcher(subject).find() };
}
