/**
 * The conformance vectors shared by the whole team live beside the
 * repository, at `<repo root>/../shared/conformance/<name>.json`. A clone of
 * the repository alone does not have them, so tests that use them must skip
 * (with the reason this returns) rather than fail.
 *
 * The JSON is returned as `unknown`: each test states the shape it relies on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SharedConformance =
  | { readonly found: true; readonly path: string; readonly json: unknown }
  | { readonly found: false; readonly path: string; readonly skip: string };

/** The directory holding chatrun's package.json, found by walking up from this file. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export function sharedConformanceDir(): string {
  return join(repoRoot(), '..', 'shared', 'conformance');
}

/** `name` is the file's name with or without `.json` (`chat-reply`, `rules-expressions.json`). */
export function loadSharedConformance(name: string): SharedConformance {
  const path = join(sharedConformanceDir(), name.endsWith('.json') ? name : `${name}.json`);
  if (!existsSync(path)) {
    return { found: false, path, skip: `conformance vectors not found at ${path} (repository checked out without ../shared)` };
  }
  return { found: true, path, json: JSON.parse(readFileSync(path, 'utf8')) as unknown };
}
