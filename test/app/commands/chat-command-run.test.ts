import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import { readJobPayload, resolveRunnableJob } from '../../../src/app/job-payload.js';
import type { RunnableJob } from '../../../src/domain/job/runnable-job.js';
import type { JobRecord } from '../../../src/ports/store/pipeline-record.js';
import { buildJobEnvironment } from '../../../src/runner/job-environment.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import type { UserRecord } from '../../../src/ports/store/user-store.js';
import { EXTERNAL_URL, createCommandWorld, type CommandWorld } from './command-world.js';

const CONFIG = `variables:
  GREETING: hello

# Say hello.
# Usage: run hello <name>
hello:
  only: [chat]
  script:
    - printf '%s' "$CHAT_INPUT"

# Deploy the app (waits for a start).
deploy:
  when: manual
  script: echo deploying

build:
  except: [chat]
  script: make

pushes-only:
  only: [pushes]
  script: echo push

rules-push:
  rules:
    - if: $CI_PIPELINE_SOURCE == "push"
  script: echo push

only-alice:
  rules:
    - if: $GITLAB_USER_LOGIN == "alice-nobody"
  script: echo alice

.template:
  script: echo template
`;

/** The job as a runner receives it, through the claim side's own reading of the stored payload. */
function claimed(world: CommandWorld, project: ProjectRecord, job: JobRecord | undefined): RunnableJob {
  assert.ok(job !== undefined);
  const stored = readJobPayload(job.payload);
  assert.ok(stored.ok, 'the claim side can read the payload');
  return resolveRunnableJob(stored.payload, {
    jobId: job.id,
    name: job.name,
    stage: job.stage,
    timeoutSeconds: job.timeoutSeconds,
    pipelineId: job.pipelineId,
    jobUrl: `${EXTERNAL_URL}/${project.path}/-/jobs/${job.id}`,
    pipelineUrl: `${EXTERNAL_URL}/${project.path}/-/pipelines/${job.pipelineId}`,
    git: { repository: project.repository, sha: 'unused', ref: 'unused', projectPath: project.path },
    projectVariables: world.settings().projectVariables(project.path),
  });
}

