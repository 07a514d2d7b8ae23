/**
 * A working directory as it is on disk, as a SourceTree: what `chatrun exec`
 * and `chatrun lint` read, so uncommitted edits count. In a git repository
 * the files are the tracked and untracked-but-not-ignored ones (deleted
 * files excluded); elsewhere a bounded walk that skips `.git` and
 * `node_modules`. The file list is read once per instance; contents are
 * read on each call (they are the user's live edits).
 */
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { SourceTree } from '../../domain/ci-config/source-tree.js';
import { runGit } from './git-command.js';

const WALK_LIMIT = 20_000;
const SKIPPED = new Set(['.git', 'node_modules']);

export class DirectorySourceTree implements SourceTree {
  private files: Promise<readonly string[]> | undefined;

  constructor(private readonly dir: string) {}

  listFiles(): Promise<readonly string[]> {
    this.files ??= this.list();
    return this.files;
  }

  async readFile(path: string): Promise<string | undefined> {
    if (path === '' || isAbsolute(path) || path.split('/').some((part) => part === '..')) return undefined;
    try {
      return await readFile(join(this.dir, path), 'utf8');
    } catch {
      return undefined; // missing, a directory, or unreadable: not a file of the tree
    }
  }

  private async list(): Promise<readonly string[]> {
    const tracked = await runGit(['-C', this.dir, 'ls-files', '-z', '-co', '--exclude-standard']);
    if (!tracked.ok) return walk(this.dir);
    const deleted = await runGit(['-C', this.dir, 'ls-files', '-z', '-d']);
    const gone = new Set(deleted.ok ? split(deleted.stdout) : []);
    return [...new Set(split(tracked.stdout))].filter((f) => !gone.has(f)).sort();
  }
}

function split(output: Buffer): string[] {
  return output.toString('utf8').split('\0').filter((f) => f !== '');
}

async function walk(root: string): Promise<readonly string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0 && found.length < WALK_LIMIT) {
    const dir = pending.pop();
    if (dir === undefined) break;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) pending.push(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        found.push(relative(root, path).split(sep).join('/'));
        if (found.length >= WALK_LIMIT) break;
      }
    }
  }
  return found.sort();
}
