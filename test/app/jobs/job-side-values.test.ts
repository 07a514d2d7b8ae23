import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closingText } from '../../../src/app/closing-trace.js';
import { readJobPayload, resolveRunnableJob, storedJobPayload } from '../../../src/app/job-payload.js';
import { settledPipelineStatus } from '../../../src/app/pipeline-status.js';
import { replyRetryDelayMs } from '../../../src/app/reply-backoff.js';
import { encodeReplyContent, readReplyContent, readReplyDestination } from '../../../src/app/reply-content.js';
import type { JobStatus } from '../../../src/domain/job/job-status.js';
import { parseTraceSections } from '../../../src/domain/trace/section-parser.js';
import { cleanEnvironment } from '../../../src/runner/clean-environment.js';

describe('stored job payload', () => {
  const stored = storedJobPayload({
    beforeScript: ['cd app'],
    script: ['./deploy.sh'],
    afterScript: [],
    variables: [
      { key: 'CI_JOB_ID', value: '', masked: false },
      { key: 'DEPLOY_TOKEN', value: 'tok-123456789', masked: true },
      { key: 'CHAT_INPUT', value: 'prod $HOME', masked: false, raw: true },
    ],
    allowFailure: { exitCodes: [3] },
    git: { repository: '/srv/git/app', sha: 'a'.repeat(40), ref: 'main', projectPath: 'ops/app' },
  });

  test('masked values are left out of what is stored', () => {
    assert.ok(!JSON.stringify(stored).includes('tok-123456789'));
    assert.deepEqual((stored.variables as unknown[])[1], { key: 'DEPLOY_TOKEN', masked: true });
  });

  test('the claim puts masked values back from the project and sets the ids last', () => {
    const read = readJobPayload(stored);
    assert.ok(read.ok);
    const job = resolveRunnableJob(read.payload, {
      jobId: 42,
      name: 'deploy',
      stage: 'deploy',
      timeoutSeconds: 600,
      pipelineId: 7,
      jobUrl: 'http://x/ops/app/-/jobs/42',
      pipelineUrl: 'http://x/ops/app/-/pipelines/7',
      git: { repository: 'ignored', sha: 'b'.repeat(40), ref: 'main', projectPath: 'ops/app' },
      projectVariables: { DEPLOY_TOKEN: { value: 'tok-now', masked: true } },
    });
    assert.deepEqual(
      job.variables.map((v) => [v.key, v.value, v.masked, v.raw ?? false]),
      [
        ['DEPLOY_TOKEN', 'tok-now', true, false],
        ['CHAT_INPUT', 'prod $HOME', false, true],
        ['CI_JOB_ID', '42', false, false],
        ['CI_JOB_URL', 'http://x/ops/app/-/jobs/42', false, false],
        ['CI_PIPELINE_ID', '7', false, false],
        ['CI_PIPELINE_URL', 'http://x/ops/app/-/pipelines/7', false, false],
      ],
    );
    assert.deepEqual([job.id, job.name, job.timeoutSeconds, job.git?.repository], [42, 'deploy', 600, '/srv/git/app']);
    assert.deepEqual(job.allowFailure, { exitCodes: [3] });
  });

  test('an unreadable payload says where', () => {
    assert.deepEqual(readJobPayload({ script: 'echo' }), {
      ok: false,
      error: 'the stored job payload is unreadable (script: Invalid input: expected array, received string)',
    });
  });
});

describe('reply retry delay', () => {
  test('doubles per attempt within [half, whole] of the step, capped', () => {
    const at = (attempts: number, random: number) => replyRetryDelayMs(attempts, { baseMs: 1000, maxMs: 8000, random: () => random });
    assert.deepEqual([1, 2, 3, 4, 5, 9].map((n) => at(n, 0)), [500, 1000, 2000, 4000, 4000, 4000]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => at(n, 0.999999)), [1000, 2000, 4000, 8000, 8000]);
  });

  test('Retry-After is a floor, bounded at an hour', () => {
    assert.equal(replyRetryDelayMs(1, { random: () => 0 }, 7000), 7000);
    assert.equal(replyRetryDelayMs(1, { random: () => 0 }, 10), 500);
    assert.equal(replyRetryDelayMs(1, { random: () => 0 }, 10 * 3600_000), 3600_000);
  });
});

describe('pipeline status from its jobs', () => {
  const job = (status: JobStatus, allowFailure = false): Parameters<typeof settledPipelineStatus>[0][number] => ({
    status,
    allowFailure,
    payload: { script: [], allowFailure },
    exitCode: 1,
    failureReason: status === 'failed' ? 'script_failure' : null,
  });
  test('settles only when no job is left to run', () => {
    assert.equal(settledPipelineStatus([job('success'), job('running')]), undefined);
    assert.equal(settledPipelineStatus([job('success')]), 'success');
    assert.equal(settledPipelineStatus([job('failed')]), 'failed');
    assert.equal(settledPipelineStatus([job('failed', true)]), 'success', 'an allowed failure');
    assert.equal(settledPipelineStatus([job('canceled'), job('success')]), 'canceled');
    assert.equal(settledPipelineStatus([job('manual')]), 'manual');
    assert.equal(settledPipelineStatus([job('success'), job('manual')]), 'success');
  });
});

describe('closing a trace the runner never finished', () => {
  test('cuts the line, closes open sections innermost first, and says why', () => {
    const trace = Buffer.from('section_start:1:step_script\r\x1b[0Kout\nsection_start:2:inner[collapsed=true]\r\x1b[0Kpartial');
    const text = closingText(trace, 'runner gone', 5_000);
    assert.equal(
      text,
      '\nsection_end:5:inner\r\x1b[0Ksection_end:5:step_script\r\x1b[0K\x1b[31;1mERROR: Job failed (system failure): runner gone\x1b[0;m\n',
    );
    const sections = parseTraceSections(Buffer.concat([trace, Buffer.from(text)])).map((s) => s.name);
    assert.deepEqual(sections, ['step_script', 'inner']);
  });
});

describe('reply content and destination', () => {
  test('round-trips, and a bare ChatMessage body is read too', () => {
    const message = { visibility: 'in_channel', tone: 'success', text: 'ok', output: 'x', logUrl: 'http://l' } as const;
    assert.deepEqual(readReplyContent(encodeReplyContent({ message, fullOutput: 'xx' })), { message, fullOutput: 'xx' });
    assert.deepEqual(readReplyContent(message), { message });
    assert.equal(readReplyContent({ text: 'no tone' }), undefined);
  });

  test('targets are read in camelCase or snake_case', () => {
    assert.deepEqual(readReplyDestination({ response_url: 'http://r', channel_id: 'C1', thread_ts: '1.2' }), {
      responseUrl: 'http://r',
      teamId: null,
      channelId: 'C1',
      channelName: null,
      thread: '1.2',
    });
  });
});

test('the clean environment keeps PATH, HOME, LANG, USER, SHELL, TMPDIR and nothing else', () => {
  const env = { PATH: '/bin', HOME: '/h', LANG: 'C', USER: 'u', SHELL: '/bin/bash', TMPDIR: '/t', SLACK_SIGNING_SECRET: 's', X: 'y' };
  assert.deepEqual(cleanEnvironment(env), { PATH: '/bin', HOME: '/h', LANG: 'C', USER: 'u', SHELL: '/bin/bash', TMPDIR: '/t' });
  assert.deepEqual(cleanEnvironment({}), { PATH: '/usr/local/bin:/usr/bin:/bin' });
});
