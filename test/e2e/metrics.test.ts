/**
 * GET /metrics end to end: the real server (composeServer on 127.0.0.1,
 * SQLite, embedded runner, real git and bash) driven by signed Slack
 * commands, its replies going to the fake Slack, and the exposition read
 * over HTTP as Prometheus would scrape it. The server is this file's own,
 * so every counter starts at zero and the values asserted are exact.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ackText, slackCommand, startE2eRun, stopE2eRun, waitForPost, waitUntil, type E2eWorld, type StartedServer } from '../support/start-server.js';

let world: E2eWorld;
let started: StartedServer;

before(async () => {
  ({ world, started } = await startE2eRun());
});

after(() => stopE2eRun({ world, started }));

interface Scrape {
  readonly contentType: string;
  /** Sample values by series, e.g. `chatrun_jobs_queued` or `chatrun_commands_total{platform="slack",outcome="accepted"}`. */
  readonly samples: ReadonlyMap<string, number>;
}

async function scrape(): Promise<Scrape> {
  const response = await fetch(`${started.url}/metrics`);
  assert.equal(response.status, 200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return { contentType: response.headers.get('content-type') ?? '', samples };
}

/** Scrapes until `probe` holds (counters and gauges settle a moment after the chat side saw the reply). */
async function scrapeUntil(probe: (samples: ReadonlyMap<string, number>) => boolean, what: string): Promise<Scrape> {
  return waitUntil(async () => {
    const result = await scrape();
    return probe(result.samples) ? result : undefined;
  }, what);
}

const ACCEPTED = 'chatrun_commands_total{platform="slack",outcome="accepted"}';
const NOT_FOUND = 'chatrun_commands_total{platform="slack",outcome="refused_job_not_found"}';
const SUCCESS_COUNT = 'chatrun_job_duration_seconds_count{status="success"}';
const DELIVERED = 'chatrun_reply_attempts_total{platform="slack",result="delivered"}';

describe('GET /metrics, end to end', () => {
  test('a command run and a command refused are counted, the job timed, the reply delivered, and the gauges drain to 0', async () => {
    const run = await slackCommand(started.url, world, 'run hello-world');
    assert.equal(run.sent.status, 200);
    assert.match(ackText(run.sent), /hello-world/);
    await waitForPost(world.slack, run.path, 'Hello World.');

    const refused = await slackCommand(started.url, world, 'run hello-wrld');
    // Under load git may take longer than the ack deadline; the refusal then follows at the response_url.
    if (/Working on it/.test(ackText(refused.sent))) await waitForPost(world.slack, refused.path, 'has no job named');
    else assert.match(ackText(refused.sent), /has no job named/);

    const { contentType, samples } = await scrapeUntil(
      (s) =>
        (s.get(DELIVERED) ?? 0) >= 1 &&
        s.get(NOT_FOUND) === 1 &&
        s.get('chatrun_replies_pending') === 0 &&
        s.get('chatrun_jobs_queued') === 0,
      'the reply delivered and both gauges at 0',
    );
    assert.match(contentType, /^text\/plain/);
    assert.equal(samples.get(ACCEPTED), 1, 'one accepted command');
    assert.equal(samples.get(NOT_FOUND), 1, 'the refusal counted under its outcome');
    assert.equal(samples.get(SUCCESS_COUNT), 1, 'one successful job observed');
    assert.ok((samples.get('chatrun_job_duration_seconds_sum{status="success"}') ?? -1) >= 0);
    assert.ok((samples.get(DELIVERED) ?? 0) >= 1, 'the result reply was delivered');
    assert.equal(samples.get('chatrun_jobs_queued'), 0);
    assert.equal(samples.get('chatrun_replies_pending'), 0);
    const commandSeries = [...samples.keys()].filter((key) => key.startsWith('chatrun_commands_total{'));
    assert.deepEqual(commandSeries.sort(), [ACCEPTED, NOT_FOUND], 'nothing else was counted as a command');
  });

  test('chatrun_replies_pending is read from the database at scrape time', async () => {
    const before = (await scrape()).samples.get('chatrun_replies_pending');
    assert.equal(before, 0);
    // Not due for an hour, so the delivery worker leaves it alone while we look.
    await started.server.store.replies.enqueue(
      {
        kind: 'notice',
        platform: 'slack',
        target: { responseUrl: world.slack.createResponseUrl() },
        body: { text: 'later' },
        dedupeKey: `metrics-e2e-${Date.now()}`,
        nextAttemptAt: Date.now() + 3_600_000,
      },
      Date.now(),
    );
    assert.equal((await scrape()).samples.get('chatrun_replies_pending'), 1);
  });

  test('GET /healthz is ok', async () => {
    const response = await fetch(`${started.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, database: 'reachable' });
  });
});
