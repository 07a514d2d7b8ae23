import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobRecord } from '../../src/ports/store/pipeline-record.js';
import { aJob, aPipeline, aProject, aRunner, aUser, drainQueue } from './store-fixtures.js';
import { describeEachStore } from './store-variants.js';

describeEachStore('PipelineStore', (sut) => {
  test('createPipeline writes the pipeline, its chat context and its jobs together', async () => {
    const { store } = sut();
    const project = await aProject(store);
    const user = await aUser(store);
    const chat = {
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      channelName: 'ops',
      chatUserId: 'U1',
      chatUserName: 'alice',
      responseUrl: 'https://hooks.example/1',
      thread: '1700000000.000100',
      commandText: 'run deploy production\nline two  ',
    };
    const { pipeline, jobs } = await store.pipelines.createPipeline(
      { projectId: project.id, source: 'chat', ref: 'main', sha: 'f'.repeat(40), userId: user.id, status: 'pending', chat },
      [aJob({ name: 'deploy' }, { variables: { SECRET: { masked: true } } }), aJob({ name: 'manual one', status: 'manual', when: 'manual', allowFailure: true })],
      5000,
    );
    assert.deepEqual(await store.pipelines.getPipeline(pipeline.id), pipeline);
    assert.deepEqual(pipeline.chat, chat);
    assert.equal(pipeline.userId, user.id);
    assert.deepEqual(
      jobs.map((j) => [j.name, j.status, j.queuedAt, j.allowFailure, j.when]),
      [
        ['deploy', 'pending', 5000, false, 'on_success'],
        ['manual one', 'manual', null, true, 'manual'],
      ],
    );
    assert.deepEqual(jobs[0]?.payload, { variables: { SECRET: { masked: true } } });
    assert.deepEqual(await store.pipelines.listJobsForPipeline(pipeline.id), jobs);
    const listed = await store.pipelines.listPipelines({ projectId: project.id });
    assert.deepEqual(listed.map((p) => p.id), [pipeline.id]);
    assert.equal(jobs[0]?.projectId, project.id);
  });

  test('a pipeline that is not from chat has no chat context', async () => {
    const { pipeline } = await aPipeline(sut().store);
    assert.equal(pipeline.chat, null);
  });

  test('transitionJob applies only from an expected status (compare-and-set)', async () => {
    const { store } = sut();
    const { jobs } = await aPipeline(store, [aJob({ status: 'manual', when: 'manual' })]);
    const job = jobs[0] ?? assert.fail();

    const wrong = await store.pipelines.transitionJob(job.id, ['pending'], 'running', { at: 3000 });
    assert.equal(wrong.kind, 'conflict');
    assert.equal(wrong.kind === 'conflict' && wrong.job.status, 'manual');

    const played = await store.pipelines.transitionJob(job.id, ['manual'], 'pending', { at: 3000 });
    assert.equal(played.kind, 'applied');
    assert.equal(played.kind === 'applied' && played.job.queuedAt, 3000);

    // The same transition again is a conflict: retries are safe.
    const again = await store.pipelines.transitionJob(job.id, ['manual'], 'pending', { at: 3001 });
    assert.equal(again.kind, 'conflict');
    assert.equal((await store.pipelines.getJob(job.id))?.queuedAt, 3000);

    assert.deepEqual(await store.pipelines.transitionJob(999_999, ['pending'], 'running', { at: 1 }), { kind: 'not_found' });
    const none = await store.pipelines.transitionJob(job.id, [], 'failed', { at: 1 });
    assert.equal(none.kind, 'conflict');
  });

  test('two concurrent transitions from the same status: exactly one applies', async () => {
    const { store } = sut();
    const { jobs } = await aPipeline(store, [aJob({ status: 'running' })]);
    const id = jobs[0]?.id ?? assert.fail();
    const results = await Promise.all([
      store.pipelines.transitionJob(id, ['running'], 'success', { at: 4000, exitCode: 0 }),
      store.pipelines.transitionJob(id, ['running'], 'canceled', { at: 4000 }),
      store.pipelines.transitionJob(id, ['running'], 'failed', { at: 4000, failureReason: 'runner_system_failure' }),
    ]);
    assert.equal(results.filter((r) => r.kind === 'applied').length, 1);
    const final = await store.pipelines.getJob(id);
    const winner = results.find((r) => r.kind === 'applied');
    assert.equal(final?.status, winner?.kind === 'applied' ? winner.job.status : undefined);
  });

  test('finishing writes finishedAt, exit code, failure reason and the pipeline status in one go', async () => {
    const { store } = sut();
    await drainQueue(store);
    const runnerId = await aRunner(store);
    const { pipeline, jobs } = await aPipeline(store);
    const claimed = (await store.pipelines.claimNextJob(runnerId, 3000)) ?? assert.fail('nothing claimed');
    assert.equal(claimed.id, jobs[0]?.id);
    assert.equal((await store.pipelines.getPipeline(pipeline.id))?.status, 'running');

    const otherRunner = await aRunner(store);
    const stolen = await store.pipelines.transitionJob(claimed.id, ['running'], 'success', { at: 4000 }, { runnerId: otherRunner });
    assert.equal(stolen.kind, 'conflict', 'only the runner holding the job may finish it');

    const done = await store.pipelines.transitionJob(
      claimed.id,
      ['running'],
      'failed',
      { at: 5000, exitCode: 3, failureReason: 'script_failure', pipelineStatus: 'failed' },
      { runnerId },
    );
    assert.equal(done.kind, 'applied');
    const job = done.kind === 'applied' ? done.job : assert.fail();
    assert.deepEqual([job.status, job.exitCode, job.failureReason, job.finishedAt, job.startedAt], ['failed', 3, 'script_failure', 5000, 3000]);
    const p = await store.pipelines.getPipeline(pipeline.id);
    assert.deepEqual([p?.status, p?.finishedAt], ['failed', 5000]);
  });

  test('a conflicting transition leaves the pipeline untouched', async () => {
    const { store } = sut();
    const { pipeline, jobs } = await aPipeline(store, [aJob({ status: 'success' })]);
    const id = jobs[0]?.id ?? assert.fail();
    const r = await store.pipelines.transitionJob(id, ['running'], 'failed', { at: 9, pipelineStatus: 'failed' });
    assert.equal(r.kind, 'conflict');
    assert.equal((await store.pipelines.getPipeline(pipeline.id))?.status, 'pending');
  });

  test('transitionPipeline is compare-and-set too', async () => {
    const { store } = sut();
    const { pipeline } = await aPipeline(store);
    assert.equal(await store.pipelines.transitionPipeline(pipeline.id, ['running'], 'success', 10), false);
    assert.equal(await store.pipelines.transitionPipeline(pipeline.id, ['pending'], 'canceled', 10), true);
    const p = await store.pipelines.getPipeline(pipeline.id);
    assert.deepEqual([p?.status, p?.finishedAt], ['canceled', 10]);
  });

  test('claimNextJob takes pending jobs oldest first, skips other statuses, then answers undefined', async () => {
    const { store } = sut();
    await drainQueue(store);
    const runnerId = await aRunner(store);
    const later = await aPipeline(store, [aJob({ name: 'later' })], 8000);
    const manual = await aPipeline(store, [aJob({ name: 'manual', status: 'manual', when: 'manual' })], 6000);
    const earlier = await aPipeline(store, [aJob({ name: 'earlier' })], 7000);
    const first = await store.pipelines.claimNextJob(runnerId, 9000);
    const second = await store.pipelines.claimNextJob(runnerId, 9001);
    assert.deepEqual([first?.name, second?.name], ['earlier', 'later']);
    assert.deepEqual([first?.status, first?.runnerId, first?.startedAt, first?.heartbeatAt], ['running', runnerId, 9000, 9000]);
    assert.equal(await store.pipelines.claimNextJob(runnerId, 9002), undefined);
    assert.equal((await store.pipelines.getJob(manual.jobs[0]?.id ?? 0))?.status, 'manual');
    assert.ok(earlier.pipeline.id > later.pipeline.id, 'the first claimed was created last but queued first');
  });

  test('20 concurrent claims against 10 jobs hand out exactly 10 distinct jobs', async () => {
    const { store, openReplica } = sut();
    await drainQueue(store);
    const created: JobRecord[] = [];
    for (let i = 0; i < 10; i++) created.push(...(await aPipeline(store, [aJob({ name: `job ${i}` })], 10_000 + i)).jobs);
    // On PostgreSQL half of the claimers go through a second pool, as a second replica would.
    const replica = openReplica();
    const runners = await Promise.all(Array.from({ length: 20 }, () => aRunner(store)));
    const claims = await Promise.all(
      runners.map((runnerId, i) => (i % 2 === 1 && replica ? replica : store).pipelines.claimNextJob(runnerId, 20_000)),
    );
    const got = claims.filter((c): c is JobRecord => c !== undefined);
    assert.equal(got.length, 10);
    assert.equal(new Set(got.map((j) => j.id)).size, 10, 'no job handed out twice');
    assert.deepEqual(new Set(got.map((j) => j.id)), new Set(created.map((j) => j.id)));
    for (const job of got) {
      const stored = await store.pipelines.getJob(job.id);
      assert.equal(stored?.runnerId, job.runnerId, 'the stored owner is the claimer that got it');
    }
  });

  test('heartbeat records life for the holding runner only, and carries cancel requests', async () => {
    const { store } = sut();
    await drainQueue(store);
    const runnerId = await aRunner(store);
    const otherRunner = await aRunner(store);
    await aPipeline(store);
    const job = (await store.pipelines.claimNextJob(runnerId, 1000)) ?? assert.fail();
    assert.deepEqual(await store.pipelines.heartbeat(job.id, runnerId, 2000), { kind: 'alive', cancelRequested: false });
    assert.equal((await store.pipelines.getJob(job.id))?.heartbeatAt, 2000);
    assert.deepEqual(await store.pipelines.heartbeat(job.id, otherRunner, 2500), { kind: 'not_running', status: 'running' });
    assert.equal((await store.pipelines.getJob(job.id))?.heartbeatAt, 2000);

    const cancel = await store.pipelines.requestCancel(job.id, 3000);
    assert.equal(cancel.kind, 'cancel_requested');
    assert.deepEqual(await store.pipelines.heartbeat(job.id, runnerId, 3500), { kind: 'alive', cancelRequested: true });
    assert.equal((await store.pipelines.requestCancel(job.id, 3600)).kind, 'cancel_requested', 'idempotent');

    await store.pipelines.transitionJob(job.id, ['running'], 'canceled', { at: 4000 }, { runnerId });
    assert.deepEqual(await store.pipelines.heartbeat(job.id, runnerId, 5000), { kind: 'not_running', status: 'canceled' });
    assert.deepEqual(await store.pipelines.heartbeat(999_999, runnerId, 5000), { kind: 'not_found' });
  });

  test('requestCancel cancels a job that has not started, and leaves a finished one alone', async () => {
    const { store } = sut();
    const { jobs } = await aPipeline(store, [aJob(), aJob({ name: 'm', status: 'manual', when: 'manual' }), aJob({ name: 's', status: 'success' })]);
    const [pending, manual, done] = jobs;
    const c1 = await store.pipelines.requestCancel(pending?.id ?? 0, 700);
    assert.equal(c1.kind, 'canceled');
    assert.deepEqual(c1.kind === 'canceled' && [c1.job.status, c1.job.finishedAt], ['canceled', 700]);
    assert.equal((await store.pipelines.requestCancel(manual?.id ?? 0, 700)).kind, 'canceled');
    const c3 = await store.pipelines.requestCancel(done?.id ?? 0, 700);
    assert.equal(c3.kind, 'already_finished');
    assert.equal(c3.kind === 'already_finished' && c3.job.status, 'success');
    assert.deepEqual(await store.pipelines.requestCancel(999_999, 700), { kind: 'not_found' });
  });

  test('findStaleRunningJobs finds silent jobs; the reaper guard loses to a late heartbeat', async () => {
    const { store } = sut();
    await drainQueue(store);
    const runnerId = await aRunner(store);
    await aPipeline(store, [aJob({ name: 'silent' })], 100);
    await aPipeline(store, [aJob({ name: 'chatty' })], 101);
    const silent = (await store.pipelines.claimNextJob(runnerId, 1000)) ?? assert.fail();
    const chatty = (await store.pipelines.claimNextJob(runnerId, 1000)) ?? assert.fail();
    await store.pipelines.heartbeat(chatty.id, runnerId, 50_000);

    const stale = await store.pipelines.findStaleRunningJobs(40_000);
    const staleIds = stale.map((j) => j.id);
    assert.ok(staleIds.includes(silent.id));
    assert.ok(!staleIds.includes(chatty.id));

    // A heartbeat lands between the reaper's find and its write: the guard refuses.
    await store.pipelines.heartbeat(silent.id, runnerId, 45_000);
    const reap = { at: 60_000, failureReason: 'runner_system_failure' as const };
    const late = await store.pipelines.transitionJob(silent.id, ['running'], 'failed', reap, { heartbeatBefore: 40_000 });
    assert.equal(late.kind, 'conflict');
    const reaped = await store.pipelines.transitionJob(silent.id, ['running'], 'failed', reap, { heartbeatBefore: 46_000 });
    assert.equal(reaped.kind, 'applied');
    assert.equal(reaped.kind === 'applied' && reaped.job.failureReason, 'runner_system_failure');
  });

  test('listJobs and listPipelines page newest first and filter', async () => {
    const { store } = sut();
    const a = await aPipeline(store, [aJob({ name: 'one' }), aJob({ name: 'two', status: 'success' })]);
    const page1 = await store.pipelines.listJobs({ projectId: a.project.id, limit: 1 });
    assert.deepEqual(page1.map((j) => j.name), ['two']);
    const page2 = await store.pipelines.listJobs({ projectId: a.project.id, beforeId: page1[0]?.id ?? 0 });
    assert.deepEqual(page2.map((j) => j.name), ['one']);
    const successes = await store.pipelines.listJobs({ projectId: a.project.id, statuses: ['success'] });
    assert.deepEqual(successes.map((j) => j.name), ['two']);
    assert.deepEqual(await store.pipelines.listJobs({ statuses: [] }), []);
  });

  test('deleting a project removes its pipelines and jobs', async () => {
    const { store } = sut();
    const { project, pipeline, jobs } = await aPipeline(store);
    assert.equal(await store.projects.delete(project.id), true);
    assert.equal(await store.pipelines.getPipeline(pipeline.id), undefined);
    assert.equal(await store.pipelines.getJob(jobs[0]?.id ?? 0), undefined);
  });

  test('deleting a runner keeps the jobs it ran, without the runner id', async () => {
    const { store } = sut();
    await drainQueue(store);
    const runnerId = await aRunner(store);
    await aPipeline(store);
    const job = (await store.pipelines.claimNextJob(runnerId, 100)) ?? assert.fail();
    await store.pipelines.transitionJob(job.id, ['running'], 'success', { at: 200, exitCode: 0 });
    assert.equal(await store.runners.delete(runnerId), true);
    const kept = await store.pipelines.getJob(job.id);
    assert.deepEqual([kept?.status, kept?.runnerId], ['success', null]);
  });

  test('countJobs counts jobs in the given statuses across every project, following each transition', async () => {
    const { store } = sut();
    const statuses = ['pending', 'manual', 'running', 'success'] as const;
    const counts = async (): Promise<number[]> => Promise.all(statuses.map((status) => store.pipelines.countJobs([status])));
    const before = await counts();
    const delta = async (): Promise<number[]> => (await counts()).map((n, i) => n - (before[i] ?? 0));

    const first = await aPipeline(store, [aJob({ name: 'a' }), aJob({ name: 'b' }), aJob({ name: 'm', status: 'manual', when: 'manual' })]);
    await aPipeline(store, [aJob({ name: 'c' })]);
    assert.deepEqual(await delta(), [3, 1, 0, 0], 'two projects: 3 pending, 1 manual');

    const [a, b, m] = first.jobs;
    await store.pipelines.transitionJob(a?.id ?? 0, ['pending'], 'running', { at: 3000 });
    await store.pipelines.transitionJob(b?.id ?? 0, ['pending'], 'success', { at: 3000, exitCode: 0 });
    await store.pipelines.transitionJob(m?.id ?? 0, ['manual'], 'pending', { at: 3000 });
    assert.deepEqual(await delta(), [2, 0, 1, 1]);

    const several = await store.pipelines.countJobs(['pending', 'running']);
    const [pendingNow = 0, , runningNow = 0] = await counts();
    assert.equal(several, pendingNow + runningNow, 'several statuses count once each');
    assert.equal(await store.pipelines.countJobs(['pending', 'pending']), pendingNow, 'a repeated status is not counted twice');
    assert.equal(await store.pipelines.countJobs([]), 0);
    assert.equal(typeof several, 'number');
  });

  test('countJobs is exact beyond any page size and drops jobs removed with their project', async () => {
    const { store } = sut();
    const before = await store.pipelines.countJobs(['pending']);
    const many = Array.from({ length: 1001 }, (_, i) => aJob({ name: `job ${i}` }));
    const { project } = await aPipeline(store, many);
    assert.equal(await store.pipelines.countJobs(['pending']), before + 1001);
    assert.equal(await store.projects.delete(project.id), true);
    assert.equal(await store.pipelines.countJobs(['pending']), before);
  });
});
