import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSlackCommand } from '../../src/adapters/chat/slack/parse-slack-command.js';
import { verifySlackRequest } from '../../src/adapters/chat/slack/verify-slack-request.js';
import { sendSlackCommand, signSlackRequest, slackCommandBody, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { manualClock } from './manual-clock.js';
import { startRecordingServer } from './recording-server.js';

const clock = manualClock();
let slack: FakeSlack;

before(async () => {
  slack = await startFakeSlack({ now: clock.now });
});
after(() => slack.close());

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('fake Slack response_url', () => {
  test('accepts 5 posts, then answers 404 used_url', async () => {
    const url = slack.createResponseUrl();
    for (let i = 0; i < 5; i += 1) assert.deepEqual(await post(url, { text: `post ${i}` }), { status: 200, json: { ok: true } });
    assert.deepEqual(await post(url, { text: 'sixth' }), { status: 404, json: { ok: false, error: 'used_url' } });
    assert.equal(slack.messages.filter((m) => m.via === 'response_url').length >= 5, true);
  });

  test('is valid for exactly 30 minutes of the injected clock', async () => {
    const url = slack.createResponseUrl();
    clock.advance(30 * 60 * 1000);
    assert.equal((await post(url, { text: 'at 30:00' })).status, 200);
    clock.advance(1);
    assert.deepEqual(await post(url, { text: 'late' }), { status: 404, json: { ok: false, error: 'expired_url' } });
  });

  test('refuses bodies Slack would refuse, without spending a use', async () => {
    const url = slack.createResponseUrl();
    assert.deepEqual(await post(url, {}), { status: 400, json: { ok: false, error: 'no_text' } });
    const tooLong = { text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) } }] };
    assert.deepEqual(await post(url, tooLong), { status: 400, json: { ok: false, error: 'invalid_blocks' } });
    for (let i = 0; i < 5; i += 1) assert.equal((await post(url, { text: 'fine' })).status, 200);
  });
});

describe('fake Slack Web API', () => {
  test('chat.postMessage checks the bearer token and answers {ok, ts}', async () => {
    const missing = await post(`${slack.apiUrl}/chat.postMessage`, { channel: 'C1', text: 'hi' });
    assert.deepEqual(missing, { status: 200, json: { ok: false, error: 'not_authed' } });
    const wrong = await post(`${slack.apiUrl}/chat.postMessage`, { channel: 'C1', text: 'hi' }, { authorization: 'Bearer nope' });
    assert.deepEqual(wrong.json, { ok: false, error: 'invalid_auth' });
    const ok = await post(`${slack.apiUrl}/chat.postMessage`, { channel: 'C1', text: 'hi' }, { authorization: `Bearer ${slack.botToken}` });
    assert.equal((ok.json as { ok: boolean }).ok, true);
    assert.match((ok.json as { ts: string }).ts, /^\d+\.\d{6}$/);
  });

  test('faults: 500 for the next N, 429 with Retry-After, a hang that later answers', async () => {
    slack.failNext(2, 500);
    const auth = { authorization: `Bearer ${slack.botToken}` };
    const call = () => fetch(`${slack.apiUrl}/chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"channel":"C1","text":"x"}' });
    assert.equal((await call()).status, 500);
    assert.equal((await call()).status, 500);
    assert.equal((await call()).status, 200);
    slack.rateLimitNext(1, 9);
    const limited = await call();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '9');
    assert.deepEqual(await limited.json(), { ok: false, error: 'ratelimited' });
    slack.hangNext(1, 200);
    const started = Date.now();
    assert.equal((await call()).status, 200);
    assert.ok(Date.now() - started >= 190);
  });

  test('waitFor resolves on a later request and rejects on timeout', async () => {
    const waiting = slack.waitFor((r) => r.path === '/api/later');
    await post(`${slack.url}/api/later`, {});
    assert.equal((await waiting).path, '/api/later');
    await assert.rejects(slack.waitFor((r) => r.path === '/never', 50), /no matching request within 50 ms/);
  });
});

describe('Slack client helpers', () => {
  test('signSlackRequest reproduces Slack’s documented signature', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    assert.equal(
      signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body),
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  test('a sent command verifies and parses on the receiving side', async () => {
    const chatrun = await startRecordingServer({ handle: () => ({ status: 200, body: { response_type: 'in_channel', text: '' } }) });
    try {
      const body = slackCommandBody({ text: 'run deploy prod', response_url: slack.createResponseUrl() });
      const sent = await sendSlackCommand(`${chatrun.url}/chat/slack`, { signingSecret: 's3cret', body, timestamp: 1_700_000_000 });
      assert.equal(sent.status, 200);
      assert.deepEqual(sent.json, { response_type: 'in_channel', text: '' });
      const received = await chatrun.waitFor((r) => r.path === '/chat/slack');
      assert.equal(received.headers['content-type'], 'application/x-www-form-urlencoded');
      const verified = verifySlackRequest({ signingSecret: 's3cret', rawBody: received.body, headers: received.headers, nowSeconds: 1_700_000_100 });
      assert.deepEqual(verified, { ok: true, timestamp: 1_700_000_000 });
      const parsed = parseSlackCommand(received.body, received.headers);
      assert.equal(parsed.ok && parsed.request.text, 'run deploy prod');
      const wrong = verifySlackRequest({ signingSecret: 'other', rawBody: received.body, headers: received.headers, nowSeconds: 1_700_000_000 });
      assert.equal(wrong.ok, false);
    } finally {
      await chatrun.close();
    }
  });
});
