import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueueAdmission } from '../../../src/app/admission-control.js';
import { registerEmbeddedRunner } from '../../../src/app/embedded-runner.js';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import type { ChatCommandDeps } from '../../../src/app/chat-command-deps.js';
import type { CommandOutcome } from '../../../src/domain/chat-command/command-outcome.js';
import { createCommandWorld, instrumentedGit, type CommandWorld } from './command-world.js';

const CONFIG = 'hello:\n  script: echo hi\ndeploy:\n  when: manual\n  script: ./deploy\n';

describe('handleChatCommand: admission control while the job queue is full', () => {
  let world: CommandWorld;
  let devChat: string;

  before(async () => {
    world = await createCommandWorld();
    ({ devChat } = await world.developerInChannel({ '.gitlab-ci.yml': CONFIG }));
  });
  after(() => world.close());

  /** Deps whose queue limit is `pending` jobs now plus `room`, counting with the store as the server does. */
  async function depsWithRoom(room: number, overrides: Partial<ChatCommandDeps> = {}): Promise<ChatCommandDeps> {
    const limit = (await world.store.pipelines.countJobs(['pending'])) + room;
    return world.deps({ admission: createQueueAdmission({ limit, countWaiting: () => world.store.pipelines.countJobs(['pending']) }), ...overrides });
  }

  test('past the limit `run` is refused as busy at once: no git, no job, audited and counted', async () => {
    const outcomes: CommandOutcome[] = [];
    const git = instrumentedGit(world.git);
    const deps = await depsWithRoom(2, { git, onOutcome: (outcome) => outcomes.push(outcome) });
    for (let i = 0; i < 2; i += 1) {
      assert.equal((await handleChatCommand(deps, world.request('run hello', { chatUserId: devChat }))).outcome, 'accepted');
    }
    const gitCallsBefore = { ...git.calls };
    const pendingBefore = await world.store.pipelines.countJobs(['pending']);

    const refused = await handleChatCommand(deps, world.request('run hello', { chatUserId: devChat }));
    assert.equal(refused.outcome, 'refused_busy');
    assert.equal(refused.message.visibility, 'ephemeral');
    assert.equal(refused.message.text, `chatrun is busy: ${pendingBefore} jobs are waiting; try again in a minute.`);
    assert.equal(refused.jobId, undefined);
    assert.deepEqual(git.calls, gitCallsBefore, 'the repository was not read');
    assert.equal(await world.store.pipelines.countJobs(['pending']), pendingBefore, 'nothing was queued');
    assert.deepEqual(outcomes, ['accepted', 'accepted', 'refused_busy']);
    const [event] = await world.store.audit.list({ chatUserId: devChat, limit: 1 });
    assert.equal(event?.decision, 'refused_busy');
    assert.match(event?.reason ?? '', /jobs waiting for a runner; the limit is/);
  });

  test('`help` is still answered while the queue is full', async () => {
    const deps = await depsWithRoom(0);
    const answer = await handleChatCommand(deps, world.request('help', { chatUserId: devChat }));
    assert.equal(answer.outcome, 'help');
    assert.match(answer.message.text + (answer.message.output ?? ''), /hello/);
  });

  test('`play` of a manual job is refused while the queue is full and works once there is room', async () => {
    const created = await handleChatCommand(await depsWithRoom(1), world.request('run deploy', { chatUserId: devChat }));
    assert.equal(created.outcome, 'accepted', 'a manual job is not queued, so creating it is admitted');
    const jobId = created.jobId ?? assert.fail('job id');
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'manual');

    const refused = await handleChatCommand(await depsWithRoom(0), world.request(`play ${jobId}`, { chatUserId: devChat }));
    assert.equal(refused.outcome, 'refused_busy');
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'manual', 'still waiting to be started');

    const played = await handleChatCommand(await depsWithRoom(1), world.request(`play ${jobId}`, { chatUserId: devChat }));
    assert.equal(played.outcome, 'accepted');
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'pending');
  });

  test('jobs leaving the queue make room again', async () => {
    const deps = await depsWithRoom(1);
    const first = await handleChatCommand(deps, world.request('run hello', { chatUserId: devChat }));
    assert.equal(first.outcome, 'accepted');
    assert.equal((await handleChatCommand(deps, world.request('run hello', { chatUserId: devChat }))).outcome, 'refused_busy');
    const runner = await registerEmbeddedRunner(world.store.runners, 'embedded@admission-test', world.clock.now());
    const claimed = await world.store.pipelines.claimNextJob(runner.id, world.clock.now());
    assert.ok(claimed !== undefined, 'a runner took the oldest waiting job');
    assert.equal((await handleChatCommand(deps, world.request('run hello', { chatUserId: devChat }))).outcome, 'accepted');
  });
});
