import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../../test/support/process-liveness.js';
import { JOB_MARKER_VARIABLE, JobProcessReaper } from './job-process-reaper.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-reaper-test-'));
const started: ChildProcess[] = [];
after(() => {
  for (const child of started) if (child.pid !== undefined) killQuietly(child.pid);
  rmSync(work, { recursive: true, force: true });
});

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A marked step shell leading its own group, as the shell executor starts one. */
function stepShell(script: string, marker: string): ChildProcess & { pid: number } {
  const child = spawn('bash', ['-c', script], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', [JOB_MARKER_VARIABLE]: marker },
    detached: true,
    stdio: 'ignore',
  });
  started.push(child);
  if (child.pid === undefined) throw new Error('bash did not start');
  return child as ChildProcess & { pid: number };
}

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text.endsWith('\n')) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${path} was not written`);
}

describe('JobProcessReaper', { skip: existsSync('/proc/self/environ') ? false : 'needs Linux /proc' }, () => {
  test('finds and kills a process that left the group with setsid, and only marked ones', async () => {
    const marker = 'reaper-test-a';
    const shell = stepShell(`setsid sleep 1000 & echo $! > ${join(work, 'a-pids')}; wait`, marker);
    const reaper = new JobProcessReaper(shell.pid, marker);
    const daemon = Number((await waitForFile(join(work, 'a-pids'))).trim());
    const bystander = stepShell('sleep 1000', 'some-other-job');

    const marked = await reaper.markedProcesses();
    assert.ok(marked.includes(daemon), `the setsid daemon ${daemon} is found`);
    assert.ok(marked.includes(shell.pid), 'the step shell itself is found');
    assert.ok(!marked.includes(bystander.pid), 'another job\'s process is not');

    await reaper.killAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(isAlive(daemon), false, 'the daemon was killed');
    assert.deepEqual(await reaper.markedProcesses(), []);
    assert.equal(isAlive(bystander.pid), true, 'the other job\'s process lives on');
  });

  test('after a step that started many processes (/proc is listed instead of probed id by id) the daemon is still found', async () => {
    const marker = 'reaper-test-c';
    const shell = stepShell(`for i in $(seq 80); do /bin/true; done; setsid sleep 1000 & echo $! > ${join(work, 'c-pids')}; wait`, marker);
    const reaper = new JobProcessReaper(shell.pid, marker);
    const daemon = Number((await waitForFile(join(work, 'c-pids'))).trim());
    assert.ok(daemon - shell.pid > 64 || daemon < shell.pid, 'more ids were handed out than are probed one by one');
    assert.ok((await reaper.markedProcesses()).includes(daemon));
    await reaper.killAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(isAlive(daemon), false, 'the daemon was killed');
  });

  test('a process started before the step\'s shell is not read, even with the same marker', async () => {
    const marker = 'reaper-test-b';
    const older = stepShell('sleep 1000', marker);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shell = stepShell('sleep 1000', marker);
    const reaper = new JobProcessReaper(shell.pid, marker);
    const marked = await reaper.markedProcesses();
    assert.ok(marked.includes(shell.pid));
    // Only when the id counter did not wrap between the two (it practically never does).
    if (shell.pid > older.pid) assert.ok(!marked.includes(older.pid), 'ids below the shell\'s are not candidates');
    await reaper.killAll();
    killQuietly(older.pid);
  });
});
