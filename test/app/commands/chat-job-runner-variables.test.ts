/**
 * End to end: a YAML variable built from the runner's own variables
 * (CI_BUILDS_DIR, CI_CONCURRENT_ID) gets the runner's values both in a job
 * the server creates from a chat command and runs with its embedded runner
 * loop, and in `chatrun exec` of the same config, because both build the
 * job with buildChatJobPayload. Real SQLite, git, bash.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { ShellExecutor } from '../../../src/adapters/executor/shell-executor.js';
import { GitCli } from '../../../src/adapters/git/git-cli.js';
import { registerEmbeddedRunner } from '../../../src/app/embedded-runner.js';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import { createInProcessRunnerProtocol } from '../../../src/app/in-process-runner-protocol.js';
import { rehearseJob } from '../../../src/cli/rehearse-job.js';
import type { JobOutcome } from '../../../src/domain/job/runnable-job.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import { startRunnerLoop } from '../../../src/runner/runner-loop.js';
import { createCommandWorld, type CommandWorld } from './command-world.js';

const CONFIG = `variables:
  WORK: "$CI_BUILDS_DIR/work"

where:
  only: [chat]
  variables:
    SLOT: "slot-\${CI_CONCURRENT_ID}"
  script:
    - echo "WORK=$WORK SLOT=$SLOT builds=$CI_BUILDS_DIR"
`;

describe("runner-time variables in YAML variables get the runner's values", () => {
  let world: CommandWorld;
  let project: ProjectRecord;
  let chatUser: string;

  before(async () => {
    world = await createCommandWorld();
    ({ project, devChat: chatUser } = await world.developerInChannel({ '.gitlab-ci.yml': CONFIG }));
  });
  after(() => world.close());

  test('a job created from chat and run by the runner loop sees $CI_BUILDS_DIR/work and slot-$CI_CONCURRENT_ID', async () => {
    const answer = await handleChatCommand(world.deps(), world.request('run where', { chatUserId: chatUser }));
    assert.equal(answer.outcome, 'accepted');
    assert.ok(answer.jobId !== undefined);

    const work = join(dirname(project.repository), 'runner');
    const buildsDir = join(work, 'builds');
    const jobDeps = { store: world.store, clock: world.clock, settings: world.settings() };
    const done = new Map<number, JobOutcome>();
    let finished!: () => void;
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const loop = startRunnerLoop({
      protocol: createInProcessRunnerProtocol(jobDeps),
      runner: await registerEmbeddedRunner(world.store.runners, 'embedded@test', world.clock.now()),
      concurrency: 1,
      executor: new ShellExecutor({ drainMs: 100 }),
      git: new GitCli({ cacheDir: join(work, 'cache') }),
      workspace: { buildsDir, cacheDir: join(work, 'cache') },
      baseEnv: { PATH: process.env['PATH'], HOME: work, LANG: 'C.UTF-8' },
      traceLimitBytes: 1024 * 1024,
      clock: world.clock,
      pollIntervalMs: 5000,
      traceFlushIntervalMs: 50,
      onJobDone: (job, outcome) => {
        done.set(job.id, outcome);
        finished();
      },
      onError: (error) => assert.fail(`runner loop error: ${String(error)}`),
    });
    try {
      loop.notify();
      await Promise.race([allDone, new Promise((_, reject) => setTimeout(() => reject(new Error('the job did not finish in 8 s')), 8000).unref())]);
    } finally {
      await loop.stop({ drain: true });
    }
    const trace = Buffer.from(await world.store.traces.readTrace(answer.jobId)).toString('utf8');
    assert.equal(done.get(answer.jobId)?.status, 'success', trace);
    assert.ok(trace.includes(`WORK=${buildsDir}/work SLOT=slot-0 builds=${buildsDir}\n`), trace);
  });

  test('chatrun exec of the same config sees the same, with its directory as the project dir', async () => {
    let stdout = '';
    let stderr = '';
    const code = await rehearseJob({
      jobName: 'where',
      input: '',
      channel: 'exec',
      dir: project.repository,
      configPath: '.gitlab-ci.yml',
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { PATH: process.env['PATH'] },
    });
    const buildsDir = dirname(project.repository);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, `WORK=${buildsDir}/work SLOT=slot-0 builds=${buildsDir}`);
  });
});
