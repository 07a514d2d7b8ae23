import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { composeJobResultMessage, FAILURE_OUTPUT_LINES, type JobResultInput } from './compose-job-result-message.js';

// Research T7: build 42 `hello-world`, job URL J, Slack user U123.
const J = 'https://chatrun.example/ops/infra/-/jobs/42';
const U123 = { chatUserId: 'U123', chatUserName: 'jane' };
const base: JobResultInput = { jobName: 'hello-world', jobId: 42, status: 'success', replyText: 'hello', logUrl: J, mention: U123 };

describe('composeJobResultMessage: success (T7, chatrun wording)', () => {
  test('output goes in channel, mentioning who ran it, with the output and the job link', () => {
    const message = composeJobResultMessage({ ...base, durationSeconds: 3 });
    assert.deepEqual(message, {
      visibility: 'in_channel',
      tone: 'success',
      mention: U123,
      logUrl: J,
      text: `\`hello-world\` (job [#42](${J})) succeeded in 3s.`,
      output: 'hello',
    });
  });

  test('empty output still answers, with a short "succeeded, no output" line (GitLab posts nothing)', () => {
    const message = composeJobResultMessage({ ...base, replyText: '' });
    assert.equal(message.tone, 'success');
    assert.equal(message.output, undefined);
    assert.match(message.text, /succeeded, no output\.$/);
  });

  test('long output is kept whole for the renderer to fit (GitLab swaps 3584+ bytes for a link)', () => {
    const message = composeJobResultMessage({ ...base, replyText: 'a'.repeat(4000) });
    assert.equal(message.output, 'a'.repeat(4000));
    assert.equal(message.outputTruncatedFrom, undefined);
  });

  test('ANSI colours stay in the output for renderers that can show them', () => {
    const replyText = '\x1b[32;1m$ echo "success!"\x1b[0;m\nsuccess!';
    assert.equal(composeJobResultMessage({ ...base, replyText }).output, replyText);
  });

  test('without a mention (web console) the message has none', () => {
    const { mention: _ignored, ...withoutMention } = base;
    assert.equal('mention' in composeJobResultMessage(withoutMention), false);
  });
});

describe('composeJobResultMessage: failure, timeout, cancel', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n');

  test('a script failure says failed, the exit code, and shows the LAST lines of output', () => {
    const message = composeJobResultMessage({ ...base, status: 'failed', failureReason: 'script_failure', exitCode: 3, replyText: lines });
    assert.equal(message.visibility, 'in_channel');
    assert.equal(message.tone, 'failure');
    assert.equal(message.logUrl, J);
    assert.equal(message.text, `\`hello-world\` (job [#42](${J})) failed with exit code 3. The last ${FAILURE_OUTPUT_LINES} of 50 lines of output:`);
    const shown = message.output?.split('\n') ?? [];
    assert.equal(shown.length, FAILURE_OUTPUT_LINES);
    assert.equal(shown[0], 'line 31');
    assert.equal(shown.at(-1), 'line 50');
    assert.equal(message.outputTruncatedFrom, 50);
  });

  test('short failure output is shown whole, without a truncation count', () => {
    const message = composeJobResultMessage({ ...base, status: 'failed', exitCode: 1, replyText: 'boom' });
    assert.equal(message.text, `\`hello-world\` (job [#42](${J})) failed with exit code 1.`);
    assert.equal(message.output, 'boom');
    assert.equal(message.outputTruncatedFrom, undefined);
  });

  test('a failure with no output says so', () => {
    const message = composeJobResultMessage({ ...base, status: 'failed', exitCode: 1, replyText: '' });
    assert.match(message.text, /failed with exit code 1\. No output\.$/);
    assert.equal(message.output, undefined);
  });

  test('job_execution_timeout says it timed out after the limit', () => {
    const message = composeJobResultMessage({ ...base, status: 'failed', failureReason: 'job_execution_timeout', timeoutSeconds: 3600, durationSeconds: 3601, replyText: 'waiting…' });
    assert.equal(message.tone, 'failure');
    assert.match(message.text, /timed out after 1h\./);
    assert.equal(message.output, 'waiting…');
  });

  test('the other failure reasons are named', () => {
    const texts = (['runner_system_failure', 'stuck_or_timeout_failure', 'unknown_failure'] as const).map(
      (failureReason) => composeJobResultMessage({ ...base, status: 'failed', failureReason, replyText: '' }).text,
    );
    assert.match(texts[0] ?? '', /system failure/);
    assert.match(texts[1] ?? '', /no runner picked it up/);
    assert.match(texts[2] ?? '', /unknown reason/);
  });

  test('canceled says it was canceled, with the last lines', () => {
    const message = composeJobResultMessage({ ...base, status: 'canceled', durationSeconds: 125, replyText: 'partial' });
    assert.equal(message.tone, 'warning');
    assert.equal(message.text, `\`hello-world\` (job [#42](${J})) was canceled after 2m 5s.`);
    assert.equal(message.output, 'partial');
  });

  test('skipped is a neutral line without output', () => {
    const message = composeJobResultMessage({ ...base, status: 'skipped' });
    assert.equal(message.tone, 'neutral');
    assert.equal(message.output, undefined);
  });

  test('a job name with backticks cannot break its code span', () => {
    const message = composeJobResultMessage({ ...base, jobName: 'a`b' });
    assert.ok(message.text.startsWith("`a'b` "));
  });
});
