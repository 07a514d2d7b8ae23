/**
 * A remote repository's refs as `git ls-remote` reports them now: the
 * exact head of a branch costs one process, and nothing is fetched when the
 * mirror already holds it.
 *
 * Sharing: at most one `ls-remote` per (repository, ref) is in flight;
 * commands that arrive while it runs take its answer. Every listing also
 * asks for HEAD, and keeps the branch HEAD names as the repository's
 * default branch. `defaultBranch` answers from that memory while it is
 * younger than `refreshMs` (default 30 s), else lists again: a change of a
 * remote's default branch is seen within that interval (or at the next
 * command's listing), while a push to the branch is seen at once.
 *
 * Errors are values: an unreachable remote is `repository_unreadable`.
 */
import type { GitResult } from '../../ports/git.js';
import { gitFailure } from './git-failure.js';
import type { RunGit } from './git-command.js';
import { isPlainRefName } from './ref-name.js';

export const DEFAULT_BRANCH_REFRESH_MS = 30_000;

export interface RemoteRef {
  /** `refs/heads/…` or `refs/tags/…`. */
  readonly refName: string;
  /** The object the ref names (a tag object for an annotated tag). */
  readonly direct: string;
  /** The commit it comes down to. */
  readonly commit: string;
}

interface Listing {
  readonly head: string | undefined;
  readonly refs: ReadonlyMap<string, string>;
}

export interface RemoteRefsOptions {
  readonly run: RunGit;
  readonly refreshMs?: number;
  /** Milliseconds, only compared with itself. */
  readonly now?: () => number;
}

export class RemoteRefs {
  private readonly heads = new Map<string, { readonly branch: string; readonly at: number }>();
  private readonly listing = new Map<string, Promise<GitResult<Listing>>>();
  private readonly refreshMs: number;
  private readonly now: () => number;
  private readonly run: RunGit;

  constructor(options: RemoteRefsOptions) {
    this.run = options.run;
    this.refreshMs = options.refreshMs ?? DEFAULT_BRANCH_REFRESH_MS;
    this.now = options.now ?? (() => performance.now());
  }

  async defaultBranch(url: string): Promise<GitResult<string>> {
    const known = this.heads.get(url);
    if (known !== undefined && this.now() - known.at < this.refreshMs) return { ok: true, value: known.branch };
    const listed = await this.list(url, []);
    if (!listed.ok) return listed;
    if (listed.value.head === undefined) {
      return { ok: false, error: { kind: 'ref_not_found', message: `repository ${url} has no HEAD branch` } };
    }
    return { ok: true, value: listed.value.head };
  }

  /**
   * The branch `ref`, else the tag `ref` (or exactly `refs/heads/…`,
   * `refs/tags/…`); undefined when the remote has neither (a SHA, say) or
   * when `ref` is not a plain name (`main~1`): git must judge those.
   */
  async find(url: string, ref: string): Promise<GitResult<RemoteRef | undefined>> {
    const names = /^refs\/(?:heads|tags)\//.test(ref) ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
    if (!names.every((name) => isPlainRefName(name))) return { ok: true, value: undefined };
    // An annotated tag's commit is listed only when asked for by its peeled name.
    const peeled = names.filter((name) => name.startsWith('refs/tags/')).map((name) => `${name}^{}`);
    const listed = await this.list(url, [...names, ...peeled]);
    if (!listed.ok) return listed;
    for (const refName of names) {
      const direct = listed.value.refs.get(refName);
      if (direct === undefined) continue;
      const commit = listed.value.refs.get(`${refName}^{}`) ?? direct;
      return { ok: true, value: { refName, direct, commit } };
    }
    return { ok: true, value: undefined };
  }

  private list(url: string, refNames: readonly string[]): Promise<GitResult<Listing>> {
    const key = [url, ...refNames].join('\0');
    const running = this.listing.get(key);
    if (running !== undefined) return running;
    const started = this.now();
    const listing = this.runLsRemote(url, refNames, started).finally(() => this.listing.delete(key));
    this.listing.set(key, listing);
    return listing;
  }

  private async runLsRemote(url: string, refNames: readonly string[], started: number): Promise<GitResult<Listing>> {
    const listed = await this.run(['ls-remote', '--symref', '--end-of-options', url, 'HEAD', ...refNames]);
    if (!listed.ok) return { ok: false, error: gitFailure(url, listed.stderr, 'repository_unreadable') };
    const listing = parseLsRemote(listed.stdout.toString('utf8'));
    const known = this.heads.get(url);
    // A listing started before the one remembered must not overwrite it.
    if (listing.head !== undefined && (known === undefined || known.at <= started)) {
      this.heads.set(url, { branch: listing.head, at: started });
    }
    return { ok: true, value: listing };
  }
}

/** `ref: refs/heads/main<TAB>HEAD` lines name symbolic refs; `<sha><TAB><ref>` lines the rest. */
function parseLsRemote(text: string): Listing {
  let head: string | undefined;
  const refs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [left = '', name = ''] = line.replace(/\r$/, '').split('\t');
    if (left.startsWith('ref: ')) {
      const target = /^ref: refs\/heads\/(\S+)$/.exec(left)?.[1];
      if (name === 'HEAD' && target !== undefined) head = target;
    } else if (name !== '') {
      refs.set(name, left);
    }
  }
  return { head, refs };
}
