/**
 * Where a `/regex/flags` lexeme starting at `start` ends, or -1 if none does.
 *
 * GitLab recognises the lexeme with the backtracking Ruby regexp
 * `^/([^/]|\\/)+[^\\]/[ismU]*`: at least two characters between the slashes,
 * the last of them not a backslash, inner slashes only as `\/`, and a run of
 * `i s m U` flags. Backtracking picks the *deepest* body the input allows,
 * which is why `/a//` is one token while `/a/ == "b/"` stops at the second
 * slash. Rather than use a (JavaScript) regexp we replay that search as a
 * right-to-left table, linear in the length of the rest of the input.
 */
export function scanPatternLexeme(text: string, start: number): number {
  if (text.charCodeAt(start) !== SLASH) return -1;
  const length = text.length;
  // afterBody[i]: token end if the repeated group has consumed up to i
  // (at least once) and may continue, or -1 when no continuation matches.
  const afterBody = new Int32Array(length + 2).fill(-1);
  for (let i = length; i >= start + 2; i--) {
    afterBody[i] = continueFrom(text, i, afterBody);
  }
  const first = start + 1;
  if (first < length && text.charCodeAt(first) !== SLASH) {
    const end = afterBody[first + 1] ?? -1;
    if (end >= 0) return end;
  }
  if (isEscapedSlash(text, first)) return afterBody[first + 2] ?? -1;
  return -1;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;

function continueFrom(text: string, i: number, afterBody: Int32Array): number {
  // Alternatives in the order Ruby's engine tries them: one more plain
  // character, one more escaped slash, then stop and close the pattern.
  if (i < text.length && text.charCodeAt(i) !== SLASH) {
    const end = afterBody[i + 1] ?? -1;
    if (end >= 0) return end;
  }
  if (isEscapedSlash(text, i)) {
    const end = afterBody[i + 2] ?? -1;
    if (end >= 0) return end;
  }
  return closeAt(text, i);
}

/** The final body character at `i` (not a backslash), the closing slash, then flags. */
function closeAt(text: string, i: number): number {
  if (i + 1 >= text.length) return -1;
  if (text.charCodeAt(i) === BACKSLASH || text.charCodeAt(i + 1) !== SLASH) return -1;
  let end = i + 2;
  while (end < text.length && isFlag(text.charCodeAt(end))) end++;
  return end;
}

function isEscapedSlash(text: string, i: number): boolean {
  return text.charCodeAt(i) === BACKSLASH && text.charCodeAt(i + 1) === SLASH;
}

/** The regexp flags GitLab accepts: i, s, m and U (ungreedy). */
export function isFlag(code: number): boolean {
  return code === 0x69 || code === 0x73 || code === 0x6d || code === 0x55;
}
