import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from './git-command.js';
import { LocalRepositories } from './local-repositories.js';
import { parsePackedRefs } from './packed-refs.js';
import { readHeadBranch, readRef } from './ref-files.js';
import { isPlainRefName } from './ref-name.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-ref-files-'));
after(() => rmSync(work, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

function newRepo(name: string): string {
  const repo = join(work, name);
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'a.txt'), name);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'first');
  return repo;
}

async function layoutOf(path: string) {
  const found = await new LocalRepositories(runGit).find(path);
  assert.ok(found.ok, JSON.stringify(found));
  return found.value;
}

describe('reading refs from a git directory', () => {
  test('a loose branch, then the same branch once packed, then a loose update over the packed line', async () => {
    const repo = newRepo('loose-then-packed');
    const layout = await layoutOf(repo);
    const first = git(repo, 'rev-parse', 'HEAD');
    assert.deepEqual(await readRef(layout, 'refs/heads/main'), { kind: 'found', sha: first });

    git(repo, 'pack-refs', '--all');
    assert.deepEqual(await readRef(layout, 'refs/heads/main'), { kind: 'found', sha: first }, 'read from packed-refs');

    git(repo, 'commit', '-q', '--allow-empty', '-m', 'second');
    const second = git(repo, 'rev-parse', 'HEAD');
    assert.deepEqual(await readRef(layout, 'refs/heads/main'), { kind: 'found', sha: second }, 'the loose file wins');

    git(repo, 'pack-refs', '--all');
    git(repo, 'branch', 'other', first);
    git(repo, 'pack-refs', '--all');
    assert.deepEqual(await readRef(layout, 'refs/heads/other'), { kind: 'found', sha: first }, 'a rewritten packed-refs is read again');
    assert.deepEqual(await readRef(layout, 'refs/heads/main'), { kind: 'found', sha: second });
  });

  test('an absent branch, and one whose name is only a directory of others', async () => {
    const repo = newRepo('absent');
    git(repo, 'branch', 'feature/x');
    const layout = await layoutOf(repo);
    assert.deepEqual(await readRef(layout, 'refs/heads/nope'), { kind: 'absent' });
    assert.deepEqual(await readRef(layout, 'refs/heads/feature'), { kind: 'absent' });
  });

  test('a symbolic branch is followed; names git alone should judge are unusual', async () => {
    const repo = newRepo('symbolic');
    git(repo, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/main');
    const layout = await layoutOf(repo);
    assert.deepEqual(await readRef(layout, 'refs/heads/alias'), { kind: 'found', sha: git(repo, 'rev-parse', 'HEAD') });
    assert.deepEqual(await readRef(layout, 'refs/heads/main@{1}'), { kind: 'unusual' });
    assert.deepEqual(await readRef(layout, 'refs/heads/../../HEAD'), { kind: 'unusual' });
    assert.deepEqual(await readRef(layout, 'refs/remotes/origin/main'), { kind: 'unusual' });
  });

  test('HEAD names the default branch; a detached HEAD is unusual', async () => {
    const repo = newRepo('head');
    const layout = await layoutOf(repo);
    assert.deepEqual(await readHeadBranch(layout.gitDir), { kind: 'branch', name: 'main' });
    git(repo, 'checkout', '-q', '-b', 'trunk');
    assert.deepEqual(await readHeadBranch(layout.gitDir), { kind: 'branch', name: 'trunk' });
    git(repo, 'checkout', '-q', '--detach');
    assert.deepEqual(await readHeadBranch(layout.gitDir), { kind: 'unusual' });
  });

  test('a linked worktree keeps its own HEAD and reads branches from the shared directory', async () => {
    const repo = newRepo('with-worktree');
    const tree = join(work, 'the-worktree');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', tree);
    const layout = await layoutOf(tree);
    assert.notEqual(layout.gitDir, layout.commonDir);
    assert.equal(layout.commonDir, join(repo, '.git'));
    assert.deepEqual(await readHeadBranch(layout.gitDir), { kind: 'branch', name: 'side' });
    assert.deepEqual(await readRef(layout, 'refs/heads/main'), { kind: 'found', sha: git(repo, 'rev-parse', 'main') });
  });
});

describe('ref names and packed-refs lines', () => {
  test('plain branch names pass; reflog, range, glob and path tricks do not', () => {
    for (const name of ['main', 'release/1.2', 'feature/JIRA-12_x', 'v1.0.0']) assert.equal(isPlainRefName(name), true, name);
    for (const name of ['', '-x', 'a..b', 'main@{1}', 'a/', '/a', 'a//b', '.hidden', 'a/.b', 'x.lock', 'a*', 'a b', 'HEAD~1', 'a.']) {
      assert.equal(isPlainRefName(name), false, name);
    }
  });

  test('packed-refs: peeled lines are skipped, a malformed line makes the whole file unusual', () => {
    const sha = 'a'.repeat(40);
    const parsed = parsePackedRefs(`# pack-refs with: peeled fully-peeled sorted \n${sha} refs/heads/main\n^${'b'.repeat(40)}\n`);
    assert.deepEqual([...(parsed ?? [])], [['refs/heads/main', sha]]);
    assert.equal(parsePackedRefs('garbage refs/heads/main\n'), undefined);
  });
});