describe('handleChatCommand: run', () => {
  let world: CommandWorld;
  let project: ProjectRecord;
  let dev: UserRecord;
  let devChat: string;

  before(async () => {
    world = await createCommandWorld();
    ({ project, dev, devChat } = await world.developerInChannel({ '.gitlab-ci.yml': CONFIG }));
    world.projectVariables.set(project.path, { DEPLOY_TOKEN: { value: 's3cret-value-42', masked: true }, REGION: { value: 'eu' } });
  });
  after(() => world.close());

  test('accepted: one pipeline with one pending job, in-channel answer with the job link, audit row', async () => {
    const input = `line one\nit's "quoted" $(rm -rf /) \`id\` $HOME\ntrailing  `;
    const request = world.request(`run hello ${input}`, { chatUserId: devChat, chatUserName: 'jane', rootId: 'thread-9' });
    const answer = await handleChatCommand(world.deps(), request);

    assert.equal(answer.outcome, 'accepted');
    assert.ok(answer.jobId !== undefined && answer.pipelineId !== undefined);
    assert.equal(answer.message.visibility, 'in_channel');
    const logUrl = `${EXTERNAL_URL}/${project.path}/-/jobs/${answer.jobId}`;
    assert.equal(answer.message.text, `ran \`hello\`: job [#${answer.jobId}](${logUrl}). Its output will be posted here when it finishes.`);
    assert.deepEqual(answer.message.mention, { chatUserId: devChat, chatUserName: 'jane' });

    const pipeline = await world.store.pipelines.getPipeline(answer.pipelineId);
    assert.equal(pipeline?.status, 'pending');
    assert.equal(pipeline?.source, 'chat');
    assert.equal(pipeline?.userId, dev.id);
    assert.equal(pipeline?.ref, 'main');
    assert.deepEqual(pipeline?.chat, {
      platform: 'slack',
      teamId: 'T1',
      channelId: 'C1',
      channelName: 'ops-room',
      chatUserId: devChat,
      chatUserName: 'jane',
      responseUrl: 'https://hooks.slack.test/commands/1',
      thread: 'thread-9',
      commandText: `run hello ${input}`,
    });
    const jobs = await world.store.pipelines.listJobsForPipeline(answer.pipelineId);
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.status, 'pending');
    assert.equal(jobs[0]?.name, 'hello');
    assert.equal(jobs[0]?.timeoutSeconds, 3600);

    const [event] = await world.store.audit.list({ chatUserId: devChat, limit: 1 });
    assert.equal(event?.decision, 'accepted');
    assert.equal(event?.jobId, answer.jobId);
    assert.equal(event?.pipelineId, answer.pipelineId);
    assert.equal(event?.projectPath, project.path);
    assert.equal(event?.channelName, 'ops-room');
    assert.equal(event?.username, dev.username);
    assert.equal(event?.text, `run hello ${input}`);
  });

  test('the payload: CHAT_INPUT verbatim and only as data, chat and user variables, masked values absent', async () => {
    const input = `a\nb "c" 'd' $(rm -rf /tmp/x) ; echo pwned\n `;
    const answer = await handleChatCommand(world.deps(), world.request(`run hello ${input}`, { chatUserId: devChat }));
    assert.ok(answer.jobId !== undefined);
    const job = await world.store.pipelines.getJob(answer.jobId);
    assert.ok(!JSON.stringify(job?.payload).includes('s3cret-value-42'), 'no masked value at rest');
    const stored = readJobPayload(job?.payload ?? null);
    assert.ok(stored.ok);
    assert.deepEqual(stored.payload.variables[0], { key: 'DEPLOY_TOKEN', masked: true }, 'masked variables are stored by name only');
    const payload = claimed(world, project, job);
    const vars = new Map(payload.variables.map((v) => [v.key, v]));

    assert.equal(vars.get('CHAT_INPUT')?.value, input);
    assert.deepEqual(payload.script, [`printf '%s' "$CHAT_INPUT"`], 'the script is the config text, never the input');
    assert.equal(vars.get('CHAT_CHANNEL')?.value, 'ops-room');
    assert.equal(vars.get('CHAT_CHANNEL_ID')?.value, 'C1');
    assert.equal(vars.get('CHAT_USER_ID')?.value, devChat);
    assert.equal(vars.get('CHAT_PLATFORM')?.value, 'slack');
    assert.equal(vars.get('GITLAB_USER_LOGIN')?.value, dev.username);
    assert.equal(vars.get('GITLAB_USER_EMAIL')?.value, dev.email);
    assert.equal(vars.get('CI_PIPELINE_SOURCE')?.value, 'chat');
    assert.equal(vars.get('CI_JOB_ID')?.value, String(answer.jobId));
    assert.equal(vars.get('CI_PIPELINE_ID')?.value, String(answer.pipelineId));
    assert.equal(vars.get('CI_JOB_URL')?.value, `${EXTERNAL_URL}/${project.path}/-/jobs/${answer.jobId}`);
    assert.equal(vars.get('CI_COMMIT_SHA')?.value, job && (await world.store.pipelines.getPipeline(job.pipelineId))?.sha);
    assert.equal(vars.get('GREETING')?.value, 'hello');
    assert.equal(vars.get('REGION')?.value, 'eu');
    assert.equal(vars.has('CI_PROJECT_DIR'), false, "the runner's own CI_PROJECT_DIR must stand");
    assert.deepEqual(vars.get('DEPLOY_TOKEN'), { key: 'DEPLOY_TOKEN', value: 's3cret-value-42', masked: true }, 'resolved when claimed');
    assert.equal(payload.id, answer.jobId);
    assert.equal(payload.timeoutSeconds, 3600);
    assert.equal(payload.git?.projectPath, project.path);

    // Real bash with the environment a runner builds: the input arrives byte for byte, nothing runs.
    const env = buildJobEnvironment({ PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, { CI_PROJECT_DIR: '/tmp' }, payload).env;
    const ran = spawnSync('bash', ['-c', payload.script[0] ?? ''], { env, encoding: 'utf8' });
    assert.equal(ran.status, 0);
    assert.equal(ran.stdout, input);
  });

  test('a when: manual job is created manual, the answer says it waits and how to start it', async () => {
    const answer = await handleChatCommand(world.deps(), world.request('run deploy', { chatUserId: devChat }));
    assert.equal(answer.outcome, 'accepted');
    assert.ok(answer.jobId !== undefined && answer.pipelineId !== undefined);
    const job = await world.store.pipelines.getJob(answer.jobId);
    assert.equal(job?.status, 'manual');
    assert.equal(job?.when, 'manual');
    assert.equal((await world.store.pipelines.getPipeline(answer.pipelineId))?.status, 'manual');
    const url = `${EXTERNAL_URL}/${project.path}/-/jobs/${answer.jobId}`;
    assert.equal(
      answer.message.text,
      `created \`deploy\` as job [#${answer.jobId}](${url}). It is a manual job and waits to be started: [start it](${url}) or send \`/chatrun play ${answer.jobId}\`.`,
    );
    const vars = new Map(claimed(world, project, job).variables.map((v) => [v.key, v.value]));
    assert.equal(vars.get('CI_JOB_MANUAL'), 'true');
  });

  test('job not found: the closest chat-runnable names', async () => {
    const answer = await handleChatCommand(world.deps(), world.request('run helo', { chatUserId: devChat }));
    assert.equal(answer.outcome, 'refused_job_not_found');
    assert.equal(answer.message.visibility, 'ephemeral');
    assert.equal(answer.message.text, `\`${project.path}\` has no job named \`helo\`. Did you mean \`hello\`?`);
    assert.equal(answer.pipelineId, undefined);
  });

  test('a hidden job cannot be run from chat, and the answer says why', async () => {
    const answer = await handleChatCommand(world.deps(), world.request('run .template', { chatUserId: devChat }));
    assert.equal(answer.outcome, 'refused_job_excluded');
    assert.match(answer.message.text, /^The job `\.template` of `[^`]+` cannot be run from chat: it is a hidden job/);
  });

  const exclusions: [string, RegExp][] = [
    ['build', /cannot be run from chat: except: \[chat\] excludes chat pipelines\.$/],
    ['pushes-only', /cannot be run from chat: only: refs \[pushes\] do not match a chat pipeline on branch main\.$/],
    ['rules-push', /cannot be run from chat: no rule matched \(1 rule; it has if: \$CI_PIPELINE_SOURCE == "push"\)\.$/],
    ['only-alice', /cannot be run from chat: no rule matched \(1 rule; it has if: \$GITLAB_USER_LOGIN == "alice-nobody"\)\.$/],
  ];
  for (const [job, reason] of exclusions) {
    test(`excluded from chat: ${job}, with the reason`, async () => {
      const answer = await handleChatCommand(world.deps(), world.request(`run ${job}`, { chatUserId: devChat }));
      assert.equal(answer.outcome, 'refused_job_excluded');
      assert.equal(answer.message.visibility, 'ephemeral');
      assert.match(answer.message.text, reason);
      const [event] = await world.store.audit.list({ chatUserId: devChat, limit: 1 });
      assert.equal(event?.decision, 'refused_job_excluded');
      assert.ok(event?.reason !== null && event?.reason !== undefined && event.reason.length > 0);
    });
  }

  test('workflow:rules that refuse chat pipelines exclude every job, with the reason', async () => {
    const other = await world.project({
      '.gitlab-ci.yml': 'workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "push"\nhello:\n  script: echo hi\n',
    });
    await world.member(dev, other, 'developer');
    const answer = await handleChatCommand(world.deps(), world.request(`${other.path} run hello`, { chatUserId: devChat }));
    assert.equal(answer.outcome, 'refused_job_excluded');
    assert.match(answer.message.text, /cannot be run from chat: workflow:rules: no rule matched/);
  });

  test('an invalid config: the answer gives its first errors', async () => {
    const broken = await world.project({
      '.gitlab-ci.yml': 'hello:\n  script: 42\n  when: sometimes\nbye:\n  stage: nowhere\n  script: echo\nx:\n  script: [a]\n  timeout: forever\nz:\n  unknown_key: 1\n  script: a\n',
    });
    await world.member(dev, broken, 'maintainer');
    const answer = await handleChatCommand(world.deps(), world.request(`${broken.path} run hello`, { chatUserId: devChat }));
    assert.equal(answer.outcome, 'refused_invalid_config');
    assert.match(answer.message.text, new RegExp(`^The CI config \`\\.gitlab-ci\\.yml\` of \`${broken.path}\` is invalid, so no job can run until it is fixed\\.`));
    assert.ok(answer.message.output !== undefined && answer.message.output.length > 0);
    assert.match(answer.message.output, /jobs:/);
  });

  test('an unreadable repository: a clear answer naming the project, git details only in the audit log', async () => {
    const lost = await world.project({}, { repository: '/nonexistent/chatrun/repository' });
    await world.member(dev, lost, 'developer');
    const answer = await handleChatCommand(world.deps(), world.request(`${lost.path} run hello`, { chatUserId: devChat }));
    assert.equal(answer.outcome, 'repository_unavailable');
    assert.equal(answer.message.visibility, 'ephemeral');
    assert.match(answer.message.text, new RegExp(`cannot read the repository of \`${lost.path}\``));
    const [event] = await world.store.audit.list({ chatUserId: devChat, limit: 1 });
    assert.match(event?.reason ?? '', /^repository_unreadable: /);
  });

  test('the web console: the signed-in user runs without any chat link', async () => {
    const webUser = await world.user();
    await world.member(webUser, project, 'owner');
    const answer = await handleChatCommand(
      world.deps(),
      world.request(`${project.path} run hello from web`, { platform: 'web', teamId: '', channelId: 'web', channelName: 'web', chatUserId: String(webUser.id), chatUserName: webUser.username, responseUrl: undefined }),
    );
    assert.equal(answer.outcome, 'accepted');
    assert.ok(answer.jobId !== undefined);
    const payload = claimed(world, project, await world.store.pipelines.getJob(answer.jobId));
    const vars = new Map(payload.variables.map((v) => [v.key, v.value]));
    assert.equal(vars.get('CHAT_PLATFORM'), 'web');
    assert.equal(vars.get('GITLAB_USER_LOGIN'), webUser.username);
    assert.equal(vars.get('CHAT_INPUT'), 'from web');
  });
});
