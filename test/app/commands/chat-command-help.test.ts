import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import { listRunnableJobsForUser } from '../../../src/app/list-runnable-jobs-for-user.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import type { UserRecord } from '../../../src/ports/store/user-store.js';
import { createCommandWorld, type CommandWorld } from './command-world.js';

const CONFIG = `# Say hello to someone.
# Usage: run hello <name>
hello:
  only: [chat]
  script: echo hi

# Deploy (maintainers' channel only).
deploy:
  rules:
    - if: $CHAT_CHANNEL == "deployers"
  script: ./deploy

build:
  except: [chat]
  script: make

.template:
  script: echo x

status:
  script: echo ok
`;

describe('handleChatCommand: help', () => {
  let world: CommandWorld;
  let project: ProjectRecord;
  let dev: UserRecord;
  let devChat: string;

  before(async () => {
    world = await createCommandWorld();
    ({ project, dev, devChat } = await world.developerInChannel({ '.gitlab-ci.yml': CONFIG }));
  });
  after(() => world.close());

  test('lists only the jobs this user may run here, each with its description', async () => {
    for (const text of ['help', '', 'help me']) {
      const answer = await handleChatCommand(world.deps(), world.request(text, { chatUserId: devChat }));
      assert.equal(answer.outcome, 'help');
      assert.equal(answer.message.visibility, 'ephemeral');
      const lines = answer.message.text.split('\n');
      assert.ok(lines.includes(`Jobs you may run in \`${project.path}\`:`), answer.message.text);
      assert.ok(lines.includes('`hello` — Say hello to someone. Usage: run hello <name>'));
      assert.ok(lines.includes('`status`'));
      for (const absent of ['`deploy`', '`build`', '`.template`']) {
        assert.ok(!lines.some((line) => line.startsWith(absent)), `${absent} is not offered`);
      }
    }
  });

  test("a job's rules on the channel decide per channel", async () => {
    const answer = await handleChatCommand(world.deps(), world.request('help', { chatUserId: devChat, channelName: 'deployers' }));
    assert.ok(answer.message.text.split('\n').includes("`deploy` — Deploy (maintainers' channel only)."));
  });

  test('a reporter is shown no jobs', async () => {
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    const answer = await handleChatCommand(world.deps(), world.request('help', { chatUserId: await world.linkSlack(reporter) }));
    assert.equal(answer.outcome, 'help');
    assert.ok(answer.message.text.endsWith(`There is no job in \`${project.path}\` you may run from chat.`), answer.message.text);
    assert.ok(!answer.message.text.includes('`hello`'));
  });

  test('no project known: the commands alone', async () => {
    await world.project({ '.gitlab-ci.yml': CONFIG });
    const answer = await handleChatCommand(world.deps(), world.request('help', { chatUserId: devChat, channelId: 'C-no-default' }));
    assert.equal(answer.outcome, 'help');
    assert.match(answer.message.text, /^`\/chatrun PROJECT run JOB \[ARGS\]` runs the job JOB/);
    assert.ok(!answer.message.text.includes('Jobs you may run'));
  });

  test('anything else: not a valid command, with the help', async () => {
    const answer = await handleChatCommand(world.deps(), world.request('deploy now', { chatUserId: devChat }));
    assert.equal(answer.outcome, 'invalid_command');
    assert.equal(answer.message.visibility, 'ephemeral');
    assert.match(answer.message.text, /^`deploy now` is not a valid command\.\n`\/chatrun PROJECT run JOB \[ARGS\]`/);
    const [event] = await world.store.audit.list({ chatUserId: devChat, limit: 1 });
    assert.equal(event?.decision, 'invalid_command');
    assert.equal(event?.text, 'deploy now');
  });

  test('the web console list: the same jobs, none for a reporter, unknown for a stranger', async () => {
    const deps = world.deps();
    const listed = await listRunnableJobsForUser(deps, { userId: dev.id, projectPath: project.path });
    assert.equal(listed.kind, 'listed');
    assert.deepEqual(listed.kind === 'listed' ? listed.jobs.map((job) => [job.name, job.description]) : [], [
      ['hello', 'Say hello to someone.\nUsage: run hello <name>'],
      ['status', undefined],
    ]);
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    assert.deepEqual(await listRunnableJobsForUser(deps, { userId: reporter.id, projectPath: project.path }), { kind: 'not_allowed', role: 'reporter', project });
    const stranger = await world.user();
    assert.deepEqual(await listRunnableJobsForUser(deps, { userId: stranger.id, projectPath: project.path }), { kind: 'unknown_project' });
  });
});
