/**
 * A real git repository in a fresh temp directory, for tests that need one
 * (chatrun exec, the git adapter, scenario folders). Everything runs the
 * real `git` binary synchronously; a failing git command throws, because in
 * a test that is a broken fixture, not an outcome to handle.
 *
 * The repository never reads the machine's global or system git config, so
 * tests behave the same on every machine: its author is fixed, signing is
 * off and the branch is `main` unless asked otherwise.
 *
 * Call `remove()` when done (in `after`/`t.after`); it is idempotent.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content; `executable` sets mode 0755 (as scripts in a repo need). */
export type RepoFile = string | Uint8Array | { readonly content: string | Uint8Array; readonly executable: boolean };

export type RepoFiles = Readonly<Record<string, RepoFile>>;

export interface GitRepoOptions {
  /** Written (relative paths, `/`-separated) and committed as the first commit. */
  readonly files?: RepoFiles;
  /** A directory whose whole content is copied in before `files` are written, then committed. */
  readonly copyFrom?: string;
  readonly branch?: string;
  /** Prefix of the temp directory's name. */
  readonly prefix?: string;
  /** Where the temp directory is made (default the OS temp dir). */
  readonly parentDir?: string;
  /** The first commit's message. */
  readonly message?: string;
  /** Set false to leave the files uncommitted (no commit at all). */
  readonly commit?: boolean;
}

export interface GitRepo {
  readonly dir: string;
  readonly branch: string;
  readonly authorName: string;
  readonly authorEmail: string;
  /** Writes files into the working tree without committing them. */
  write(files: RepoFiles): void;
  /** Stages everything and commits (even when nothing changed); returns the new HEAD sha. */
  commit(message?: string): string;
  headSha(): string;
  /** Runs git in the repository and returns its stdout. */
  git(...args: string[]): string;
  remove(): void;
}

export const REPO_AUTHOR_NAME = 'Chatrun Tester';
export const REPO_AUTHOR_EMAIL = 'tester@chatrun.test';

/** Keeps the user's ~/.gitconfig and /etc/gitconfig out of the tests. */
const ISOLATED_GIT_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

export function createGitRepo(options: GitRepoOptions = {}): GitRepo {
  const branch = options.branch ?? 'main';
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), options.prefix ?? 'chatrun-repo-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...ISOLATED_GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git('init', '--quiet', `--initial-branch=${branch}`);
    git('config', 'user.name', REPO_AUTHOR_NAME);
    git('config', 'user.email', REPO_AUTHOR_EMAIL);
    git('config', 'commit.gpgsign', 'false');
    if (options.copyFrom !== undefined) cpSync(options.copyFrom, dir, { recursive: true });
    writeFiles(dir, options.files ?? {});
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const repo: GitRepo = {
    dir,
    branch,
    authorName: REPO_AUTHOR_NAME,
    authorEmail: REPO_AUTHOR_EMAIL,
    write: (files) => writeFiles(dir, files),
    commit: (message = 'commit') => {
      git('add', '--all');
      git('commit', '--quiet', '--allow-empty', '--no-verify', '-m', message);
      return repo.headSha();
    },
    headSha: () => git('rev-parse', 'HEAD').trim(),
    git,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  if (options.commit !== false) repo.commit(options.message ?? 'initial commit');
  return repo;
}

function writeFiles(root: string, files: RepoFiles): void {
  for (const [path, file] of Object.entries(files)) {
    const target = join(root, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    const content = typeof file === 'string' || file instanceof Uint8Array ? file : file.content;
    writeFileSync(target, content);
    if (typeof file === 'object' && !(file instanceof Uint8Array)) chmodSync(target, file.executable ? 0o755 : 0o644);
  }
}
