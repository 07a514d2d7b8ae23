import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeSlack, type FakeSlack } from '../../../../test/support/fake-slack.js';
import { manualClock } from '../../../../test/support/manual-clock.js';
import { postToResponseUrl } from '../post-to-response-url.js';
import { renderSlackMessage } from './render-slack-message.js';
import { slackPostMessage, slackUploadFile } from './slack-delivery.js';

const clock = manualClock();
let slack: FakeSlack;
const body = renderSlackMessage({ visibility: 'in_channel', tone: 'success', text: 'done', output: 'hello' });

before(async () => {
  slack = await startFakeSlack({ now: clock.now, channels: ['C0123'] });
});
after(() => slack.close());

describe('postToResponseUrl (Slack)', () => {
  test('a post is delivered and Slack shows it', async () => {
    const url = slack.createResponseUrl();
    assert.deepEqual(await postToResponseUrl(url, body), { kind: 'delivered' });
    const posted = slack.messages.at(-1);
    assert.equal(posted?.via, 'response_url');
    assert.deepEqual(posted?.payload, JSON.parse(JSON.stringify(body)));
    const request = await slack.waitFor((r) => url.endsWith(r.path));
    assert.match(request.headers['content-type'] ?? '', /^application\/json/);
  });

  test('HTTP 500 → retry', async () => {
    slack.failNext(1, 500);
    const result = await postToResponseUrl(slack.createResponseUrl(), body);
    assert.equal(result.kind, 'retry');
    assert.match(result.kind === 'retry' ? result.error : '', /HTTP 500/);
  });

  test('HTTP 429 → retry after the Retry-After seconds', async () => {
    slack.rateLimitNext(1, 7);
    const result = await postToResponseUrl(slack.createResponseUrl(), body);
    assert.equal(result.kind, 'retry');
    assert.equal(result.kind === 'retry' && result.afterMs, 7000);
  });

  test('no answer within the timeout → retry', async () => {
    slack.hangNext(1, 1000);
    const started = Date.now();
    const result = await postToResponseUrl(slack.createResponseUrl(), body, { timeoutMs: 150 });
    assert.equal(result.kind, 'retry');
    assert.match(result.kind === 'retry' ? result.error : '', /150 ms/);
    assert.ok(Date.now() - started < 900);
  });

  test('after 30 minutes the URL is expired → rejected with Slack’s word', async () => {
    const url = slack.createResponseUrl();
    clock.advance(30 * 60 * 1000 + 1);
    const result = await postToResponseUrl(url, body);
    assert.deepEqual(result, { kind: 'rejected', status: 404, error: 'HTTP 404: expired_url' });
  });

  test('the sixth post is rejected as used', async () => {
    const url = slack.createResponseUrl();
    for (let i = 0; i < 5; i += 1) assert.equal((await postToResponseUrl(url, body)).kind, 'delivered');
    const sixth = await postToResponseUrl(url, body);
    assert.equal(sixth.kind, 'rejected');
    assert.match(sixth.kind === 'rejected' ? sixth.error : '', /used_url/);
  });

  test('404 and 410 are rejected; an unreachable host is retried; a bad URL is rejected', async () => {
    slack.replyNext(1, { status: 410, body: 'gone' });
    assert.deepEqual(await postToResponseUrl(slack.createResponseUrl(), body), { kind: 'rejected', status: 410, error: 'HTTP 410: gone' });
    const unknown = await postToResponseUrl(`${slack.url}/commands/T0001/1/unknown`, body);
    assert.equal(unknown.kind === 'rejected' && unknown.status, 404);
    const closed = await postToResponseUrl('http://127.0.0.1:9/commands/x', body, { timeoutMs: 1000 });
    assert.equal(closed.kind, 'retry');
    assert.equal((await postToResponseUrl('not a url', body)).kind, 'rejected');
  });
});

describe('slackPostMessage', () => {
  const input = () => ({ apiUrl: slack.apiUrl, botToken: slack.botToken, channel: 'C0123', body });

  test('delivered, with the message ts, in the thread asked for', async () => {
    const result = await slackPostMessage({ ...input(), threadTs: '1700000000.000100' });
    assert.equal(result.kind, 'delivered');
    const posted = slack.messages.at(-1);
    assert.equal(result.kind === 'delivered' && result.messageId, posted?.ts);
    assert.equal(posted?.channel, 'C0123');
    assert.equal(posted?.threadTs, '1700000000.000100');
    assert.equal(posted?.payload.response_type, undefined);
    const request = await slack.waitFor((r) => r.path === '/api/chat.postMessage');
    assert.equal(request.headers.authorization, `Bearer ${slack.botToken}`);
  });

  test('invalid_auth and channel_not_found are rejected', async () => {
    assert.deepEqual(await slackPostMessage({ ...input(), botToken: 'xoxb-wrong' }), {
      kind: 'rejected',
      status: 200,
      error: 'Slack: invalid_auth',
    });
    const missing = await slackPostMessage({ ...input(), channel: 'C404' });
    assert.equal(missing.kind === 'rejected' && missing.error, 'Slack: channel_not_found');
    slack.apiErrorNext(1, 'not_in_channel');
    assert.equal((await slackPostMessage(input())).kind, 'rejected');
  });

  test('{ok:false, error:"ratelimited"} with HTTP 200 → retry', async () => {
    slack.apiErrorNext(1, 'ratelimited');
    const result = await slackPostMessage(input());
    assert.deepEqual(result, { kind: 'retry', error: 'Slack: ratelimited' });
  });

  test('HTTP 429 → retry with Retry-After; 503 → retry; timeout → retry', async () => {
    slack.rateLimitNext(1, 3, { path: '/api/' });
    const limited = await slackPostMessage(input());
    assert.equal(limited.kind === 'retry' && limited.afterMs, 3000);
    slack.failNext(1, 503);
    assert.equal((await slackPostMessage(input())).kind, 'retry');
    slack.hangNext(1, 1000);
    assert.equal((await slackPostMessage({ ...input(), timeoutMs: 100 })).kind, 'retry');
  });
});

describe('slackUploadFile', () => {
  test('uploads the full output and shares it in the channel', async () => {
    const content = 'line 1\nline 2 & more\n'.repeat(500);
    const result = await slackUploadFile({
      apiUrl: slack.apiUrl,
      botToken: slack.botToken,
      channel: 'C0123',
      threadTs: '1700000000.000100',
      filename: 'job-42.log',
      content,
      initialComment: 'Full output of job 42',
    });
    assert.equal(result.kind, 'delivered');
    const id = result.kind === 'delivered' ? result.messageId ?? '' : '';
    assert.deepEqual(slack.files.get(id), { filename: 'job-42.log', content, expected: Buffer.byteLength(content) });
    const shared = slack.messages.at(-1);
    assert.equal(shared?.via, 'files.completeUploadExternal');
    assert.equal(shared?.payload.thread_ts, '1700000000.000100');
  });

  test('a bad token stops at the first step', async () => {
    const result = await slackUploadFile({ apiUrl: slack.apiUrl, botToken: 'bad', channel: 'C0123', filename: 'a.log', content: 'x' });
    assert.deepEqual(result, { kind: 'rejected', status: 200, error: 'Slack: invalid_auth' });
  });
});
