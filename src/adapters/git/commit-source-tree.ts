/**
 * The files of one commit as a SourceTree: the list comes from
 * `git ls-tree -r` (blobs only: submodules are not files), contents from
 * `git cat-file blob`. Both are cached for the life of the instance, which
 * is safe because a commit never changes.
 */
import type { SourceTree } from '../../domain/ci-config/source-tree.js';
import type { RunGit } from './git-command.js';

export class CommitSourceTree implements SourceTree {
  private blobs: Promise<Map<string, string>> | undefined;
  private readonly contents = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly gitDir: string,
    private readonly sha: string,
    private readonly run: RunGit,
  ) {}

  async listFiles(): Promise<readonly string[]> {
    return [...(await this.blobIds()).keys()];
  }

  async readFile(path: string): Promise<string | undefined> {
    let content = this.contents.get(path);
    if (!content) {
      content = this.load(path);
      this.contents.set(path, content);
    }
    return content;
  }

  private async load(path: string): Promise<string | undefined> {
    const id = (await this.blobIds()).get(path);
    if (id === undefined) return undefined;
    const blob = await this.run(['-C', this.gitDir, 'cat-file', 'blob', id]);
    return blob.ok ? blob.stdout.toString('utf8') : undefined;
  }

  private blobIds(): Promise<Map<string, string>> {
    this.blobs ??= this.listBlobs();
    return this.blobs;
  }

  private async listBlobs(): Promise<Map<string, string>> {
    const listed = await this.run(['-C', this.gitDir, 'ls-tree', '-r', '-z', '--full-tree', '--end-of-options', this.sha]);
    const blobs = new Map<string, string>();
    if (!listed.ok) return blobs;
    for (const entry of listed.stdout.toString('utf8').split('\0')) {
      // "<mode> <type> <object>\t<path>"
      const tab = entry.indexOf('\t');
      if (tab === -1) continue;
      const [, type, id] = entry.slice(0, tab).split(' ');
      if (type === 'blob' && id !== undefined) blobs.set(entry.slice(tab + 1), id);
    }
    return blobs;
  }
}
