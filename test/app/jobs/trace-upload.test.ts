import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cancelJob } from '../../../src/app/cancel-job.js';
import { finishJob } from '../../../src/app/finish-job.js';
import type { AppendTraceReply, RunnerProtocol } from '../../../src/ports/runner-protocol.js';
import { TraceUpload } from '../../../src/runner/trace-upload.js';
import { claimedJob } from './finished-job.js';
import { eventually, openHarness, type Harness } from './job-harness.js';

let h: Harness;
before(async () => {
  h = await openHarness();
});
after(async () => {
  await h.close();
});

type Append = RunnerProtocol['appendTrace'];

/** The real protocol's appendTrace, with the answers of chosen calls lost on the way back. */
function losingAnswers(inner: Append, lose: ReadonlySet<number>, calls: { offset: number; size: number }[]): Append {
  return async (jobId, offset, bytes) => {
    const reply: AppendTraceReply = await inner(jobId, offset, bytes);
    calls.push({ offset, size: bytes.length });
    if (lose.has(calls.length)) throw new Error('connection reset (answer lost)');
    return reply;
  };
}

const stored = async (jobId: number) => Buffer.from(await h.store.traces.readTrace(jobId)).toString('utf8');

describe('trace upload', () => {
  test('chunks are buffered and sent in order with byte offsets; a lost answer is resent without duplicating bytes', async () => {
    const { job, protocol } = await claimedJob(h, {});
    const calls: { offset: number; size: number }[] = [];
    const upload = new TraceUpload({
      protocol: { appendTrace: losingAnswers(protocol.appendTrace.bind(protocol), new Set([1]), calls) },
      jobId: job.id,
      flushIntervalMs: 30,
      retryDelayMs: 250,
    });
    upload.push(Buffer.from('first '));
    upload.push(Buffer.from('chunk\n'));
    await eventually(async () => (calls.length >= 1 ? true : undefined));
    // While the lost answer waits for its retry, more output arrives: the retry carries more
    // bytes than were stored, the store answers range_mismatch, and the upload goes on from there.
    upload.push(Buffer.from('second\n'));
    upload.push(Buffer.from('third\n'));
    await upload.close();
    assert.equal(await stored(job.id), 'first chunk\nsecond\nthird\n');
    assert.equal(upload.uploadedBytes, 'first chunk\nsecond\nthird\n'.length);
    assert.deepEqual(calls[0], { offset: 0, size: 12 }, 'the two small chunks went up together');
    assert.deepEqual(calls[1], { offset: 0, size: 25 }, 'the retry starts where the runner believed the server was');
    assert.equal(calls.at(-1)?.offset, 12, 'then it resumed from the size the server reported');
  });

  test('a large burst is sent at once in requests of at most maxRequestBytes', async () => {
    const { job, protocol } = await claimedJob(h, {});
    const calls: { offset: number; size: number }[] = [];
    const upload = new TraceUpload({
      protocol: { appendTrace: losingAnswers(protocol.appendTrace.bind(protocol), new Set(), calls) },
      jobId: job.id,
      flushIntervalMs: 10_000,
      eagerBytes: 1000,
      maxRequestBytes: 4096,
    });
    const burst = Buffer.alloc(10_000, 'a');
    upload.push(burst);
    await eventually(async () => ((await h.store.traces.traceSize(job.id)) === 10_000 ? true : undefined), 2000, 'the burst');
    assert.deepEqual(calls.map((c) => [c.offset, c.size]), [[0, 4096], [4096, 4096], [8192, 1808]]);
    await upload.close();
  });

  test('job_not_running (the job was finished or reaped): the upload stops and says so', async () => {
    const { job, protocol } = await claimedJob(h, {});
    let goneWith: string | undefined = 'not called';
    const upload = new TraceUpload({ protocol, jobId: job.id, flushIntervalMs: 10, onJobGone: (status) => (goneWith = status) });
    upload.push(Buffer.from('before\n'));
    await eventually(async () => ((await h.store.traces.traceSize(job.id)) === 7 ? true : undefined));
    await finishJob(h.deps(), { jobId: job.id, outcome: { status: 'failed', failureReason: 'runner_system_failure', exitCode: null } });
    upload.push(Buffer.from('after\n'));
    await upload.close();
    assert.equal(goneWith, 'failed');
    assert.equal(upload.stoppedBecause, 'gone');
    assert.equal(await stored(job.id), 'before\n');
  });

  test('cancel does not stop the upload: after_script output still reaches the server', async () => {
    const { job, protocol } = await claimedJob(h, {});
    await cancelJob(h.deps(), job.id);
    const upload = new TraceUpload({ protocol, jobId: job.id, flushIntervalMs: 10 });
    upload.push(Buffer.from('after_script ran\n'));
    await upload.close();
    assert.equal(await stored(job.id), 'after_script ran\n');
  });
});
