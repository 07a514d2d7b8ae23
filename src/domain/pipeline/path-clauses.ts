/**
 * `changes` (rules and only/except) and `rules:exists`: lists of globs, with
 * `$VAR` references in them replaced GitLab-style first (undefined ones kept
 * as written), matched with ./glob-match.ts.
 *
 * `changes` holds when the pipeline has no diff information at all (chat,
 * web, schedules, new branches): GitLab's rule, and the reason a chat
 * pipeline passes every `changes` clause. `compare_to` cannot be honoured
 * here: the caller's changed paths are used as they are.
 */
import type { SourceTree } from '../ci-config/source-tree.js';
import { compileGlob } from './glob-match.js';
import { expandExisting } from './variable-references.js';

export type ChangesMatch =
  | { readonly kind: 'no_diff' }
  | { readonly kind: 'matched'; readonly path: string }
  | { readonly kind: 'none' };

export function matchChanges(
  globs: readonly string[],
  changedPaths: readonly string[] | null,
  variables: Readonly<Record<string, string>>,
): ChangesMatch {
  if (changedPaths === null) return { kind: 'no_diff' };
  const matchers = globs.map((glob) => compileGlob(expandGlob(glob, variables)));
  const path = changedPaths.find((changed) => matchers.some((matches) => matches(changed)));
  return path === undefined ? { kind: 'none' } : { kind: 'matched', path };
}

export function changesHold(match: ChangesMatch): boolean {
  return match.kind !== 'none';
}

/** The first file matching any glob, or undefined. */
export async function findExisting(
  globs: readonly string[],
  files: FileList,
  variables: Readonly<Record<string, string>>,
): Promise<string | undefined> {
  const matchers = globs.map((glob) => compileGlob(expandGlob(glob, variables)));
  const all = await files();
  return all.find((file) => matchers.some((matches) => matches(file)));
}

/** The tree's files, read at most once per selection (no tree = no files). */
export type FileList = () => Promise<readonly string[]>;

export function lazyFileList(tree: SourceTree | undefined): FileList {
  let files: Promise<readonly string[]> | undefined;
  return () => {
    if (tree === undefined) return Promise.resolve([]);
    files ??= tree.listFiles();
    return files;
  };
}

function expandGlob(glob: string, variables: Readonly<Record<string, string>>): string {
  return expandExisting(glob, (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined));
}
