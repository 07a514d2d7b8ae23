/**
 * Path globs as GitLab matches them for `rules:exists`, `rules:changes` and
 * `only/except:changes`: Ruby's `File.fnmatch?` with PATHNAME | DOTMATCH |
 * EXTGLOB. That means:
 * - `*` and `?` never cross `/`, and do match a leading `.` (DOTMATCH);
 * - `**` followed by `/` matches zero or more whole directories; anywhere
 *   else it is just `*` (so `docs/**` matches `docs/a` but not `docs/a/b`);
 * - `[abc]`, `[a-z]`, `[!x]` / `[^x]` match one character; an unterminated
 *   `[` matches nothing;
 * - `{a,b}` alternatives, nested allowed; an unbalanced `{` matches nothing;
 * - `\` makes the next character literal; matching is case-sensitive and
 *   must cover the whole path.
 * The algorithm follows Ruby's (file.c): one backtracking point per `*`
 * within a segment and one per `**` + `/` across segments, so it stays linear-ish
 * on hostile patterns.
 */

/** How many `{…}` alternatives one pattern may expand to before we stop. */
const MAX_BRACE_EXPANSIONS = 4096;

export type PathMatcher = (path: string) => boolean;

export function compileGlob(pattern: string): PathMatcher {
  const expanded = expandBraces(pattern);
  const literals = new Set<string>();
  const globs: string[][] = [];
  for (const alternative of expanded) {
    if (hasWildcard(alternative)) globs.push(Array.from(alternative));
    else literals.add(alternative);
  }
  return (path: string): boolean => {
    if (literals.has(path)) return true;
    if (globs.length === 0) return false;
    const subject = Array.from(path);
    return globs.some((glob) => matchPath(glob, subject));
  };
}

export function globMatch(pattern: string, path: string): boolean {
  return compileGlob(pattern)(path);
}

function hasWildcard(pattern: string): boolean {
  for (const c of pattern) if (c === '*' || c === '?' || c === '[' || c === '\\') return true;
  return false;
}

/** Ruby's `ruby_brace_expand`: first balanced `{…}`, split on top-level commas, recurse. */
export function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  expandInto(pattern, out);
  return out;
}

function expandInto(pattern: string, out: string[]): void {
  if (out.length >= MAX_BRACE_EXPANSIONS) return;
  let lbrace = -1;
  let rbrace = -1;
  let nest = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{' && nest++ === 0) lbrace = i;
    if (c === '}' && lbrace >= 0 && --nest === 0) {
      rbrace = i;
      break;
    }
    if (c === '\\') i++;
  }
  if (lbrace < 0 && rbrace < 0) {
    out.push(pattern);
    return;
  }
  if (lbrace < 0 || rbrace < 0) return;
  const head = pattern.slice(0, lbrace);
  const tail = pattern.slice(rbrace + 1);
  let p = lbrace;
  while (p < rbrace) {
    const start = ++p;
    nest = 0;
    while (p < rbrace && !(pattern[p] === ',' && nest === 0)) {
      const c = pattern[p];
      if (c === '{') nest++;
      if (c === '}') nest--;
      if (c === '\\' && ++p === rbrace) break;
      p++;
    }
    expandInto(head + pattern.slice(start, p) + tail, out);
    if (out.length >= MAX_BRACE_EXPANSIONS) return;
  }
}

type Chars = readonly string[];

function isEnd(chars: Chars, i: number): boolean {
  return i >= chars.length || chars[i] === '/';
}

function unescape(pattern: Chars, i: number): number {
  return pattern[i] === '\\' ? i + 1 : i;
}

function matchPath(pattern: Chars, path: Chars): boolean {
  let p = 0;
  let s = 0;
  let recursePattern = -1;
  let recursePath = -1;
  for (;;) {
    if (pattern[p] === '*' && pattern[p + 1] === '*' && pattern[p + 2] === '/') {
      do p += 3;
      while (pattern[p] === '*' && pattern[p + 1] === '*' && pattern[p + 2] === '/');
      recursePattern = p;
      recursePath = s;
    }
    const matched = matchSegment(pattern, p, path, s);
    if (matched !== undefined) {
      p = matched.p;
      s = matched.s;
      while (s < path.length && path[s] !== '/') s++;
      if (p < pattern.length && s < path.length) {
        p++;
        s++;
        continue;
      }
      if (p >= pattern.length && s >= path.length) return true;
    }
    if (recursePattern >= 0) {
      let next = recursePath;
      while (next < path.length && path[next] !== '/') next++;
      if (next < path.length) {
        p = recursePattern;
        recursePath = next + 1;
        s = recursePath;
        continue;
      }
    }
    return false;
  }
}

/** One path segment; on success, where pattern and path stopped. */
function matchSegment(pattern: Chars, pStart: number, path: Chars, sStart: number): { p: number; s: number } | undefined {
  let p = pStart;
  let s = sStart;
  let starPattern = -1;
  let starPath = -1;
  for (;;) {
    const c = pattern[p];
    if (c === '*') {
      do p++;
      while (pattern[p] === '*');
      const after = unescape(pattern, p);
      if (isEnd(pattern, after)) return { p: after, s };
      if (isEnd(path, s)) return undefined;
      starPattern = p;
      starPath = s;
      continue;
    }
    let advanced = false;
    if (c === '?') {
      if (isEnd(path, s)) return undefined;
      p++;
      s++;
      continue;
    } else if (c === '[') {
      if (isEnd(path, s)) return undefined;
      const after = matchBracket(pattern, p + 1, path[s] ?? '');
      if (after !== undefined) {
        p = after;
        s++;
        advanced = true;
      }
    } else {
      const literal = unescape(pattern, p);
      if (isEnd(path, s)) return isEnd(pattern, literal) ? { p: literal, s } : undefined;
      if (!isEnd(pattern, literal) && pattern[literal] === path[s]) {
        p = literal + 1;
        s++;
        advanced = true;
      }
    }
    if (advanced) continue;
    if (starPattern < 0) return undefined;
    p = starPattern;
    s = ++starPath;
  }
}

/** `[…]` against one character; the index after `]`, or undefined (no match or malformed). */
function matchBracket(pattern: Chars, start: number, ch: string): number | undefined {
  let p = start;
  let negate = false;
  if (pattern[p] === '!' || pattern[p] === '^') {
    negate = true;
    p++;
  }
  let ok = false;
  while (pattern[p] !== ']') {
    let first = p;
    if (pattern[first] === '\\') first++;
    const low = pattern[first];
    if (low === undefined) return undefined;
    p = first + 1;
    if (p >= pattern.length) return undefined;
    if (pattern[p] === '-' && pattern[p + 1] !== ']') {
      let second = p + 1;
      if (pattern[second] === '\\') second++;
      const high = pattern[second];
      if (high === undefined) return undefined;
      p = second + 1;
      if (!ok && codePoint(low) <= codePoint(ch) && codePoint(ch) <= codePoint(high)) ok = true;
      continue;
    }
    if (!ok && low === ch) ok = true;
  }
  return ok === negate ? undefined : p + 1;
}

function codePoint(c: string): number {
  return c.codePointAt(0) ?? 0;
}
