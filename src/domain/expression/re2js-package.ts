import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

/**
 * RE2 (the re2js package), loaded the first time a pattern is compiled and
 * kept. Most CI files have no regular expression at all, and loading re2js
 * is a noticeable part of `chatrun exec`'s start-up, so nothing imports it
 * at the top of a module.
 *
 * Why a synchronous `require` on first use rather than preloading it with
 * `await import()`: patterns are compiled from deep inside synchronous code
 * (entry validation, expression parsing, `=~` evaluation, only/except
 * refs), so a preload would have to know beforehand whether any text in a
 * config will turn out to be a pattern — a second parser of every place a
 * pattern may hide, and a crash-free guarantee nobody could check. re2js
 * ships a CommonJS build beside its ES module, so `require` works; every
 * user in chatrun goes through here, so only that one copy is ever loaded.
 * Loading code is not I/O in the sense the domain avoids: no answer
 * depends on the disk's state.
 */
export type Re2 = typeof RE2JS;

let loaded: Re2 | undefined;

export function re2(): Re2 {
  loaded ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS;
  return loaded;
}
