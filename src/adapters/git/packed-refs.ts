/**
 * A repository's `packed-refs` file, read without a git process. Git
 * replaces the file by renaming a new one over it, so a read sees one whole
 * version; the parsed map is kept per file and reused while the file's
 * inode, size and modification time (nanoseconds) are unchanged, which is
 * one `stat` per lookup instead of parsing a file that can hold thousands
 * of tags.
 *
 * Only ref → object lines are kept; peeled (`^…`) lines belong to the tag
 * above them and are not needed for branches.
 */
import { readFile, stat } from 'node:fs/promises';
import { isFullObjectName } from './ref-name.js';

interface ParsedPackedRefs {
  readonly version: string;
  readonly refs: ReadonlyMap<string, string>;
}

export type PackedRefLookup = { kind: 'found'; sha: string } | { kind: 'absent' } | { kind: 'unusual' };

const parsed = new Map<string, ParsedPackedRefs>();
const MAX_FILES = 64;

export async function lookupPackedRef(commonDir: string, refName: string): Promise<PackedRefLookup> {
  const path = `${commonDir}/packed-refs`;
  let version: string;
  try {
    const info = await stat(path, { bigint: true });
    version = `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    return isMissing(error) ? { kind: 'absent' } : { kind: 'unusual' };
  }
  let known = parsed.get(path);
  if (known?.version !== version) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      // Renamed away between stat and read: rare enough to leave to git.
      return { kind: 'unusual' };
    }
    const refs = parsePackedRefs(text);
    if (refs === undefined) return { kind: 'unusual' };
    known = { version, refs };
    parsed.delete(path);
    parsed.set(path, known);
    while (parsed.size > MAX_FILES) {
      const oldest = parsed.keys().next().value;
      if (oldest === undefined) break;
      parsed.delete(oldest);
    }
  }
  const sha = known.refs.get(refName);
  return sha === undefined ? { kind: 'absent' } : { kind: 'found', sha };
}

/** Undefined when a line is not in the format git writes (then git itself should be asked). */
export function parsePackedRefs(text: string): Map<string, string> | undefined {
  const refs = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    const sha = line.slice(0, space);
    if (space === -1 || !isFullObjectName(sha)) return undefined;
    refs.set(line.slice(space + 1).replace(/\r$/, ''), sha);
  }
  return refs;
}

export function isMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
