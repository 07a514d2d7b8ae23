import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics } from './chatrun-metrics.js';

test('render shows the counters, histogram and gauges after increments', async () => {
  let queued = 3;
  const metrics = createMetrics({ queueDepth: () => queued, repliesPending: async () => 2 });
  metrics.countCommand('slack', 'accepted');
  metrics.countCommand('slack', 'accepted');
  metrics.countCommand('mattermost', 'rate_limited');
  metrics.observeJobDuration('success', 4.2);
  metrics.countReplyAttempt('slack', 'delivered');
  metrics.countReplyAttempt('slack', 'retry');

  const text = await metrics.render();
  assert.match(text, /^chatrun_commands_total\{platform="slack",outcome="accepted"\} 2$/m);
  assert.match(text, /^chatrun_commands_total\{platform="mattermost",outcome="rate_limited"\} 1$/m);
  assert.match(text, /^chatrun_job_duration_seconds_bucket\{le="5",status="success"\} 1$/m);
  assert.match(text, /^chatrun_job_duration_seconds_count\{status="success"\} 1$/m);
  assert.match(text, /^chatrun_reply_attempts_total\{platform="slack",result="delivered"\} 1$/m);
  assert.match(text, /^chatrun_jobs_queued 3$/m);
  assert.match(text, /^chatrun_replies_pending 2$/m);
  assert.match(text, /^process_cpu_user_seconds_total /m);
  assert.match(text, /^nodejs_heap_size_used_bytes /m);

  queued = 7;
  assert.match(await metrics.render(), /^chatrun_jobs_queued 7$/m, 'gauges are read at scrape time');
  assert.match(metrics.contentType, /^text\/plain/);
});

test('instances are independent registries', async () => {
  const a = createMetrics({ processMetrics: false });
  const b = createMetrics({ processMetrics: false });
  a.countCommand('web', 'help');
  assert.match(await a.render(), /chatrun_commands_total\{platform="web",outcome="help"\} 1/);
  assert.doesNotMatch(await b.render(), /outcome="help"/);
  assert.doesNotMatch(await b.render(), /process_cpu/);
});
