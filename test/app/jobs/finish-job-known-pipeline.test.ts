import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimJob } from '../../../src/app/claim-job.js';
import { finishJob } from '../../../src/app/finish-job.js';
import { createChatJob, openHarness, type Harness } from './job-harness.js';

let h: Harness;
before(async () => {
  h = await openHarness();
});
after(() => h.close());

describe('finishJob with the pipeline the runner knows from its claim', () => {
  test('finishes the job and its pipeline, owes one reply, and a repeat is already_finished', async () => {
    const runner = await h.runner();
    const { pipeline, job } = await createChatJob(h, { script: ['echo hi'] });
    const claimed = await claimJob(h.deps(), runner.id, { touchContact: false });
    assert.equal(claimed.kind === 'claimed' && claimed.job.id, job.id);

    const input = { jobId: job.id, runnerId: runner.id, pipelineId: pipeline.id, outcome: { status: 'failed', failureReason: 'script_failure', exitCode: 3 } } as const;
    const finished = await finishJob(h.deps(), input);
    assert.equal(finished.kind, 'finished');
    assert.equal(finished.kind === 'finished' && finished.job.status, 'failed');
    assert.equal(finished.kind === 'finished' && finished.job.exitCode, 3);
    assert.equal((await h.store.pipelines.getPipeline(pipeline.id))?.status, 'failed');

    const again = await finishJob(h.deps(), input);
    assert.equal(again.kind, 'already_finished');
    const replies = await h.store.replies.listForJob(job.id);
    assert.equal(replies.filter((r) => r.kind === 'result').length, 1, 'one result reply');
  });

  test('a job that is not in the named pipeline is not found; another runner\'s job is not_running', async () => {
    const runner = await h.runner();
    const other = await h.runner('embedded@other');
    const { pipeline, job } = await createChatJob(h, { script: ['echo hi'] });
    const { pipeline: elsewhere } = await createChatJob(h, { script: ['echo hi'], status: 'success' });
    const claimed = await claimJob(h.deps(), runner.id);
    assert.equal(claimed.kind === 'claimed' && claimed.job.id, job.id);

    const outcome = { status: 'success', exitCode: 0 } as const;
    assert.deepEqual(await finishJob(h.deps(), { jobId: job.id, runnerId: runner.id, pipelineId: elsewhere.id, outcome }), { kind: 'not_found' });
    const foreign = await finishJob(h.deps(), { jobId: job.id, runnerId: other.id, pipelineId: pipeline.id, outcome });
    assert.equal(foreign.kind, 'not_running');
    assert.equal((await h.store.pipelines.getJob(job.id))?.status, 'running', 'still running for its runner');
  });
});
