/**
 * The two ways `$VAR` references inside variable values (and path globs) get
 * replaced before a job runs (research ci-yaml.md §8.3):
 *
 * - GitLab's side (`ExpandVariables`): `$NAME`, `${NAME}` and `%NAME%` with
 *   NAME = `[a-zA-Z_][a-zA-Z0-9_]*`; `$$` and `%%` stay as they are; a
 *   reference the resolver declines (undefined, or raw and deferred) stays
 *   as written for the runner.
 * - The runner's (Go's `os.Expand`): `$NAME` and `${anything}`, `$$` → `$`,
 *   `$1`…`$9` and the other shell specials kept as `$x`, undefined → empty,
 *   a single pass (replacements are not expanded again).
 */

const GITLAB_REFERENCE = /\$\$|%%|\$([a-zA-Z_][a-zA-Z0-9_]*)|\$\{([a-zA-Z_][a-zA-Z0-9_]*)?\}|%([a-zA-Z_][a-zA-Z0-9_]*)%/g;

/** Names referenced GitLab-style, in order of appearance (duplicates kept once). */
export function referencedNames(text: string): string[] {
  const names = new Set<string>();
  if (!text.includes('$') && !text.includes('%')) return [];
  for (const match of text.matchAll(GITLAB_REFERENCE)) {
    const name = match[1] ?? match[2] ?? match[3];
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/**
 * GitLab-style replacement; `resolve` returns the text to put in, or
 * undefined to leave the reference untouched.
 */
export function expandExisting(text: string, resolve: (name: string) => string | undefined): string {
  if (!text.includes('$') && !text.includes('%')) return text;
  return text.replace(GITLAB_REFERENCE, (whole: string, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c;
    if (name === undefined) return whole;
    return resolve(name) ?? whole;
  });
}

const SHELL_SPECIALS = new Set(['*', '#', '$', '@', '!', '?', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

function isAlphaNum(c: string): boolean {
  return c === '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** Runner-style single pass; `lookup` returns undefined for an unknown name (→ empty). */
export function expandRunnerStyle(text: string, lookup: (name: string) => string | undefined): string {
  if (!text.includes('$')) return text;
  let out = '';
  let copied = 0;
  for (let j = 0; j < text.length; j++) {
    if (text[j] !== '$' || j + 1 >= text.length) continue;
    out += text.slice(copied, j);
    const { name, width } = shellName(text, j + 1);
    if (name === '' && width === 0) out += '$';
    else if (name !== '') out += runnerValue(name, lookup);
    j += width;
    copied = j + 1;
  }
  return out + text.slice(copied);
}

function runnerValue(name: string, lookup: (name: string) => string | undefined): string {
  if (name === '$') return '$';
  if (SHELL_SPECIALS.has(name)) return `$${name}`;
  return lookup(name) ?? '';
}

/** Go's `getShellName`: the name after a `$` at `start`, and how many characters it took. */
function shellName(text: string, start: number): { name: string; width: number } {
  const first = text[start] ?? '';
  if (first === '{') {
    const special = text[start + 1] ?? '';
    if (SHELL_SPECIALS.has(special) && text[start + 2] === '}') return { name: special, width: 3 };
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '}') {
        if (i === start + 1) return { name: '', width: 2 };
        return { name: text.slice(start + 1, i), width: i - start + 1 };
      }
    }
    return { name: '', width: 1 };
  }
  if (SHELL_SPECIALS.has(first)) return { name: first, width: 1 };
  let end = start;
  while (end < text.length && isAlphaNum(text[end] ?? '')) end++;
  return { name: text.slice(start, end), width: end - start };
}
