/**
 * Which ref names chatrun dares to read straight from a git directory's
 * files. The test is narrower than git's own (git-check-ref-format): a name
 * that passes is certainly a plain branch or tag name, so it is safe as a
 * path below `refs/` and as an `ls-remote` pattern (no glob characters);
 * anything else (`main@{1}`, `HEAD~2`, a SHA, odd characters) goes to
 * `git rev-parse`, which knows every syntax.
 */

const PLAIN_COMPONENT = /^[A-Za-z0-9_+=,-][A-Za-z0-9._+=,-]*$/;

export function isPlainRefName(name: string): boolean {
  if (name === '' || name.length > 255 || name.startsWith('-')) return false;
  return name.split('/').every(
    (part) => PLAIN_COMPONENT.test(part) && !part.includes('..') && !part.endsWith('.') && !part.endsWith('.lock'),
  );
}

/** A full object name (SHA-1 or SHA-256), as git writes it in ref files. */
export function isFullObjectName(text: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(text);
}
