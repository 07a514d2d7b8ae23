/**
 * The real server (composeServer, listening on 127.0.0.1) driven the way
 * Slack drives it: signed slash commands in, replies out to the fake
 * Slack's response URLs. One server for the file; each test uses its own
 * response URL (and, where counting matters, its own chat user or input).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendSlackCommand, signSlackRequest, slackCommandBody } from '../support/fake-slack.js';
import {
  ackText,
  BROKEN_PROJECT,
  E2E_SLACK_SECRET,
  PROJECT,
  slackCommand,
  startE2eRun,
  stopE2eRun,
  waitForPost,
  waitUntil,
  type E2eWorld,
  type StartedServer,
} from '../support/start-server.js';

let world: E2eWorld;
let started: StartedServer;

before(async () => {
  // In the server's own environment, as an operator's secrets would be: jobs must not see it.
  process.env['E2E_SLACK_SECRET'] = E2E_SLACK_SECRET;
  ({ world, started } = await startE2eRun());
});

after(() => stopE2eRun({ world, started }));

async function auditCount(): Promise<number> {
  return (await started.server.store.audit.list({ limit: 10_000 })).length;
}

describe('Slack, end to end', () => {
  test('/chatrun run hello-world: acknowledged at once, then "Hello World." at the response_url', async () => {
    const run = await slackCommand(started.url, world, 'run hello-world');
    assert.equal(run.sent.status, 200);
    assert.equal((run.sent.json as { response_type?: string }).response_type, 'in_channel');
    assert.match(ackText(run.sent), /hello-world/);
    const reply = await waitForPost(world.slack, run.path, 'Hello World.');
    assert.ok(reply.body.includes(`${started.url}/${PROJECT}/-/jobs/`), 'the reply links the job log');
  });

  describe('refusals name their reason', () => {
    test('an unlinked chat user gets a single-use link', async () => {
      const run = await slackCommand(started.url, world, 'run hello-world', { user_id: 'U0NEW', user_name: 'newbie' });
      assert.equal((run.sent.json as { response_type?: string }).response_type, 'ephemeral');
      assert.match(ackText(run.sent), /not connected/);
      assert.ok(ackText(run.sent).includes(`${started.url}/-/chat/link/crl_`), ackText(run.sent));
    });

    test('a reporter may not run jobs, and is told the role needed', async () => {
      const run = await slackCommand(started.url, world, 'run hello-world', { user_id: 'U0002', user_name: 'rita' });
      assert.match(ackText(run.sent), /You may not run jobs in .*ops\/app.*developer role or higher.*reporter/);
    });

    test('an unknown project', async () => {
      const run = await slackCommand(started.url, world, 'nope/nothing run hello-world');
      assert.match(ackText(run.sent), /There is no project .*nope\/nothing/);
    });

    test('an invalid config on the default branch, with its first error', async () => {
      const run = await slackCommand(started.url, world, `${BROKEN_PROJECT} run deploy`);
      assert.match(ackText(run.sent), /is invalid, so no job can run/);
      assert.match(run.sent.text, /stage/);
    });

    test('an unknown job, with the closest name', async () => {
      const run = await slackCommand(started.url, world, 'run hello-wrld');
      assert.match(ackText(run.sent), /has no job named .*hello-wrld.*Did you mean .*hello-world/);
    });

    test('a job excluded by except: [chat], with why', async () => {
      const run = await slackCommand(started.url, world, 'run build');
      assert.match(ackText(run.sent), /cannot be run from chat: .*except/);
    });

    test('too many commands from one chat user', async () => {
      let last = await slackCommand(started.url, world, 'help', { user_id: 'U0BUSY' });
      for (let i = 0; i < 20 && !/Too many commands/.test(ackText(last.sent)); i++) {
        last = await slackCommand(started.url, world, 'help', { user_id: 'U0BUSY' });
      }
      assert.match(ackText(last.sent), /Too many commands \(at most 20 a minute\)\. Try again in \d+ seconds?\./);
    });
  });

  test('a forged or stale signature is refused with 401 and leaves no audit entry', async () => {
    const before = await auditCount();
    const body = slackCommandBody({ text: 'run hello-world', response_url: world.slack.createResponseUrl() });
    const forged = await sendSlackCommand(`${started.url}/chat/slack`, { signingSecret: 'not-the-secret', body });
    assert.equal(forged.status, 401);
    const stale = Math.floor(Date.now() / 1000) - 301;
    const old = await sendSlackCommand(`${started.url}/chat/slack`, { signingSecret: E2E_SLACK_SECRET, body, timestamp: stale });
    assert.equal(old.status, 401);
    const future = await sendSlackCommand(`${started.url}/chat/slack`, {
      signingSecret: E2E_SLACK_SECRET,
      body,
      timestamp: Math.floor(Date.now() / 1000) + 301,
    });
    assert.equal(future.status, 401);
    assert.equal(await auditCount(), before);
  });

  test('an oversized body is refused with 413', async () => {
    const body = slackCommandBody({ text: `run echo ${'x'.repeat(200 * 1024)}` });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${started.url}/chat/slack`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(E2E_SLACK_SECRET, timestamp, body),
      },
      body,
    });
    assert.equal(response.status, 413);
  });

  test('the same command delivered twice runs one job', async () => {
    const input = `twice-${Date.now()}`;
    const body = slackCommandBody({ text: `run echo ${input}`, response_url: world.slack.createResponseUrl() });
    const first = await sendSlackCommand(`${started.url}/chat/slack`, { signingSecret: E2E_SLACK_SECRET, body });
    const second = await sendSlackCommand(`${started.url}/chat/slack`, {
      signingSecret: E2E_SLACK_SECRET,
      body,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const events = (await started.server.store.audit.list({ limit: 10_000 })).filter((event) => event.text?.includes(input));
    assert.deepEqual(events.map((event) => event.decision).sort(), ['accepted', 'duplicate']);
    assert.equal(events.filter((event) => event.jobId !== null).length, 1);
  });

  test('the response_url answers 500, then 429 with Retry-After, then 200: the reply is delivered exactly once', async () => {
    const input = `flaky-${Date.now()}`;
    const responseUrl = world.slack.createResponseUrl();
    const path = new URL(responseUrl).pathname;
    world.slack.failNext(1, 500, { path });
    world.slack.rateLimitNext(1, 1, { path });
    const run = await slackCommand(started.url, world, `run echo ${input}`, { response_url: responseUrl });
    assert.equal(run.sent.status, 200);
    await waitUntil(async () => (world.slack.messages.some((m) => JSON.stringify(m.payload).includes(input)) ? true : undefined), 'the delivered reply');
    const posts = world.slack.requests.filter((request) => request.path === path);
    assert.equal(posts.length, 3, 'one failed, one rate-limited, one delivered');
    const [, limited, delivered] = posts;
    assert.ok(limited && delivered && delivered.atMs - limited.atMs >= 1000, 'Retry-After was honoured');
    // Nothing more arrives later: delivered once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(world.slack.messages.filter((m) => JSON.stringify(m.payload).includes(input)).length, 1);
    assert.equal(world.slack.requests.filter((request) => request.path === path).length, 3);
  });

  test("jobs get a clean environment: none of the server's secrets", async () => {
    const run = await slackCommand(started.url, world, 'run env-check');
    const reply = await waitForPost(world.slack, run.path, 'secret=');
    assert.ok(reply.body.includes('secret=[none] home=[set]'), reply.body);
  });
});
