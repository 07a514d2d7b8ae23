import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CiConfigCache } from '../../../src/app/ci-config-cache.js';
import type { CommandOutcome } from '../../../src/domain/chat-command/command-outcome.js';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import { readReplyContent } from '../../../src/app/reply-content.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import type { ReplyRecord } from '../../../src/ports/store/reply-outbox.js';
import { createCommandWorld, instrumentedGit, unique, type CommandWorld, type TestRepo } from './command-world.js';

const CONFIG = 'hello:\n  script: echo hi\n';

describe('handleChatCommand: rate, redelivery, deadline, config cache', () => {
  let world: CommandWorld;
  let project: ProjectRecord;
  let repo: TestRepo;

  /** A developer of the channel's project with a fresh chat account. */
  async function developer(): Promise<string> {
    const user = await world.user();
    await world.member(user, project, 'developer');
    return world.linkSlack(user);
  }

  async function outboxNotice(key: string): Promise<ReplyRecord | undefined> {
    const due = await world.store.replies.claimDue(world.clock.now() + 1, 100, 60_000, unique('test-worker'));
    return due.find((reply) => reply.dedupeKey === `command:${key}`);
  }

  before(async () => {
    world = await createCommandWorld();
    repo = world.repo({ '.gitlab-ci.yml': CONFIG });
    project = await world.project({}, { repository: repo.dir });
    world.channelDefaults.set('slack:C1', project.path);
  });
  after(() => world.close());

  test('the 31st command within a minute is refused with the seconds to wait; refusals do not count', async () => {
    const chatUserId = await developer();
    const outcomes: CommandOutcome[] = [];
    const deps = world.deps({ onOutcome: (outcome) => outcomes.push(outcome) });
    for (let i = 0; i < 30; i += 1) {
      const answer = await handleChatCommand(deps, world.request('not a command', { chatUserId }));
      assert.equal(answer.outcome, 'invalid_command', `command ${i + 1}`);
      world.clock.advance(1000);
    }
    const refused = await handleChatCommand(deps, world.request('run hello', { chatUserId }));
    assert.equal(refused.outcome, 'rate_limited');
    assert.equal(refused.message.visibility, 'ephemeral');
    assert.equal(refused.message.text, 'Too many commands (at most 30 a minute). Try again in 30 seconds.');
    assert.equal(outcomes.length, 31);
    assert.equal(outcomes[30], 'rate_limited');
    const [event] = await world.store.audit.list({ chatUserId, limit: 1 });
    assert.equal(event?.decision, 'rate_limited');

    const otherUser = await developer();
    assert.equal((await handleChatCommand(deps, world.request('run hello', { chatUserId: otherUser }))).outcome, 'accepted', 'per chat user');

    // The first command (at t0) leaves the window 60 s after it; the refusal itself is not counted.
    world.clock.advance(30_000);
    assert.equal((await handleChatCommand(deps, world.request('run hello', { chatUserId }))).outcome, 'accepted');
  });

  test('a limit of 0 turns the rate limit off', async () => {
    const chatUserId = await developer();
    const deps = world.deps({ settings: world.settings({ rateLimitPerMinute: 0 }) });
    for (let i = 0; i < 35; i += 1) {
      assert.equal((await handleChatCommand(deps, world.request('x', { chatUserId }))).outcome, 'invalid_command');
    }
  });

  test('a redelivered command creates nothing new and says it was already received', async () => {
    const chatUserId = await developer();
    const request = world.request('run hello', { chatUserId });
    const first = await handleChatCommand(world.deps(), request);
    const again = await handleChatCommand(world.deps(), { ...request, retryNum: 1 });
    assert.equal(first.outcome, 'accepted');
    assert.equal(again.outcome, 'duplicate');
    assert.equal(again.duplicate, true);
    assert.equal(again.message.visibility, 'ephemeral');
    assert.match(again.message.text, /already received/);
    const user = (await world.store.chatIdentities.find('slack', 'T1', chatUserId))?.userId;
    assert.equal((await world.store.pipelines.listPipelines({ projectId: project.id, userId: user })).length, 1);
  });

  test('slow git: "working on it" within the deadline, then the acceptance lands in the outbox before the job is queued', async () => {
    const chatUserId = await developer();
    const slow = instrumentedGit(world.git, { delayMs: 400 });
    const request = world.request('run hello', { chatUserId });
    const started = Date.now();
    const answer = await handleChatCommand(world.deps({ git: slow, deadlineMs: 50 }), request);
    assert.ok(Date.now() - started < 350, 'answered before git finished');
    assert.equal(answer.outcome, 'deferred');
    assert.equal(answer.message.visibility, 'ephemeral');
    assert.match(answer.message.text, /^Working on it/);
    assert.ok(answer.background !== undefined);
    await answer.background;

    const [event] = await world.store.audit.list({ chatUserId, limit: 1 });
    assert.equal(event?.decision, 'accepted');
    assert.ok(event?.pipelineId !== null && event?.pipelineId !== undefined && event.jobId !== null);
    const replies = await world.store.replies.listForPipeline(event.pipelineId);
    assert.equal(replies.length, 1);
    const reply = replies[0];
    assert.equal(reply?.kind, 'notice');
    assert.equal(reply?.dedupeKey, `command:${request.requestKey}`);
    assert.equal(reply?.jobId, event.jobId);
    assert.deepEqual(reply?.target, { responseUrl: request.responseUrl, teamId: 'T1', channelId: 'C1', channelName: 'ops-room', thread: null });
    assert.equal(reply?.expiresAt, world.clock.now() + 30 * 60_000);
    const body = readReplyContent(reply?.body ?? null)?.message;
    assert.equal(body?.visibility, 'in_channel');
    assert.match(body?.text ?? '', new RegExp(`^ran \`hello\`: job \\[#${event.jobId}\\]`));
    assert.equal((await world.store.pipelines.getJob(event.jobId ?? 0))?.status, 'pending');
  });

  test('slow git and a refusal: the refusal goes to the outbox as the answer', async () => {
    const chatUserId = await developer();
    const slow = instrumentedGit(world.git, { delayMs: 200 });
    const request = world.request('run nothing-like-it', { chatUserId });
    const answer = await handleChatCommand(world.deps({ git: slow, deadlineMs: 20 }), request);
    assert.equal(answer.outcome, 'deferred');
    await answer.background;
    const notice = await outboxNotice(request.requestKey);
    assert.ok(notice !== undefined, 'the answer is in the outbox');
    const body = readReplyContent(notice.body)?.message;
    assert.equal(body?.visibility, 'ephemeral');
    assert.match(body?.text ?? '', /has no job named `nothing-like-it`/);
    const [event] = await world.store.audit.list({ chatUserId, limit: 1 });
    assert.equal(event?.decision, 'refused_job_not_found');
  });

  test('a fast answer is never also queued', async () => {
    const chatUserId = await developer();
    const request = world.request('run nothing-like-it', { chatUserId });
    const answer = await handleChatCommand(world.deps({ deadlineMs: 5000 }), request);
    assert.equal(answer.outcome, 'refused_job_not_found');
    assert.equal(await outboxNotice(request.requestKey), undefined);
  });

  test('the config of a commit is read once for many commands, and again after a push', async () => {
    const chatUserId = await developer();
    const counted = instrumentedGit(world.git);
    const deps = world.deps({ git: counted, configCache: new CiConfigCache({ maxEntries: 4 }) });
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await handleChatCommand(deps, world.request('run hello', { chatUserId }))).outcome, 'accepted');
    }
    assert.equal(counted.calls['resolveCommit'], 3, 'the head is resolved on every command');
    assert.equal(counted.calls['sourceTreeAt'], 1);
    assert.equal(counted.configReads, 1);

    repo.commit({ '.gitlab-ci.yml': 'hello:\n  script: echo hi\nbye:\n  script: echo bye\n' });
    assert.equal((await handleChatCommand(deps, world.request('run bye', { chatUserId }))).outcome, 'accepted');
    assert.equal(counted.calls['sourceTreeAt'], 2);
    assert.equal(counted.configReads, 2);
  });
});
