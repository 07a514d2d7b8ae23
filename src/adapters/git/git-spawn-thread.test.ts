import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runGit } from './git-command.js';
import { GitSpawnThread } from './git-spawn-thread.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-git-thread-'));
after(() => rmSync(work, { recursive: true, force: true }));
execFileSync('git', ['init', '-q', '-b', 'main', work]);
execFileSync('git', ['-C', work, '-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', 'commit', '-q', '--allow-empty', '-m', 'one']);

describe('GitSpawnThread', () => {
  test('answers as runGit does, for success and failure alike, with many commands at once', async () => {
    const thread = new GitSpawnThread();
    try {
      const commands = [
        ['-C', work, 'rev-parse', 'HEAD'],
        ['-C', work, 'log', '-1', '--format=%s'],
        ['-C', work, 'rev-parse', '--verify', 'no-such-ref'],
        ['-C', join(work, 'missing'), 'status'],
      ];
      const viaThread = await Promise.all(commands.map((args) => thread.run(args)));
      const direct = await Promise.all(commands.map((args) => runGit(args)));
      assert.deepEqual(
        viaThread.map((r) => [r.ok, r.stdout.toString('utf8'), r.stderr]),
        direct.map((r) => [r.ok, r.stdout.toString('utf8'), r.stderr]),
      );
      assert.deepEqual(viaThread.map((r) => r.ok), [true, true, false, false]);
      const many = await Promise.all(Array.from({ length: 20 }, () => thread.run(['-C', work, 'rev-parse', 'HEAD'])));
      assert.ok(many.every((r) => r.ok && r.stdout.toString('utf8') === viaThread[0]?.stdout.toString('utf8')));
    } finally {
      await thread.close();
    }
  });

  test('close fails what is in flight; a later run starts the thread again', async () => {
    const thread = new GitSpawnThread();
    const slow = thread.run(['-c', 'alias.wait=!sleep 2', 'wait']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await thread.close();
    const closed = await slow;
    assert.equal(closed.ok, false);
    assert.match(closed.stderr, /closed/);
    const again = await thread.run(['-C', work, 'rev-parse', 'HEAD']);
    assert.equal(again.ok, true);
    await thread.close();
  });

  test('an idle thread does not keep the process alive', () => {
    const moduleUrl = pathToFileURL(join(import.meta.dirname, 'git-spawn-thread.ts')).href;
    const script = `const { GitSpawnThread } = await import(${JSON.stringify(moduleUrl)});
      const result = await new GitSpawnThread().run(['--version']);
      console.log(result.ok ? 'ran' : 'failed');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(child.signal, null, 'the process ended by itself, not by the timeout');
    assert.equal(child.stdout.trim(), 'ran', child.stderr);
    assert.equal(child.status, 0);
  });
});
