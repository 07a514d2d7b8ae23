import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/ports/store/store.js';
import { createHttpWorld, MATTERMOST_TOKEN, SLACK_SECRET, unique, type HttpWorld } from './http-world.js';

function slackBody(fields: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C0001',
    channel_name: 'ops',
    user_id: unique('U'),
    user_name: 'jane',
    command: '/chatrun',
    text: 'help',
    response_url: 'https://hooks.slack.test/commands/1',
    trigger_id: unique('trigger.'),
    ...fields,
  }).toString();
}

function sign(body: string, timestamp: number, secret = SLACK_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What a refused request must not leave behind: no audit event, no receipt, no link token. */
async function storedTrace(store: Store): Promise<{ audit: number }> {
  return { audit: (await store.audit.list({ limit: 1000 })).length };
}

describe('POST /chat/slack', () => {
  let world: HttpWorld;
  before(async () => {
    world = await createHttpWorld();
  });
  after(async () => world.close());

  const now = () => Math.floor(world.clock.now() / 1000);
  const post = (body: string, headers: Record<string, string>) =>
    world.app.inject({
      method: 'POST',
      url: '/chat/slack',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: body,
    });

  test("Slack's documented request and signature are accepted byte for byte", async () => {
    const vectorWorld = await createHttpWorld({ slackSecrets: ['8f742231b10e8888abcd99yyyzzz85a5'] });
    try {
      vectorWorld.clock.set(1531420618 * 1000);
      const body =
        'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
      const response = await vectorWorld.app.inject({
        method: 'POST',
        url: '/chat/slack',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': '1531420618',
          'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
        },
        payload: body,
      });
      assert.equal(response.statusCode, 200);
      const payload = response.json();
      assert.equal(payload.response_type, 'ephemeral', 'an unlinked user gets a private answer');
      assert.match(JSON.stringify(payload.blocks), /chat\/link\/crl_/, 'with a link to connect the account');
      assert.equal((await storedTrace(vectorWorld.store)).audit, 1, 'the command is audited once');
    } finally {
      await vectorWorld.close();
    }
  });

  test('a linked developer runs a job: in-channel acknowledgement, a pending job, the runner woken', async () => {
    const project = await world.project();
    const user = await world.user();
    await world.member(user, project, 'developer');
    const chatUserId = unique('U');
    await world.store.chatIdentities.link({ platform: 'slack', teamId: 'T0001', chatUserId, chatUserName: 'jane' }, user.id, world.clock.now());
    const body = slackBody({ user_id: chatUserId, text: `${project.path} run hello-world` });
    const wakesBefore = world.wakes.runner;
    const response = await post(body, { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(body, now()) });
    assert.equal(response.statusCode, 200);
    const payload = response.json();
    assert.equal(payload.response_type, 'in_channel');
    assert.match(JSON.stringify(payload.blocks), /hello-world/);
    const jobs = await world.store.pipelines.listJobs({ projectId: project.id });
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.status, 'pending');
    assert.equal(world.wakes.runner, wakesBefore + 1);
  });

  test('a forged signature is 401 and leaves nothing behind', async () => {
    const before = await storedTrace(world.store);
    const body = slackBody();
    const response = await post(body, { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(body, now(), 'not-the-secret') });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'bad_signature');
    assert.deepEqual(await storedTrace(world.store), before);
  });

  test('a body changed after signing is 401', async () => {
    const body = slackBody();
    const response = await post(body.replace('help', 'run+deploy'), {
      'x-slack-request-timestamp': String(now()),
      'x-slack-signature': sign(body, now()),
    });
    assert.equal(response.statusCode, 401);
  });

  test('timestamps more than 300 s away in either direction are 401; within is fine', async () => {
    const before = await storedTrace(world.store);
    for (const skew of [-301, 301, -100_000]) {
      const body = slackBody();
      const stamp = now() + skew;
      const response = await post(body, { 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': sign(body, stamp) });
      assert.equal(response.statusCode, 401, `skew ${skew}`);
      assert.equal(response.json().error.code, 'bad_signature');
    }
    assert.deepEqual(await storedTrace(world.store), before);
    for (const skew of [-299, 299]) {
      const body = slackBody();
      const stamp = now() + skew;
      const response = await post(body, { 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': sign(body, stamp) });
      assert.equal(response.statusCode, 200, `skew ${skew}`);
    }
  });

  test('missing signature or timestamp headers are 401', async () => {
    const before = await storedTrace(world.store);
    const body = slackBody();
    const cases: Record<string, string>[] = [{}, { 'x-slack-signature': sign(body, now()) }, { 'x-slack-request-timestamp': String(now()) }];
    for (const headers of cases) {
      const response = await post(body, headers);
      assert.equal(response.statusCode, 401, JSON.stringify(headers));
      assert.match(response.json().error.message, /X-Slack/);
    }
    assert.deepEqual(await storedTrace(world.store), before);
  });

  test('a body over the limit is 413 before anything is checked or stored', async () => {
    const before = await storedTrace(world.store);
    const body = slackBody({ text: `run x ${'y'.repeat(70 * 1024)}` });
    const response = await post(body, { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(body, now()) });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'payload_too_large');
    assert.deepEqual(await storedTrace(world.store), before);
  });

  test('ssl_check answers 200 with an empty body', async () => {
    const response = await post('ssl_check=1&token=legacy', {});
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, '');
  });

  test('a signed request without a required field is 400 naming it', async () => {
    const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C1', channel_name: 'ops', user_name: 'jane', command: '/chatrun', text: 'help' }).toString();
    const response = await post(body, { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(body, now()) });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      { code: response.json().error.code, field: response.json().error.field },
      { code: 'missing_field', field: 'user_id' },
    );
    assert.match(await world.metrics.render(), /chatrun_commands_total\{platform="slack",outcome="bad_request"\} 1/);
  });

  test('only form bodies are taken: JSON is 415', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/chat/slack',
      headers: { 'content-type': 'application/json' },
      payload: '{"text":"help"}',
    });
    assert.equal(response.statusCode, 415);
    assert.equal(response.json().error.code, 'unsupported_media_type');
  });

  test('a failure past authentication answers 200 with an ephemeral message and a reference, never a stack', async () => {
    const broken = await createHttpWorld();
    try {
      await broken.store.close();
      const body = slackBody();
      const stamp = Math.floor(broken.clock.now() / 1000);
      const response = await broken.app.inject({
        method: 'POST',
        url: '/chat/slack',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': sign(body, stamp) },
        payload: body,
      });
      assert.equal(response.statusCode, 200);
      const payload = response.json();
      assert.equal(payload.response_type, 'ephemeral');
      assert.match(payload.text + JSON.stringify(payload.blocks), /Something went wrong.*reference [0-9a-f]{12}/);
      assert.doesNotMatch(response.body, /at .*\.ts:\d+|Error:/);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});

describe('POST /chat/slack without Slack configured', () => {
  test('answers 404 platform_not_configured', async () => {
    const world = await createHttpWorld({ slackSecrets: [] });
    try {
      const body = slackBody();
      const response = await world.app.inject({
        method: 'POST',
        url: '/chat/slack',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': '1', 'x-slack-signature': sign(body, 1) },
        payload: body,
      });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'platform_not_configured');
    } finally {
      await world.close();
    }
  });
});

