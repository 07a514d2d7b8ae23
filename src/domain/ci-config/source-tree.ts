/**
 * The files of one commit, as the CI config loader and `rules:exists` see
 * them. The core never touches the disk or git itself: the caller passes a
 * tree backed by a working directory (`chatrun exec`, `chatrun lint`) or by
 * a git commit (the server).
 *
 * Both methods may be called many times and concurrently; implementations
 * should cache. Paths are repository-relative with `/` separators and no
 * leading `/`.
 */
export interface SourceTree {
  /** Every file path in the tree (for include globs and `rules:exists`). */
  listFiles(): Promise<readonly string[]>;
  /** The file's text, or undefined when there is no such file. */
  readFile(path: string): Promise<string | undefined>;
}
