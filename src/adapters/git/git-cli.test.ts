import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GitCli } from './git-cli.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-git-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Ada Lovelace', '-c', 'user.email=ada@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_COMMITTER_DATE: '2024-05-01T12:00:00+02:00', GIT_AUTHOR_DATE: '2024-05-01T12:00:00+02:00' },
  }).trim();
}

function commit(repo: string, files: Record<string, string>, message: string): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

function newRepo(name: string, branch = 'main'): string {
  const repo = join(work, name);
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', branch);
  return repo;
}

const cli = new GitCli({ cacheDir: join(work, 'cache') });

describe('GitCli', () => {
  const repo = newRepo('project', 'trunk');
  const first = commit(repo, { '.gitlab-ci.yml': 'hello:\n  script: echo one\n', 'ci/extra.yml': 'x: 1\n' }, 'First commit\n\nWith a body.');
  const second = commit(repo, { '.gitlab-ci.yml': 'hello:\n  script: echo two\n', 'README.md': 'hi\n' }, 'Second commit');

  test('detects the default branch from HEAD (trunk), for a path and for a URL', async () => {
    assert.deepEqual(await cli.resolveDefaultBranch(repo), { ok: true, value: 'trunk' });
    assert.deepEqual(await cli.resolveDefaultBranch(pathToFileURL(repo).href), { ok: true, value: 'trunk' });
  });

  test('resolves a branch to its head commit with its metadata', async () => {
    const result = await cli.resolveCommit(repo, 'trunk');
    assert.ok(result.ok);
    assert.equal(result.value.sha, second);
    assert.equal(result.value.title, 'Second commit');
    assert.equal(result.value.authorName, 'Ada Lovelace');
    assert.equal(result.value.authorEmail, 'ada@example.com');
    assert.equal(result.value.timestamp, '2024-05-01T12:00:00+02:00');
    const older = await cli.resolveCommit(repo, first);
    assert.ok(older.ok);
    assert.equal(older.value.message, 'First commit\n\nWith a body.');
    assert.equal(older.value.title, 'First commit');
  });

  test('resolves through a mirror when the repository is a clone URL, seeing new commits', async () => {
    const url = pathToFileURL(repo).href;
    const before = await cli.resolveCommit(url, 'trunk');
    assert.ok(before.ok);
    assert.equal(before.value.sha, git(repo, 'rev-parse', 'HEAD'));
    const third = commit(repo, { 'new.txt': 'n\n' }, 'Third');
    const now = await cli.resolveCommit(url, 'trunk');
    assert.ok(now.ok);
    assert.equal(now.value.sha, third);
    const tree = await cli.sourceTreeAt(url, third);
    assert.ok(tree.ok);
    assert.equal(await tree.value.readFile('new.txt'), 'n\n');
  });

  test('answers unreadable repositories and missing refs as values', async () => {
    const missing = await cli.resolveCommit(join(work, 'nope'), 'main');
    assert.equal(missing.ok, false);
    assert.equal(!missing.ok && missing.error.kind, 'repository_unreadable');
    const noRef = await cli.resolveCommit(repo, 'no-such-branch');
    assert.equal(!noRef.ok && noRef.error.kind, 'ref_not_found');
    const dashed = await cli.resolveCommit(repo, '--output=/tmp/x');
    assert.equal(!dashed.ok && dashed.error.kind, 'ref_not_found');
    const badUrl = await cli.resolveDefaultBranch(pathToFileURL(join(work, 'nope')).href);
    assert.equal(!badUrl.ok && badUrl.error.kind, 'repository_unreadable');
  });

  test('reads the files of a commit, not of the working tree', async () => {
    const tree = await cli.sourceTreeAt(repo, first);
    assert.ok(tree.ok);
    assert.deepEqual([...(await tree.value.listFiles())].sort(), ['.gitlab-ci.yml', 'ci/extra.yml']);
    assert.equal(await tree.value.readFile('.gitlab-ci.yml'), 'hello:\n  script: echo one\n');
    assert.equal(await tree.value.readFile('README.md'), undefined);
    const unknown = await cli.sourceTreeAt(repo, '0'.repeat(40));
    assert.equal(!unknown.ok && unknown.error.kind, 'commit_not_found');
  });

  test('prepares a working copy, then reuses it: checks out the asked commit and cleans leftovers', async () => {
    const dir = join(work, 'builds', '0', 'group', 'project');
    const cacheDir = join(work, 'cache');
    const fresh = await cli.prepareWorkingCopy({ repository: repo, sha: second, ref: 'trunk', dir, cacheDir });
    assert.ok(fresh.ok, JSON.stringify(fresh));
    const texts = fresh.value.lines.map((l) => `${l.kind}:${l.text}`);
    assert.equal(texts[0], 'notice:Fetching changes...');
    assert.ok(texts.includes('notice:Created fresh repository.'));
    assert.ok(texts.some((t) => t.startsWith('output:Initialized empty Git repository in ')));
    assert.ok(texts.includes(`notice:Checking out ${second.slice(0, 8)} as detached HEAD (ref is trunk)...`));
    assert.equal(texts.at(-1), 'notice:Skipping Git submodules setup');
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'hi\n');

    // A job left untracked, ignored and modified files behind.
    writeFileSync(join(dir, 'leftover.txt'), 'x');
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'junk'), 'x');
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'edited');
    writeFileSync(join(dir, '.git', 'index.lock'), '');

    const reused = await cli.prepareWorkingCopy({ repository: repo, sha: first, ref: 'trunk', dir, cacheDir });
    assert.ok(reused.ok, JSON.stringify(reused));
    const again = reused.value.lines.map((l) => l.text);
    assert.ok(!again.includes('Created fresh repository.'));
    assert.equal(again[0], `Reusing existing Git repository in ${join(dir, '.git')}/`);
    assert.ok(again.includes(`Commit ${first.slice(0, 8)} is already in the working copy: skipping fetch`));
    assert.ok(!again.includes('Fetching changes...'), 'the commit was in hand, so nothing was fetched');
    assert.ok(again.includes('Removing leftover.txt'));
    assert.equal(existsSync(join(dir, 'leftover.txt')), false);
    assert.equal(existsSync(join(dir, 'node_modules')), false);
    assert.equal(existsSync(join(dir, 'README.md')), false);
    assert.equal(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'), 'hello:\n  script: echo one\n');
    assert.equal(git(dir, 'rev-parse', 'HEAD'), first);
  });

  test('checks out from a clone URL through the cache, and reports a commit that does not exist', async () => {
    const url = pathToFileURL(repo).href;
    const dir = join(work, 'builds-url', 'p');
    const cacheDir = join(work, 'cache-url');
    const ok = await cli.prepareWorkingCopy({ repository: url, sha: second, ref: 'trunk', dir, cacheDir });
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.equal(git(dir, 'rev-parse', 'HEAD'), second);
    const missing = await cli.prepareWorkingCopy({ repository: url, sha: 'f'.repeat(40), ref: 'trunk', dir, cacheDir });
    assert.equal(!missing.ok && missing.error.kind, 'commit_not_found');
    const unreadable = await cli.prepareWorkingCopy({ repository: join(work, 'nope'), sha: second, ref: 'trunk', dir, cacheDir });
    assert.equal(!unreadable.ok && unreadable.error.kind, 'repository_unreadable');
  });
});

describe('GitCli: local paths', () => {
  test('a plain directory inside another repository is not taken for that repository', async () => {
    const outer = newRepo('outer');
    commit(outer, { 'a.txt': 'a' }, 'outer commit');
    mkdirSync(join(outer, 'inner'));
    const result = await cli.resolveCommit(join(outer, 'inner'), 'main');
    assert.equal(!result.ok && result.error.kind, 'repository_unreadable');
  });

  test('a bare repository is read in place', async () => {
    const source = newRepo('for-bare');
    const sha = commit(source, { 'x.txt': 'x' }, 'bare commit');
    const bare = join(work, 'bare.git');
    git(work, 'clone', '-q', '--bare', source, bare);
    const result = await cli.resolveCommit(bare, 'main');
    assert.ok(result.ok);
    assert.equal(result.value.sha, sha);
  });
});
