// How many git processes each GitCli call starts, counted by a logging
// `git` placed first on the PATH in front of the real one (the calls still
// run real git on real repositories).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GitCli } from './git-cli.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-git-processes-'));
after(() => rmSync(work, { recursive: true, force: true }));

const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const binDir = join(work, 'bin');
const logFile = join(work, 'git-calls.log');
mkdirSync(binDir);
writeFileSync(join(binDir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${logFile}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });

/** The git command lines `run` started (subcommand and its arguments, `-C dir` dropped). */
async function gitCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  writeFileSync(logFile, '');
  const path = process.env['PATH'];
  process.env['PATH'] = `${binDir}:${path ?? ''}`;
  try {
    const result = await run();
    const calls = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^-C \S+ /, ''));
    return { result, calls };
  } finally {
    process.env['PATH'] = path;
  }
}

/** The git subcommand of a logged call (options such as `-c key=value` skipped). */
function verb(call: string): string | undefined {
  return call.split(' ').find((word) => !word.startsWith('-') && !word.includes('='));
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync(realGit, ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

function newRepo(name: string): string {
  const repo = join(work, name);
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  return commit(repo, 'first') && repo;
}

function commit(repo: string, message: string): string {
  writeFileSync(join(repo, '.gitlab-ci.yml'), `hello:\n  script: echo ${message}\n`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

async function headOf(cli: GitCli, repository: string): Promise<{ branch: string; sha: string }> {
  const branch = await cli.resolveDefaultBranch(repository);
  assert.ok(branch.ok, JSON.stringify(branch));
  const head = await cli.resolveCommit(repository, branch.value);
  assert.ok(head.ok, JSON.stringify(head));
  return { branch: branch.value, sha: head.value.sha };
}

describe('a local repository: the head of a command without git processes', () => {
  test('once the repository is known, the default branch and its head are read from files, exact after a push', async () => {
    const repo = newRepo('local');
    const cli = new GitCli({ cacheDir: join(work, 'cache-local') });
    const first = await gitCalls(() => headOf(cli, repo));
    assert.deepEqual(first.calls.map((c) => c.split(' ').slice(0, 2).join(' ')), [
      'rev-parse --is-bare-repository',
      'rev-parse --show-toplevel',
      'show -s',
    ]);

    const steady = await gitCalls(() => headOf(cli, repo));
    assert.deepEqual(steady.calls, []);
    assert.deepEqual(steady.result, first.result);

    const pushed = commit(repo, 'second');
    const afterPush = await gitCalls(() => headOf(cli, repo));
    assert.equal(afterPush.result.sha, pushed, 'a new commit counts at once');
    assert.equal(afterPush.calls.length, 1, 'only the new commit is read (show -s)');

    git(repo, 'pack-refs', '--all');
    git(repo, 'branch', 'trunk');
    git(repo, 'symbolic-ref', 'HEAD', 'refs/heads/trunk');
    const packed = await gitCalls(() => headOf(cli, repo));
    assert.deepEqual(packed.result, { branch: 'trunk', sha: pushed }, 'a new default branch counts at once');
    assert.deepEqual(packed.calls, []);
  });

  test('reading the config of a resolved commit does not ask git whether the commit exists', async () => {
    const repo = newRepo('tree');
    const cli = new GitCli({ cacheDir: join(work, 'cache-tree') });
    const { sha } = await headOf(cli, repo);
    const read = await gitCalls(async () => {
      const tree = await cli.sourceTreeAt(repo, sha);
      assert.ok(tree.ok);
      return tree.value.readFile('.gitlab-ci.yml');
    });
    assert.equal(read.result, 'hello:\n  script: echo first\n');
    assert.equal(read.calls.filter((c) => c.startsWith('cat-file -e')).length, 0);
  });

  test('a repository that went away after it was known is unreadable, not a missing branch', async () => {
    const repo = newRepo('vanishing');
    const cli = new GitCli({ cacheDir: join(work, 'cache-vanishing') });
    await headOf(cli, repo);
    renameSync(repo, `${repo}-moved`);
    mkdirSync(repo);
    const gone = await cli.resolveCommit(repo, 'main');
    assert.equal(!gone.ok && gone.error.kind, 'repository_unreadable');
  });
});

describe('a clone URL: one ls-remote per command', () => {
  test('the steady state lists the remote once and fetches nothing; a push fetches once', async () => {
    const repo = newRepo('remote');
    const url = pathToFileURL(repo).href;
    const cli = new GitCli({ cacheDir: join(work, 'cache-remote') });
    await headOf(cli, url);
    const steady = await gitCalls(() => headOf(cli, url));
    assert.deepEqual(steady.calls.map(verb), ['ls-remote']);

    const pushed = commit(repo, 'second');
    const afterPush = await gitCalls(() => headOf(cli, url));
    assert.equal(afterPush.result.sha, pushed);
    assert.deepEqual(afterPush.calls.map(verb), ['ls-remote', 'fetch', 'show']);
  });

  test('an annotated tag and a full branch ref resolve to their commits from the listing', async () => {
    const repo = newRepo('tagged');
    const url = pathToFileURL(repo).href;
    const cli = new GitCli({ cacheDir: join(work, 'cache-tagged') });
    const tagged = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'tag', '-a', 'v1', '-m', 'release one');
    commit(repo, 'after the tag');
    const tag = await gitCalls(() => cli.resolveCommit(url, 'v1'));
    assert.equal(tag.result.ok && tag.result.value.sha, tagged);
    const full = await gitCalls(() => cli.resolveCommit(url, 'refs/heads/main'));
    assert.equal(full.result.ok && full.result.value.sha, git(repo, 'rev-parse', 'main'));
    assert.deepEqual(full.calls.map(verb), ['ls-remote', 'show'], 'the mirror was current, the commit new to the cache');
  });

  test('concurrent commands share one ls-remote', async () => {
    const repo = newRepo('shared');
    const url = pathToFileURL(repo).href;
    const cli = new GitCli({ cacheDir: join(work, 'cache-shared') });
    await headOf(cli, url);
    const many = await gitCalls(() => Promise.all(Array.from({ length: 5 }, () => cli.resolveCommit(url, 'main'))));
    assert.ok(many.result.every((r) => r.ok && r.value.sha === git(repo, 'rev-parse', 'HEAD')));
    assert.deepEqual(many.calls.map(verb), ['ls-remote']);
  });

  test('the default branch is remembered for the refresh interval, then listed again', async () => {
    const repo = newRepo('default-branch');
    const url = pathToFileURL(repo).href;
    let now = 0;
    const cli = new GitCli({ cacheDir: join(work, 'cache-default'), defaultBranchRefreshMs: 30_000, now: () => now });
    assert.deepEqual(await cli.resolveDefaultBranch(url), { ok: true, value: 'main' });
    git(repo, 'branch', 'trunk');
    git(repo, 'symbolic-ref', 'HEAD', 'refs/heads/trunk');
    now = 29_000;
    const remembered = await gitCalls(() => cli.resolveDefaultBranch(url));
    assert.deepEqual(remembered, { result: { ok: true, value: 'main' }, calls: [] });
    now = 30_000;
    const listed = await gitCalls(() => cli.resolveDefaultBranch(url));
    assert.deepEqual(listed.result, { ok: true, value: 'trunk' });
    assert.equal(listed.calls.length, 1);
  });
});

describe('a reused working copy', () => {
  test('holding the commit: checkout and clean only; missing it: one fetch, and the trace says so', async () => {
    const repo = newRepo('job-source');
    const cli = new GitCli({ cacheDir: join(work, 'cache-jobs') });
    const dir = join(work, 'builds', '0', 'job-source');
    const request = { repository: repo, ref: 'main', dir, cacheDir: join(work, 'cache-jobs') };
    const sha = git(repo, 'rev-parse', 'HEAD');
    const fresh = await cli.prepareWorkingCopy({ ...request, sha });
    assert.ok(fresh.ok, JSON.stringify(fresh));

    const reused = await gitCalls(() => cli.prepareWorkingCopy({ ...request, sha }));
    assert.ok(reused.result.ok);
    assert.deepEqual(reused.calls.map(verb), ['checkout', 'clean']);
    assert.ok(!reused.result.value.lines.some((l) => l.text === 'Fetching changes...'));

    const pushed = commit(repo, 'second');
    const fetched = await gitCalls(() => cli.prepareWorkingCopy({ ...request, sha: pushed }));
    assert.ok(fetched.result.ok);
    const texts = fetched.result.value.lines.map((l) => l.text);
    assert.ok(texts.includes('Fetching changes...'));
    assert.deepEqual(fetched.calls.map(verb), ['cat-file', 'fetch', 'checkout', 'clean']);
    assert.equal(git(dir, 'rev-parse', 'HEAD'), pushed);
  });
});
