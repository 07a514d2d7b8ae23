import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectorySourceTree } from './directory-source-tree.js';
import { readHeadCommit } from './head-commit.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-dir-tree-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

describe('DirectorySourceTree', () => {
  test('in a git repository: tracked and untracked files, not ignored or deleted ones; edits count', async () => {
    const repo = join(work, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, { '.gitignore': 'build/\n', '.gitlab-ci.yml': 'committed', 'gone.txt': 'x', 'ci/a.yml': 'a' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'init');
    write(repo, { '.gitlab-ci.yml': 'edited', 'new.yml': 'n', 'build/out.txt': 'o', 'node_modules/m.js': 'm' });
    rmSync(join(repo, 'gone.txt'));
    const tree = new DirectorySourceTree(repo);
    assert.deepEqual(await tree.listFiles(), ['.gitignore', '.gitlab-ci.yml', 'ci/a.yml', 'new.yml', 'node_modules/m.js']);
    assert.equal(await tree.readFile('.gitlab-ci.yml'), 'edited');
    assert.equal(await tree.readFile('gone.txt'), undefined);
    assert.equal(await tree.readFile('ci'), undefined);
    assert.equal(await tree.readFile('../outside'), undefined);

    const head = await readHeadCommit(repo);
    assert.equal(head?.sha, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(head?.title, 'init');
  });

  test('outside git: walks the directory, skipping .git and node_modules', async () => {
    const plain = join(work, 'plain');
    write(plain, { '.gitlab-ci.yml': 'c', 'sub/dir/f.yml': 'f', 'node_modules/x.js': 'x', '.git/config': 'g' });
    const tree = new DirectorySourceTree(plain);
    assert.deepEqual(await tree.listFiles(), ['.gitlab-ci.yml', 'sub/dir/f.yml']);
    assert.equal(await tree.readFile('sub/dir/f.yml'), 'f');
    assert.equal(await readHeadCommit(plain), undefined);
  });
});
