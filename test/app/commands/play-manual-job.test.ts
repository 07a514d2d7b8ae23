import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import { playManualJob } from '../../../src/app/play-manual-job.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import type { UserRecord } from '../../../src/ports/store/user-store.js';
import { EXTERNAL_URL, createCommandWorld, type CommandWorld } from './command-world.js';

const CONFIG = 'deploy:\n  when: manual\n  script: ./deploy\nhello:\n  script: echo hi\n';

describe('playManualJob and chat play', () => {
  let world: CommandWorld;
  let project: ProjectRecord;
  let dev: UserRecord;
  let devChat: string;

  async function manualJob(): Promise<number> {
    const answer = await handleChatCommand(world.deps(), world.request('run deploy', { chatUserId: devChat }));
    assert.equal(answer.outcome, 'accepted');
    assert.ok(answer.jobId !== undefined);
    return answer.jobId;
  }

  before(async () => {
    world = await createCommandWorld();
    ({ project, dev, devChat } = await world.developerInChannel({ '.gitlab-ci.yml': CONFIG }));
  });
  after(() => world.close());

  test('a developer starts a manual job: manual → pending, with its pipeline; a second play is refused', async () => {
    const jobId = await manualJob();
    const played = await playManualJob(world, { jobId, userId: dev.id });
    assert.equal(played.kind, 'started');
    const job = await world.store.pipelines.getJob(jobId);
    assert.equal(job?.status, 'pending');
    assert.equal(job?.queuedAt, world.clock.now());
    assert.equal((await world.store.pipelines.getPipeline(job?.pipelineId ?? 0))?.status, 'pending');
    const again = await playManualJob(world, { jobId, userId: dev.id });
    assert.equal(again.kind, 'not_manual');
    assert.equal(again.kind === 'not_manual' ? again.job.status : '', 'pending');
  });

  test('a reporter may not start it; a non-member is told there is no such job', async () => {
    const jobId = await manualJob();
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    const refused = await playManualJob(world, { jobId, userId: reporter.id });
    assert.deepEqual(refused, { kind: 'forbidden', project, role: 'reporter', needed: 'developer' });
    const stranger = await world.user();
    assert.deepEqual(await playManualJob(world, { jobId, userId: stranger.id }), { kind: 'not_found' });
    assert.deepEqual(await playManualJob(world, { jobId: 999_999, userId: dev.id }), { kind: 'not_found' });
    assert.deepEqual(await playManualJob(world, { jobId, userId: dev.id, projectPath: 'some/other' }), { kind: 'not_found' });
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'manual', 'still waiting');
  });

  test('chat `play N`: started in the channel; refusals to the sender with their reason', async () => {
    const jobId = await manualJob();
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    const asReporter = await handleChatCommand(world.deps(), world.request(`play ${jobId}`, { chatUserId: await world.linkSlack(reporter) }));
    assert.equal(asReporter.outcome, 'refused_forbidden');
    assert.equal(asReporter.message.text, `You may not run jobs in \`${project.path}\`: that needs the developer role or higher, and you are a reporter.`);

    const started = await handleChatCommand(world.deps(), world.request(`${project.path} play #${jobId}`, { chatUserId: devChat, chatUserName: 'jane' }));
    assert.equal(started.outcome, 'accepted');
    assert.equal(started.jobId, jobId);
    assert.equal(started.message.visibility, 'in_channel');
    const url = `${EXTERNAL_URL}/${project.path}/-/jobs/${jobId}`;
    assert.equal(started.message.text, `started \`deploy\`: job [#${jobId}](${url}). Its output will be posted here when it finishes.`);
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'pending');

    const twice = await handleChatCommand(world.deps(), world.request(`play ${jobId}`, { chatUserId: devChat }));
    assert.equal(twice.outcome, 'refused_not_manual');
    assert.match(twice.message.text, /is not waiting to be started: it is pending\.$/);

    const missing = await handleChatCommand(world.deps(), world.request('play 987654', { chatUserId: devChat }));
    assert.equal(missing.outcome, 'refused_job_not_found');
    assert.equal(missing.message.text, 'There is no job #987654 that you can start.');

    const [event] = await world.store.audit.list({ chatUserId: devChat, decision: 'accepted', limit: 1, jobId });
    assert.equal(event?.reason, 'played a manual job');
  });

  test('a job that was never manual cannot be played', async () => {
    const answer = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId: devChat }));
    assert.ok(answer.jobId !== undefined);
    const played = await playManualJob(world, { jobId: answer.jobId, userId: dev.id });
    assert.equal(played.kind, 'not_manual');
  });
});
