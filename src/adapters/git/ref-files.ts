/**
 * Reads HEAD and branch/tag refs straight from a git directory's files, so
 * that finding the head of a branch on every chat command costs a file
 * read, not a git process. Git updates a ref by renaming a lock file over
 * it, so a read sees the old or the new value, never half of one; a loose
 * ref file wins over `packed-refs`, as in git.
 *
 * The answer is exact or it is `unusual`: anything this reader does not
 * fully understand (detached or odd HEAD, a symbolic ref leaving
 * refs/heads and refs/tags, a malformed file, an I/O error) says so, and
 * the caller asks `git rev-parse` instead. `absent` means neither a loose
 * file nor a packed line names the ref.
 */
import { readFile } from 'node:fs/promises';
import { isMissing, lookupPackedRef } from './packed-refs.js';
import { isFullObjectName, isPlainRefName } from './ref-name.js';

/** Where a repository keeps HEAD (`gitDir`, per worktree) and its shared refs (`commonDir`). */
export interface RefLayout {
  readonly gitDir: string;
  readonly commonDir: string;
}

export type HeadRead = { kind: 'branch'; name: string } | { kind: 'unusual' };
export type RefRead = { kind: 'found'; sha: string } | { kind: 'absent' } | { kind: 'unusual' };

const MAX_SYMREF_DEPTH = 5;

/** The branch HEAD points at; `unusual` for a detached HEAD or anything else. */
export async function readHeadBranch(gitDir: string): Promise<HeadRead> {
  let text: string;
  try {
    text = await readFile(`${gitDir}/HEAD`, 'utf8');
  } catch {
    return { kind: 'unusual' };
  }
  const match = /^ref: refs\/heads\/(\S+)\s*$/.exec(text);
  const name = match?.[1];
  return name !== undefined && isPlainRefName(name) ? { kind: 'branch', name } : { kind: 'unusual' };
}

/** The object a `refs/heads/…` or `refs/tags/…` ref names, following symbolic refs between them. */
export async function readRef(layout: RefLayout, refName: string, depth = 0): Promise<RefRead> {
  if (!isReadableRefName(refName) || depth > MAX_SYMREF_DEPTH) return { kind: 'unusual' };
  let text: string;
  try {
    text = await readFile(`${layout.commonDir}/${refName}`, 'utf8');
  } catch (error) {
    // EISDIR: `refs/heads/a` is a directory because `a/b` exists, so `a` itself can only be packed.
    if (!isMissing(error) && !isDirectory(error)) return { kind: 'unusual' };
    return lookupPackedRef(layout.commonDir, refName);
  }
  const value = text.trim();
  if (isFullObjectName(value)) return { kind: 'found', sha: value };
  if (value.startsWith('ref: ')) return readRef(layout, value.slice('ref: '.length).trim(), depth + 1);
  return { kind: 'unusual' };
}

function isReadableRefName(refName: string): boolean {
  const match = /^refs\/(?:heads|tags)\/(.+)$/.exec(refName);
  return match?.[1] !== undefined && isPlainRefName(match[1]);
}

function isDirectory(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EISDIR';
}
