import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isFailureAllowed, type JobOutcome, type RunnableJob } from './runnable-job.js';

const failed = (exitCode: number | null): JobOutcome => ({ status: 'failed', failureReason: 'script_failure', exitCode, traceBytes: 10 });

describe('RunnableJob', () => {
  test('survives a JSON round trip unchanged', () => {
    const job: RunnableJob = {
      id: 42,
      name: 'deploy',
      stage: 'deploy',
      beforeScript: ['echo before'],
      script: ['./deploy.sh "$CHAT_INPUT"'],
      afterScript: [],
      variables: [
        { key: 'CHAT_INPUT', value: 'prod\n--force', masked: false, raw: true },
        { key: 'TOKEN', value: 'sëcret', masked: true },
      ],
      timeoutSeconds: 3600,
      allowFailure: { exitCodes: [3, 4] },
      git: { repository: '/srv/git/infra', sha: 'a'.repeat(40), ref: 'main', projectPath: 'ops/infra' },
    };
    assert.deepEqual(JSON.parse(JSON.stringify(job)), job);
  });
});

describe('isFailureAllowed', () => {
  test('allow_failure: true allows any failure, false none', () => {
    assert.equal(isFailureAllowed({ allowFailure: true }, failed(1)), true);
    assert.equal(isFailureAllowed({ allowFailure: true }, { ...failed(null), failureReason: 'job_execution_timeout' }), true);
    assert.equal(isFailureAllowed({ allowFailure: false }, failed(1)), false);
  });

  test('exit_codes allows only the listed exit codes', () => {
    const job = { allowFailure: { exitCodes: [3, 137] } };
    assert.equal(isFailureAllowed(job, failed(3)), true);
    assert.equal(isFailureAllowed(job, failed(1)), false);
    assert.equal(isFailureAllowed(job, { ...failed(null), failureReason: 'job_execution_timeout' }), false);
  });

  test('success and cancel are never "allowed failures"', () => {
    assert.equal(isFailureAllowed({ allowFailure: true }, { status: 'success', exitCode: 0, traceBytes: 1 }), false);
    assert.equal(isFailureAllowed({ allowFailure: true }, { status: 'canceled', exitCode: null, traceBytes: 1 }), false);
  });
});
