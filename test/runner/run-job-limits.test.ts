import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellExecutor } from '../../src/adapters/executor/shell-executor.js';
import type { JobOutcome, RunnableJob } from '../../src/domain/job/runnable-job.js';
import { parseTraceSections } from '../../src/domain/trace/section-parser.js';
import { runJob } from '../../src/runner/run-job.js';
import { isAlive, pidsIn } from '../support/process-liveness.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-run-job-limits-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
const executor = new ShellExecutor({ drainMs: 200 });

function job(overrides: Partial<RunnableJob>): RunnableJob {
  return { id: 1, name: 'j', stage: 'test', beforeScript: [], script: ['true'], afterScript: [], variables: [], timeoutSeconds: 60, allowFailure: false, ...overrides };
}

interface RunOptions {
  limit?: number;
  signal?: AbortSignal;
  onChunk?: (chunk: Buffer) => void;
  keep?: boolean;
  afterScriptTimeoutSeconds?: number;
}

async function run(j: RunnableJob, options: RunOptions = {}): Promise<{ outcome: JobOutcome; trace: Buffer; ms: number; received: number }> {
  const chunks: Buffer[] = [];
  let received = 0;
  const started = Date.now();
  const outcome = await runJob({
    job: j,
    workspace: { kind: 'directory', path: work },
    baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    executor,
    traceLimitBytes: options.limit ?? 4 * 1024 * 1024,
    onTrace: (c) => {
      received += c.length;
      options.onChunk?.(c);
      if (options.keep !== false) chunks.push(c);
    },
    signal: options.signal ?? new AbortController().signal,
    clock: { now: () => new Date() },
    runnerName: 'limits',
    cancelGraceMs: 300,
    afterScriptTimeoutSeconds: options.afterScriptTimeoutSeconds,
  });
  return { outcome, trace: Buffer.concat(chunks), ms: Date.now() - started, received };
}

describe('runJob: ending and limits', () => {
  test('timeout: job_execution_timeout, the process group is gone, after_script still runs', async () => {
    const { outcome, trace, ms } = await run(
      job({ timeoutSeconds: 1, script: ['sleep 30 & echo $! > timeout-pids; echo $$ >> timeout-pids', 'sleep 30'], afterScript: ['echo "after=$CI_JOB_STATUS"'] }),
    );
    assert.deepEqual([outcome.status, outcome.failureReason, outcome.exitCode], ['failed', 'job_execution_timeout', null]);
    assert.ok(ms < 4000, `took ${ms} ms`);
    for (const pid of pidsIn(work, 'timeout-pids')) assert.equal(isAlive(pid), false, `pid ${pid} survived`);
    const text = trace.toString();
    assert.ok(text.includes('after=failed\n'));
    assert.ok(text.endsWith('\x1b[31;1mERROR: Job failed: execution took longer than 1s seconds\x1b[0;m\n'));
  });

  test('cancel: SIGTERM then SIGKILL for a job trapping TERM, nothing left, status canceled', async () => {
    const controller = new AbortController();
    const { outcome, trace, ms } = await run(
      job({
        script: ["trap 'echo got-TERM' TERM", 'echo $$ > cancel-pids', 'echo ready', 'while true; do sleep 0.05 || true; done'],
        afterScript: ['echo "after=$CI_JOB_STATUS"'],
      }),
      { signal: controller.signal, onChunk: (c) => c.includes('ready\n') && controller.abort() },
    );
    assert.deepEqual([outcome.status, outcome.failureReason, outcome.exitCode], ['canceled', undefined, null]);
    assert.ok(ms >= 300 && ms < 4000, `took ${ms} ms`);
    for (const pid of pidsIn(work, 'cancel-pids')) assert.equal(isAlive(pid), false);
    const text = trace.toString();
    assert.ok(text.includes('got-TERM\n'), 'SIGTERM came first');
    assert.ok(text.includes('after=canceled\n'));
    assert.ok(text.endsWith('\x1b[31;1mERROR: Job failed: canceled\x1b[0;m\n'));
  });

  test('after_script has its own limit; running over it is a warning, not a failure', async () => {
    const { outcome, trace, ms } = await run(job({ script: ['echo ok'], afterScript: ['sleep 30'] }), { afterScriptTimeoutSeconds: 1 });
    assert.equal(outcome.status, 'success');
    assert.ok(ms < 4000, `took ${ms} ms`);
    const text = trace.toString();
    assert.ok(text.includes('WARNING: after_script failed, but job will continue unaffected: execution took longer than 1s seconds'));
    assert.ok(text.endsWith('\x1b[32;1mJob succeeded\x1b[0;m\n'));
  });

  test('a daemon started with setsid is killed and the job returns promptly', async () => {
    const { outcome, ms } = await run(job({ script: ['setsid sleep 1000 & echo $! > daemon-pids', 'echo started'] }));
    assert.equal(outcome.status, 'success');
    assert.ok(ms < 2000, `took ${ms} ms`);
    for (const pid of pidsIn(work, 'daemon-pids')) assert.equal(isAlive(pid), false, `daemon ${pid} survived`);
  });

  test('a masked value printed in two chunks is masked', async () => {
    const secret = 'Sup3r-Secret-Valu€';
    const { trace } = await run(
      job({
        variables: [{ key: 'TOKEN', value: secret, masked: true }],
        script: ['printf "token: %s" "${TOKEN:0:7}"; sleep 0.2; printf "%s end\\n" "${TOKEN:7}"', '[ "$TOKEN" = \'Sup3r-Secret-Valu€\' ] && echo intact'],
      }),
    );
    const text = trace.toString();
    assert.ok(text.includes('token: [MASKED] end\n'), text);
    assert.ok(!text.includes(secret));
    assert.ok(text.includes('intact\n'), 'the job itself sees the real value');
  });

  test('past the cap: one notice, no more output, and a parseable end with the final line', async () => {
    const { outcome, trace } = await run(job({ script: ['for i in $(seq 1 5000); do echo "line $i of output"; done', 'exit 4'] }), { limit: 4096 });
    const text = trace.toString();
    assert.equal(outcome.exitCode, 4);
    assert.equal(text.split("Job's log exceeded limit of 4096 bytes.").length, 2);
    assert.ok(!text.includes('line 5000 of output'));
    assert.ok(trace.length <= 4096 + 512, `trace is ${trace.length} bytes`);
    assert.equal(outcome.traceBytes, trace.length);
    assert.ok(parseTraceSections(trace).some((s) => s.name === 'step_script'));
    assert.ok(text.endsWith('\x1b[31;1mERROR: Job failed: exit code 4\x1b[0;m\n'));
  });

  // 200 MB of output: if it were kept, memory would grow by at least that much;
  // the bound leaves room for garbage the collector has not reclaimed yet.
  test('200 MB of output streams with bounded memory and a capped trace', async () => {
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const { outcome, received } = await run(job({ script: ["head -c 200000000 /dev/zero | tr '\\0' 'x'", 'echo finished'] }), { keep: false });
    clearInterval(sampler);
    assert.equal(outcome.status, 'success');
    assert.ok(received <= 4 * 1024 * 1024 + 1024, `trace is ${received} bytes`);
    assert.ok(peak < 100 * 1024 * 1024, `memory grew by ${Math.round(peak / 1e6)} MB`);
  });
});
