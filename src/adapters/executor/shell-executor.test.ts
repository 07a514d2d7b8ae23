import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, pidsIn } from '../../../test/support/process-liveness.js';
import type { ExecuteRequest, ExecuteResult } from '../../ports/executor.js';
import { ShellExecutor } from './shell-executor.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-executor-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const executor = new ShellExecutor({ drainMs: 200 });
const PATH = process.env.PATH ?? '/usr/bin:/bin';

async function run(
  script: string,
  overrides: Partial<ExecuteRequest> = {},
): Promise<{ result: ExecuteResult; output: string; ms: number }> {
  const chunks: Buffer[] = [];
  const started = Date.now();
  const result = await executor.execute({
    script,
    cwd: work,
    env: { PATH },
    timeoutMs: 5000,
    signal: new AbortController().signal,
    cancelGraceMs: 300,
    onOutput: (c) => chunks.push(c),
    ...overrides,
  });
  return { result, output: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started };
}

describe('ShellExecutor', () => {
  test('reports the exit code and merges stderr into the output in order', async () => {
    const { result, output } = await run('echo out1\necho err1 >&2\necho out2\nexit 7\n');
    assert.deepEqual(result, { kind: 'exited', exitCode: 7 });
    assert.equal(output, 'out1\nerr1\nout2\n');
  });

  test('gives the script exactly the environment passed, plus the job marker, in the given directory', async () => {
    const { output } = await run('env | sort; pwd\n', { env: { PATH, ONLY_ME: 'yes' } });
    const names = output.split('\n').filter((l) => l.includes('=')).map((l) => l.split('=')[0]);
    assert.ok(names.includes('ONLY_ME'));
    assert.ok(names.includes('CHATRUN_JOB_MARKER'));
    assert.ok(!names.includes('HOME'), 'nothing inherited from the server');
    assert.ok(output.trimEnd().endsWith(work));
  });

  test('runs the script as the leader of its own process group', async () => {
    const { output } = await run('echo "$$ $(ps -o pgid= -p $$)"\n');
    const [pid, pgid] = output.trim().split(/\s+/);
    assert.equal(pid, pgid);
  });

  test('on timeout kills the whole process group and reports timed_out', async () => {
    const { result, ms } = await run('sleep 30 & echo $! > pids\nsleep 30\n', { timeoutMs: 300 });
    assert.deepEqual(result, { kind: 'timed_out' });
    assert.ok(ms < 3000, `took ${ms} ms`);
    for (const pid of pidsIn(work, 'pids')) assert.equal(isAlive(pid), false, `pid ${pid} still alive`);
  });

  test('on cancel sends SIGTERM, then SIGKILL after the grace period to a job that traps TERM', async () => {
    const controller = new AbortController();
    const script = "trap 'echo got TERM' TERM\necho $$ > pids\necho ready\nwhile true; do sleep 0.05; done\n";
    const pending = run(script, {
      signal: controller.signal,
      cancelGraceMs: 400,
      onOutput: (c) => {
        if (c.toString().includes('ready')) controller.abort();
      },
    });
    const { result, ms } = await pending;
    assert.deepEqual(result, { kind: 'canceled' });
    assert.ok(ms >= 400, `SIGKILL came after ${ms} ms, before the grace period`);
    assert.ok(ms < 3000, `took ${ms} ms`);
    for (const pid of pidsIn(work, 'pids')) assert.equal(isAlive(pid), false);
  });

  test('the cancel reaches a trapping job: it sees SIGTERM first', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    const { result } = await run("trap 'echo got TERM; exit 143' TERM\necho ready\nwhile true; do sleep 0.05; done\n", {
      signal: controller.signal,
      onOutput: (c) => {
        out.push(c.toString());
        if (c.toString().includes('ready')) controller.abort();
      },
    });
    assert.deepEqual(result, { kind: 'canceled' });
    assert.ok(out.join('').includes('got TERM'));
  });

  test('kills a daemon that escaped the group (setsid, nohup + disown) and returns promptly', async () => {
    const script = [
      'setsid sleep 1000 > /dev/null 2>&1 &',
      'setsid sleep 1001 &', // still holds our output pipe
      'nohup sleep 1002 > /dev/null 2>&1 & disown',
      'sleep 0.2',
      "for p in $(pgrep -f 'sleep 100[012]'); do tr '\\0' '\\n' < /proc/$p/environ | grep -q \"^CHATRUN_JOB_MARKER=$CHATRUN_JOB_MARKER\\$\" && echo $p; done > pids",
      'echo done',
    ].join('\n');
    const { result, output, ms } = await run(script + '\n');
    assert.deepEqual(result, { kind: 'exited', exitCode: 0 });
    assert.ok(output.includes('done'));
    const pids = pidsIn(work, 'pids');
    assert.equal(pids.length, 3, `found ${pids.join(',')}`);
    assert.ok(ms < 2000, `took ${ms} ms`);
    for (const pid of pids) assert.equal(isAlive(pid), false, `daemon ${pid} survived`);
  });

  test('returns already canceled when the signal is aborted before the start', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, output } = await run('echo never\n', { signal: controller.signal });
    assert.deepEqual(result, { kind: 'canceled' });
    assert.equal(output, '');
  });

  test('a cancel that arrives while the script is being prepared still stops the job', async () => {
    const controller = new AbortController();
    // execute() awaits the file system before spawning; abort in that gap.
    const pending = run('sleep 20\necho finished\n', { signal: controller.signal });
    queueMicrotask(() => controller.abort());
    const { result, output, ms } = await pending;
    assert.deepEqual(result, { kind: 'canceled' });
    assert.doesNotMatch(output, /finished/);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  test('reports a missing working directory as a system failure', async () => {
    const { result } = await run('true\n', { cwd: join(work, 'missing') });
    assert.equal(result.kind, 'system_failure');
  });

  test('streams invalid UTF-8 byte for byte', async () => {
    const chunks: Buffer[] = [];
    await run("printf '\\xff\\xfe\\x00A\\xc3\\x28'\n", { onOutput: (c) => chunks.push(c) });
    assert.deepEqual(Buffer.concat(chunks), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28]));
  });
});
