import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDemoFiles } from './demo-project.js';

function git(repository: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repository, ...args], { encoding: 'utf8' }).trim();
}

describe('prepareDemoFiles', () => {
  test('makes a git repository on main from examples/demo, with its own committer, and a private password file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-demo-'));
    try {
      const result = await prepareDemoFiles(join(dir, '.chatrun'));
      assert.ok(result.ok, result.ok ? '' : result.error);
      const { demo } = result;
      assert.equal(demo.createdRepository, true);
      assert.equal(git(demo.repository, 'rev-parse', '--abbrev-ref', 'HEAD'), 'main');
      assert.equal(git(demo.repository, 'status', '--porcelain'), '');
      assert.match(git(demo.repository, 'show', 'HEAD:.gitlab-ci.yml'), /^hello-world:/m);
      assert.equal(git(demo.repository, 'config', '--local', 'user.name'), 'chatrun demo');
      assert.equal(statSync(demo.passwordFile).mode & 0o777, 0o600);
      assert.equal(readFileSync(demo.passwordFile, 'utf8'), `${demo.password}\n`);
      assert.ok(demo.password.length >= 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a second start reuses the repository and keeps the password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-demo-'));
    try {
      const first = await prepareDemoFiles(dir);
      const second = await prepareDemoFiles(dir);
      assert.ok(first.ok && second.ok);
      assert.equal(second.demo.createdRepository, false);
      assert.equal(second.demo.password, first.demo.password);
      assert.equal(git(second.demo.repository, 'rev-list', '--count', 'HEAD'), '1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('missing example files are an error value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-demo-'));
    try {
      const result = await prepareDemoFiles(join(dir, 'data'), join(dir, 'no-such-example'));
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.error, /demo project's files are missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
