import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMattermostCommand } from '../../src/adapters/chat/mattermost/parse-mattermost-command.js';
import { verifyMattermostRequest } from '../../src/adapters/chat/mattermost/verify-mattermost-request.js';
import { mattermostCommandBody, sendMattermostCommand, startFakeMattermost, type FakeMattermost } from './fake-mattermost.js';
import { manualClock } from './manual-clock.js';
import { startRecordingServer } from './recording-server.js';

const clock = manualClock();
let mm: FakeMattermost;

before(async () => {
  mm = await startFakeMattermost({ now: clock.now });
});
after(() => mm.close());

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: { id?: string } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as { id?: string } };
}

describe('fake Mattermost response URL', () => {
  test('5 posts, then 400 try_use.invalid; after 30 minutes 404', async () => {
    const url = mm.createResponseUrl();
    for (let i = 0; i < 5; i += 1) assert.equal((await post(url, { text: `post ${i}` })).status, 200);
    const sixth = await post(url, { text: 'sixth' });
    assert.equal(sixth.status, 400);
    assert.equal(sixth.json.id, 'app.command_webhook.try_use.invalid');
    const later = mm.createResponseUrl();
    clock.advance(30 * 60 * 1000 + 1);
    const expired = await post(later, { text: 'late' });
    assert.equal(expired.status, 404);
    assert.equal(expired.json.id, 'app.command_webhook.get.missing');
  });

  test('a message over 16,383 characters (text plus attachments) is refused', async () => {
    const url = mm.createResponseUrl();
    const over = await post(url, { text: 'a', attachments: [{ text: 'b'.repeat(16_383) }] });
    assert.equal(over.status, 400);
    assert.equal(over.json.id, 'model.post.is_valid.message_length.app_error');
    assert.equal((await post(url, { text: 'a', attachments: [{ text: 'b'.repeat(16_382) }] })).status, 200);
  });
});

describe('fake Mattermost API', () => {
  test('POST /api/v4/posts wants the bot bearer token and answers 201 with the post', async () => {
    const denied = await post(`${mm.url}/api/v4/posts`, { channel_id: 'c1', message: 'hi' }, { authorization: 'Bearer wrong' });
    assert.equal(denied.status, 401);
    const created = await post(`${mm.url}/api/v4/posts`, { channel_id: 'c1', message: 'hi' }, { authorization: `Bearer ${mm.botToken}` });
    assert.equal(created.status, 201);
    assert.equal(created.json.id, mm.posts.at(-1)?.id);
    assert.equal(mm.posts.at(-1)?.channelId, 'c1');
  });
});

describe('Mattermost client helper', () => {
  test('commands sent with the header, the field, or both pass verification and parse', async () => {
    const chatrun = await startRecordingServer({ handle: () => ({ status: 200, body: { response_type: 'ephemeral', text: 'ok' } }) });
    try {
      for (const via of ['header', 'field', 'both'] as const) {
        const body = mattermostCommandBody({ token: 'cmd-token', text: `run hello ${via}` });
        const sent = await sendMattermostCommand(`${chatrun.url}/chat/mattermost?via=${via}`, { body, via });
        assert.equal(sent.status, 200);
        const received = await chatrun.waitFor((r) => r.path.endsWith(`via=${via}`));
        assert.equal(received.headers.authorization === 'Token cmd-token', via !== 'field');
        assert.equal(new URLSearchParams(received.body).has('token'), via !== 'header');
        const verified = verifyMattermostRequest({ tokens: ['cmd-token'], rawBody: received.body, headers: received.headers });
        assert.deepEqual(verified, { ok: true, via: via === 'field' ? 'field' : 'header' });
        const parsed = parseMattermostCommand(received.body);
        assert.equal(parsed.ok && parsed.request.text, `run hello ${via}`);
      }
    } finally {
      await chatrun.close();
    }
  });
});