describe('POST /chat/mattermost', () => {
  let world: HttpWorld;
  before(async () => {
    world = await createHttpWorld();
  });
  after(async () => world.close());

  const body = (fields: Record<string, string> = {}) =>
    new URLSearchParams({
      channel_id: 'ch1',
      channel_name: 'town-square',
      command: '/chatrun',
      response_url: 'https://mattermost.test/hooks/commands/abc',
      team_domain: 'acme',
      team_id: 'team1',
      text: 'help',
      trigger_id: unique('mm-trigger-'),
      user_id: unique('mmuser'),
      user_name: 'joe',
      ...fields,
    }).toString();
  const post = (payload: string, headers: Record<string, string> = {}) =>
    world.app.inject({ method: 'POST', url: '/chat/mattermost', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload });

  test('the token in the Authorization header is accepted', async () => {
    const response = await post(body(), { authorization: `Token ${MATTERMOST_TOKEN}` });
    assert.equal(response.statusCode, 200);
    const payload = response.json();
    assert.equal(payload.response_type, 'ephemeral');
    assert.match(JSON.stringify(payload), /chat\/link\/crl_/);
  });

  test('the token in the form field alone is accepted', async () => {
    const response = await post(body({ token: MATTERMOST_TOKEN }));
    assert.equal(response.statusCode, 200);
  });

  test('a wrong or missing token is 401 and leaves nothing behind', async () => {
    const before = await storedTrace(world.store);
    for (const [payload, headers] of [
      [body({ token: 'wrong' }), {}],
      [body(), { authorization: 'Token wrong' }],
      [body(), {}],
    ] as const) {
      const response = await post(payload, headers);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().error.code, 'bad_token');
    }
    assert.deepEqual(await storedTrace(world.store), before);
  });
});
