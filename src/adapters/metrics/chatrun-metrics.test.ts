import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMetrics, METRIC_COMMAND_OUTCOMES, REPLY_ATTEMPT_RESULTS } from './chatrun-metrics.js';

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

/** The repository root: the nearest directory above this file that holds package.json. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no package.json above this test');
    dir = parent;
  }
  return dir;
}

/** The text of docs/configuration.md's `## Metrics` section, up to the next `## ` heading. */
function metricsSection(): string {
  const text = readFileSync(join(repositoryRoot(), 'docs', 'configuration.md'), 'utf8');
  const start = text.indexOf('\n## Metrics\n');
  assert.notEqual(start, -1, 'docs/configuration.md has a "## Metrics" section');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The first cells, unquoted, of the table rows that follow the header row starting with `header`. */
function firstColumn(section: string, header: string): string[] {
  const lines = section.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  assert.notEqual(at, -1, `a table headed "${header}" in the Metrics section`);
  const values: string[] = [];
  for (const line of lines.slice(at + 2)) {
    const cell = /^\| `([^`]+)` \|/.exec(line);
    if (cell?.[1] === undefined) break;
    values.push(cell[1]);
  }
  return values;
}

describe('docs/configuration.md agrees with the metrics', () => {
  test('its outcome table lists exactly METRIC_COMMAND_OUTCOMES', () => {
    const documented = firstColumn(metricsSection(), '`outcome`');
    for (const outcome of METRIC_COMMAND_OUTCOMES) assert.ok(documented.includes(outcome), `outcome "${outcome}" is documented`);
    assert.deepEqual([...documented].sort(), [...METRIC_COMMAND_OUTCOMES].sort(), 'no documented outcome is stale');
    assert.ok(!documented.includes('deferred'), 'deferred is never counted');
  });

  test('its metric table lists exactly the chatrun_* metrics, and every reply attempt result', async () => {
    const section = metricsSection();
    const registered = (await createMetrics({ processMetrics: false }).registry.getMetricsAsJSON()).map((metric) => metric.name);
    assert.deepEqual([...firstColumn(section, 'metric')].sort(), registered.filter((name) => name.startsWith('chatrun_')).sort());
    for (const result of REPLY_ATTEMPT_RESULTS) assert.ok(section.includes(`\`${result}\``), `reply attempt result "${result}" is documented`);
  });
});
